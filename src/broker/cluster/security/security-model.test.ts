import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { replayTrace } from '../../sim/trace';
import { attachSecurity } from './security-model';
import type { AclBinding } from './acl-types';

const alice: AclBinding = { resourceType: 'TOPIC', resourceName: 'orders', patternType: 'LITERAL', principal: 'User:alice', host: '*', operation: 'READ', permissionType: 'ALLOW' };
const authorizerOn = { 'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer' };

describe('the security model', () => {
  it('keeps ACLs and quotas as inputs: a replayed trace has the same ACLs, quotas and events', () => {
    const cluster = createCluster({ seed: 7, brokers: [{ brokerId: 1, rack: null }], brokerConfig: authorizerOn });
    const security = attachSecurity(cluster);
    expect(security.createAcls([alice, alice, { ...alice, principal: 'alice' }]).map((r) => r.errorName)).toEqual(['NONE', 'NONE', 'INVALID_REQUEST']);
    expect(security.listAcls()).toHaveLength(1);
    expect(security.alterClientQuotas([{ entity: [{ entityType: 'client-id', entityName: 'app' }], ops: [{ key: 'producer_byte_rate', value: 102400, remove: false }] }], false)).toEqual([null]);
    security.authorizationFailed({ principal: 'User:bob', host: '10.0.0.1', operation: 'READ', resource: { resourceType: 'TOPIC', resourceName: 'orders' }, apiName: 'Fetch' });
    security.authorizationFailed({ principal: 'User:bob', host: '10.0.0.1', operation: 'READ', resource: { resourceType: 'TOPIC', resourceName: 'orders' }, apiName: 'Fetch' });
    cluster.runUntil(cluster.now() + 2000);
    security.authorizationFailed({ principal: 'User:bob', host: '10.0.0.1', operation: 'READ', resource: { resourceType: 'TOPIC', resourceName: 'orders' }, apiName: 'Fetch' });
    expect(security.deleteAcls([{ resourceType: 'ANY', resourceName: null, patternType: 'ANY', principal: 'User:alice', host: null, operation: 'ANY', permissionType: 'ANY' }])[0]!.deleted).toHaveLength(1);
    const failures = cluster.events.filter((e) => e.type === 'authorization-failed');
    // The second denial within a second is held back and counted into the next event.
    expect(failures.map((e) => e.type === 'authorization-failed' && e.count)).toEqual([1, 2]);
    const securityEvents = (events: typeof cluster.events) => events.filter((e) => ['acl-created', 'acl-deleted', 'authorization-failed', 'client-quota-altered'].includes(e.type)).map(({ seq: _seq, ...e }) => e);

    const replayed = replayTrace(cluster.exportTrace(), (c) => void attachSecurity(c));
    expect(securityEvents(replayed.events)).toEqual(securityEvents(cluster.events));
    expect(attachSecurity(replayed).listAcls()).toEqual([]);
    expect(attachSecurity(replayed).quotaFor('ANONYMOUS', 'app', 'producer_byte_rate')).toBe(102400);
  });

  it('resolves quotas in ClientQuotaManager precedence order', () => {
    const cluster = createCluster({ seed: 8, brokers: [{ brokerId: 1, rack: null }] });
    const security = attachSecurity(cluster);
    const set = (entity: { entityType: string; entityName: string | null }[], value: number) => security.alterClientQuotas([{ entity, ops: [{ key: 'producer_byte_rate', value, remove: false }] }], false);
    set([{ entityType: 'client-id', entityName: null }], 1);
    expect(security.quotaFor('alice', 'app', 'producer_byte_rate')).toBe(1);
    set([{ entityType: 'client-id', entityName: 'app' }], 2);
    expect(security.quotaFor('alice', 'app', 'producer_byte_rate')).toBe(2);
    set([{ entityType: 'user', entityName: null }], 3);
    expect(security.quotaFor('alice', 'app', 'producer_byte_rate')).toBe(3);
    set([{ entityType: 'user', entityName: 'alice' }], 4);
    expect(security.quotaFor('alice', 'app', 'producer_byte_rate')).toBe(4);
    set([{ entityType: 'user', entityName: 'alice' }, { entityType: 'client-id', entityName: 'app' }], 5);
    expect(security.quotaFor('alice', 'app', 'producer_byte_rate')).toBe(5);
    expect(security.quotaFor('bob', 'other', 'producer_byte_rate')).toBe(3);
    expect(security.alterClientQuotas([{ entity: [{ entityType: 'user', entityName: 'x' }], ops: [{ key: 'bogus', value: 1, remove: false }] }], false)).toEqual(['Invalid configuration key bogus']);
    expect(security.describeClientQuotas([{ entityType: 'user', matchType: 0, match: 'alice' }], true)).toEqual([{ entity: { user: 'alice' }, values: { producer_byte_rate: 4 } }]);
  });
});
