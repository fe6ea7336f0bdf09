/**
 * The Create ACL form's draft and its inline checks, in Kafka's words (AclControlManager.validateNewAcl,
 * AclEntry.supportedOperations): principal `Type:name`, host an address or `*`, an operation the
 * resource type supports, CLUSTER named `kafka-cluster`.
 */
import type { AclView } from '../../../shared/security-view';

export const RESOURCE_TYPES = ['TOPIC', 'GROUP', 'CLUSTER', 'TRANSACTIONAL_ID', 'DELEGATION_TOKEN', 'USER'] as const;
export const PATTERN_TYPES = ['LITERAL', 'PREFIXED'] as const;
export const PERMISSIONS = ['ALLOW', 'DENY'] as const;

/** AclEntry.supportedOperations, plus ALL. */
export const OPERATIONS_BY_RESOURCE: Record<AclView['resourceType'], readonly string[]> = {
  TOPIC: ['READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'ALL'],
  GROUP: ['READ', 'DELETE', 'DESCRIBE', 'ALL'],
  CLUSTER: ['CREATE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE', 'ALL'],
  TRANSACTIONAL_ID: ['WRITE', 'DESCRIBE', 'ALL'],
  DELEGATION_TOKEN: ['DESCRIBE', 'ALL'],
  USER: ['CREATE_TOKENS', 'DESCRIBE_TOKENS', 'ALL'],
};

export type AclDraft = AclView;

export const emptyAclDraft: AclDraft = { principal: 'User:', host: '*', operation: 'READ', permissionType: 'ALLOW', resourceType: 'TOPIC', resourceName: '', patternType: 'LITERAL' };

export type AclDraftErrors = Partial<Record<keyof AclDraft, string>>;

export function validateAclDraft(d: AclDraft): AclDraftErrors {
  const errors: AclDraftErrors = {};
  const colon = d.principal.indexOf(':');
  if (colon <= 0 || colon === d.principal.trim().length - 1) errors.principal = 'A principal is Type:name, e.g. User:alice (User:* for everyone).';
  else if (/\s/.test(d.principal)) errors.principal = 'A principal has no spaces.';
  if (d.host.trim().length === 0) errors.host = 'Host is an IP address, or * for any host.';
  if (d.resourceName.trim().length === 0) errors.resourceName = d.resourceType === 'CLUSTER' ? 'The CLUSTER resource is named kafka-cluster.' : 'Resource name should not be empty (* for every resource).';
  else if (d.resourceType === 'CLUSTER' && d.resourceName !== 'kafka-cluster') errors.resourceName = 'The only valid name for the CLUSTER resource is kafka-cluster.';
  if (d.resourceType === 'CLUSTER' && d.patternType !== 'LITERAL') errors.patternType = 'The CLUSTER resource takes a LITERAL pattern.';
  if (!OPERATIONS_BY_RESOURCE[d.resourceType].includes(d.operation)) errors.operation = `Operation ${d.operation} is not supported on resource type ${d.resourceType}.`;
  return errors;
}

/** `User:alice has ALLOW READ on TOPIC orders (LITERAL) from host *` */
export function aclSentence(a: AclView): string {
  return `${a.principal} has ${a.permissionType} ${a.operation} on ${a.resourceType} ${a.resourceName} (${a.patternType}) from host ${a.host}`;
}

export function aclKey(a: AclView): string {
  return [a.resourceType, a.resourceName, a.patternType, a.principal, a.host, a.operation, a.permissionType].join('\u0000');
}

/** The quota form: entity parts and one key. */
export const QUOTA_KEYS = ['producer_byte_rate', 'consumer_byte_rate', 'request_percentage'] as const;

export interface QuotaDraft {
  user: string;
  clientId: string;
  key: (typeof QUOTA_KEYS)[number];
  value: string;
}

/** Checks a quota draft; an empty user and client-id names no entity (use <default> for the default entity). */
export function validateQuotaDraft(d: QuotaDraft): Partial<Record<keyof QuotaDraft, string>> {
  const errors: Partial<Record<keyof QuotaDraft, string>> = {};
  if (d.user.trim() === '' && d.clientId.trim() === '') errors.user = 'Name a user, a client-id or both (<default> for the default entity).';
  const n = Number(d.value);
  if (d.value.trim() === '' || !Number.isFinite(n) || n <= 0) errors.value = 'The quota must be a number greater than 0.';
  else if (d.key !== 'request_percentage' && !Number.isInteger(n)) errors.value = `${d.key} is in bytes per second: a whole number.`;
  return errors;
}

/** The entity of a quota draft: `<default>` means the default entity (null). */
export function quotaEntity(d: QuotaDraft): { user?: string | null; 'client-id'?: string | null } {
  const part = (v: string): string | null => (v.trim() === '<default>' ? null : v.trim());
  return { ...(d.user.trim() !== '' ? { user: part(d.user) } : {}), ...(d.clientId.trim() !== '' ? { 'client-id': part(d.clientId) } : {}) };
}
