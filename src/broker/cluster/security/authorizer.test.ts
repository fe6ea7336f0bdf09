import { describe, expect, it } from 'vitest';
import { ACL_OPERATIONS, filterMatches, invalidBindingReason, type AclBinding, type AclBindingFilter } from './acl-types';
import { authorize, authorizedOperationsBits, parseSuperUsers, type AuthorizerSettings } from './authorizer';

const on: AuthorizerSettings = { enabled: true, superUsers: new Set(), allowEveryoneIfNoAclFound: false };
const alice = { principalType: 'User', name: 'alice' };
const bob = { principalType: 'User', name: 'bob' };
const topic = (resourceName: string) => ({ resourceType: 'TOPIC' as const, resourceName });

function acl(partial: Partial<AclBinding>): AclBinding {
  return { resourceType: 'TOPIC', resourceName: 'orders', patternType: 'LITERAL', principal: 'User:alice', host: '*', operation: 'READ', permissionType: 'ALLOW', ...partial };
}

describe('StandardAuthorizer semantics', () => {
  it('allows everything when no authorizer is configured', () => {
    expect(authorize({ ...on, enabled: false }, [], alice, '1.2.3.4', 'WRITE', topic('orders')).allowed).toBe(true);
  });

  it('denies a resource no ACL names unless allow.everyone.if.no.acl.found', () => {
    expect(authorize(on, [], alice, '127.0.0.1', 'READ', topic('orders')).allowed).toBe(false);
    expect(authorize({ ...on, allowEveryoneIfNoAclFound: true }, [], alice, '127.0.0.1', 'READ', topic('orders')).allowed).toBe(true);
    // An ACL for someone else on the resource means "ACLs found": bob is denied even with the flag.
    expect(authorize({ ...on, allowEveryoneIfNoAclFound: true }, [acl({})], bob, '127.0.0.1', 'READ', topic('orders')).allowed).toBe(false);
  });

  it('lets a matching ALLOW allow and any matching DENY win over it', () => {
    const allow = acl({});
    expect(authorize(on, [allow], alice, '127.0.0.1', 'READ', topic('orders')).allowed).toBe(true);
    expect(authorize(on, [allow], alice, '127.0.0.1', 'WRITE', topic('orders')).allowed).toBe(false);
    const deny = acl({ principal: 'User:*', permissionType: 'DENY' });
    expect(authorize(on, [allow, deny], alice, '127.0.0.1', 'READ', topic('orders'))).toMatchObject({ allowed: false });
    expect(authorize(on, [deny, allow], alice, '127.0.0.1', 'READ', topic('orders')).reason).toContain('DENY');
  });

  it('matches prefixed patterns, the literal wildcard resource, the wildcard principal and hosts', () => {
    const prefixed = acl({ resourceName: 'ord', patternType: 'PREFIXED' });
    expect(authorize(on, [prefixed], alice, 'h', 'READ', topic('orders')).allowed).toBe(true);
    expect(authorize(on, [prefixed], alice, 'h', 'READ', topic('payments')).allowed).toBe(false);
    expect(authorize(on, [acl({ resourceName: '*' })], alice, 'h', 'READ', topic('anything')).allowed).toBe(true);
    // A literal "ord" is not a prefix.
    expect(authorize(on, [acl({ resourceName: 'ord' })], alice, 'h', 'READ', topic('orders')).allowed).toBe(false);
    expect(authorize(on, [acl({ principal: 'User:*' })], bob, 'h', 'READ', topic('orders')).allowed).toBe(true);
    expect(authorize(on, [acl({ host: '10.0.0.1' })], alice, '10.0.0.1', 'READ', topic('orders')).allowed).toBe(true);
    expect(authorize(on, [acl({ host: '10.0.0.1' })], alice, '10.0.0.2', 'READ', topic('orders')).allowed).toBe(false);
    expect(authorize(on, [acl({ resourceType: 'GROUP' })], alice, 'h', 'READ', topic('orders')).allowed).toBe(false);
  });

  it('implies DESCRIBE from READ/WRITE/DELETE/ALTER and DESCRIBE_CONFIGS from ALTER_CONFIGS, for ALLOW only', () => {
    for (const operation of ['READ', 'WRITE', 'DELETE', 'ALTER'] as const) {
      expect(authorize(on, [acl({ operation })], alice, 'h', 'DESCRIBE', topic('orders')).allowed).toBe(true);
    }
    expect(authorize(on, [acl({ operation: 'CREATE' })], alice, 'h', 'DESCRIBE', topic('orders')).allowed).toBe(false);
    expect(authorize(on, [acl({ operation: 'ALTER_CONFIGS' })], alice, 'h', 'DESCRIBE_CONFIGS', topic('orders')).allowed).toBe(true);
    expect(authorize(on, [acl({ operation: 'ALL' })], alice, 'h', 'DELETE', topic('orders')).allowed).toBe(true);
    // DENY READ does not deny DESCRIBE; DENY ALL denies everything.
    const describe = acl({ operation: 'DESCRIBE' });
    expect(authorize(on, [describe, acl({ operation: 'READ', permissionType: 'DENY' })], alice, 'h', 'DESCRIBE', topic('orders')).allowed).toBe(true);
    expect(authorize(on, [describe, acl({ operation: 'ALL', permissionType: 'DENY' })], alice, 'h', 'DESCRIBE', topic('orders')).allowed).toBe(false);
  });

  it('allows super users everything, even against a DENY', () => {
    const settings = { ...on, superUsers: parseSuperUsers('User:admin; User:alice') };
    expect(authorize(settings, [acl({ permissionType: 'DENY', operation: 'ALL' })], alice, 'h', 'WRITE', topic('orders')).allowed).toBe(true);
    expect(authorize(settings, [], bob, 'h', 'WRITE', topic('orders')).allowed).toBe(false);
  });

  it('computes KIP-430 authorized operations as a bit field of operation codes', () => {
    const bits = authorizedOperationsBits(on, [acl({ operation: 'READ' })], alice, 'h', topic('orders'), ACL_OPERATIONS);
    expect(bits).toBe((1 << ACL_OPERATIONS.READ) | (1 << ACL_OPERATIONS.DESCRIBE));
  });
});

