import { describe, expect, it } from 'vitest';
import { emptyAclDraft, quotaEntity, validateAclDraft, validateQuotaDraft } from './acl-form';

describe('the Create ACL form checks', () => {
  it('accepts a valid ACL and names each wrong field in Kafka words', () => {
    expect(validateAclDraft({ ...emptyAclDraft, principal: 'User:alice', resourceName: 'orders' })).toEqual({});
    const errors = validateAclDraft({ ...emptyAclDraft, principal: 'alice', host: '', resourceName: '', operation: 'IDEMPOTENT_WRITE' });
    expect(errors.principal).toMatch(/Type:name/);
    expect(errors.host).toMatch(/IP address/);
    expect(errors.resourceName).toMatch(/should not be empty/);
    expect(errors.operation).toBe('Operation IDEMPOTENT_WRITE is not supported on resource type TOPIC.');
    expect(validateAclDraft({ ...emptyAclDraft, principal: 'User:a', resourceType: 'CLUSTER', resourceName: 'x', operation: 'ALTER' }).resourceName).toMatch(/kafka-cluster/);
  });

  it('checks quota drafts and maps <default> to the default entity', () => {
    expect(validateQuotaDraft({ user: '', clientId: '', key: 'producer_byte_rate', value: '100' }).user).toBeDefined();
    expect(validateQuotaDraft({ user: 'alice', clientId: '', key: 'producer_byte_rate', value: '1.5' }).value).toMatch(/whole number/);
    expect(validateQuotaDraft({ user: '', clientId: 'app', key: 'request_percentage', value: '12.5' })).toEqual({});
    expect(quotaEntity({ user: '<default>', clientId: 'app', key: 'producer_byte_rate', value: '1' })).toEqual({ user: null, 'client-id': 'app' });
  });
});