describe('ACL bindings and filters', () => {
  const any: AclBindingFilter = { resourceType: 'ANY', resourceName: null, patternType: 'ANY', principal: null, host: null, operation: 'ANY', permissionType: 'ANY' };

  it('matches MATCH filters against literal, wildcard and prefixed bindings', () => {
    const match = { ...any, resourceType: 'TOPIC' as const, resourceName: 'orders', patternType: 'MATCH' as const };
    expect(filterMatches(match, acl({}))).toBe(true);
    expect(filterMatches(match, acl({ resourceName: '*' }))).toBe(true);
    expect(filterMatches(match, acl({ resourceName: 'or', patternType: 'PREFIXED' }))).toBe(true);
    expect(filterMatches(match, acl({ resourceName: 'pay', patternType: 'PREFIXED' }))).toBe(false);
    expect(filterMatches({ ...any, patternType: 'LITERAL' }, acl({ patternType: 'PREFIXED' }))).toBe(false);
    expect(filterMatches({ ...any, principal: 'User:bob' }, acl({}))).toBe(false);
  });

  it('refuses bindings Kafka refuses, in its words', () => {
    const base = acl({});
    expect(invalidBindingReason(base)).toBeNull();
    expect(invalidBindingReason({ ...base, principal: 'alice' })).toMatch(/Could not parse principal/);
    expect(invalidBindingReason({ ...base, operation: 'ANY' })).toBe('Invalid operation ANY');
    expect(invalidBindingReason({ ...base, patternType: 'MATCH' })).toBe('Invalid patternType MATCH');
    expect(invalidBindingReason({ ...base, operation: 'IDEMPOTENT_WRITE' })).toMatch(/not supported on resource type TOPIC/);
    expect(invalidBindingReason({ ...base, resourceType: 'CLUSTER', resourceName: 'x' })).toMatch(/kafka-cluster/);
  });
});
