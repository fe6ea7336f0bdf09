/**
 * Kafka's ACL vocabulary with the wire codes its Admin API uses (org.apache.kafka.common.acl
 * AclOperation, AclPermissionType; org.apache.kafka.common.resource ResourceType, PatternType) and
 * the binding / filter shapes of AclBinding and AclBindingFilter. Pure data, no I/O.
 */

/** AclOperation codes (the `operation` int8 of CreateAcls/DescribeAcls/DeleteAcls). */
export const ACL_OPERATIONS = {
  UNKNOWN: 0, ANY: 1, ALL: 2, READ: 3, WRITE: 4, CREATE: 5, DELETE: 6, ALTER: 7, DESCRIBE: 8,
  CLUSTER_ACTION: 9, DESCRIBE_CONFIGS: 10, ALTER_CONFIGS: 11, IDEMPOTENT_WRITE: 12, CREATE_TOKENS: 13, DESCRIBE_TOKENS: 14,
} as const;
export type AclOperation = keyof typeof ACL_OPERATIONS;

/** ResourceType codes. */
export const RESOURCE_TYPES = { UNKNOWN: 0, ANY: 1, TOPIC: 2, GROUP: 3, CLUSTER: 4, TRANSACTIONAL_ID: 5, DELEGATION_TOKEN: 6, USER: 7 } as const;
export type ResourceType = keyof typeof RESOURCE_TYPES;

/** PatternType codes (KIP-290). MATCH and ANY only appear in filters. */
export const PATTERN_TYPES = { UNKNOWN: 0, ANY: 1, MATCH: 2, LITERAL: 3, PREFIXED: 4 } as const;
export type PatternType = keyof typeof PATTERN_TYPES;

/** AclPermissionType codes. */
export const PERMISSION_TYPES = { UNKNOWN: 0, ANY: 1, DENY: 2, ALLOW: 3 } as const;
export type PermissionType = keyof typeof PERMISSION_TYPES;

/** The name of the one CLUSTER resource (Resource.CLUSTER_NAME). */
export const CLUSTER_RESOURCE_NAME = 'kafka-cluster';
/** The wildcard resource name, principal (`User:*`) name and host (ResourcePattern.WILDCARD_RESOURCE, AclEntry.WILDCARD_HOST). */
export const WILDCARD = '*';

/** A concrete ACL (AclBinding): a resource pattern and an access control entry. */
export interface AclBinding {
  resourceType: Exclude<ResourceType, 'UNKNOWN' | 'ANY'>;
  resourceName: string;
  patternType: 'LITERAL' | 'PREFIXED';
  /** `User:alice`, or `User:*` for every principal. */
  principal: string;
  /** A client IP address, or `*` for any host. */
  host: string;
  operation: Exclude<AclOperation, 'UNKNOWN' | 'ANY'>;
  permissionType: 'ALLOW' | 'DENY';
}

/** AclBindingFilter: null strings match any value, ANY matches any enum value. */
export interface AclBindingFilter {
  resourceType: ResourceType;
  resourceName: string | null;
  patternType: PatternType;
  principal: string | null;
  host: string | null;
  operation: AclOperation;
  permissionType: PermissionType;
}

/** The operations each resource type supports (AclEntry.supportedOperations), in code order: KIP-430's answer set. */
export const SUPPORTED_OPERATIONS: Record<AclBinding['resourceType'], readonly AclOperation[]> = {
  TOPIC: ['READ', 'WRITE', 'CREATE', 'DELETE', 'ALTER', 'DESCRIBE', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS'],
  GROUP: ['READ', 'DELETE', 'DESCRIBE'],
  CLUSTER: ['CREATE', 'ALTER', 'DESCRIBE', 'CLUSTER_ACTION', 'DESCRIBE_CONFIGS', 'ALTER_CONFIGS', 'IDEMPOTENT_WRITE'],
  TRANSACTIONAL_ID: ['WRITE', 'DESCRIBE'],
  DELEGATION_TOKEN: ['DESCRIBE'],
  USER: ['CREATE_TOKENS', 'DESCRIBE_TOKENS'],
};

export function nameOfCode<T extends Record<string, number>>(table: T, value: number): keyof T | null {
  for (const [name, c] of Object.entries(table)) if (c === value) return name as keyof T;
  return null;
}

/**
 * Parses `Type:name` as KafkaPrincipal does (SecurityUtils.parseKafkaPrincipal): the type is
 * everything before the first colon; both parts must be non-empty. Returns null when malformed.
 */
export function parsePrincipal(text: string): { principalType: string; name: string } | null {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return null;
  return { principalType: text.slice(0, colon), name: text.slice(colon + 1) };
}

/**
 * Why a new ACL is invalid, in Kafka's words (AclControlManager.validateNewAcl), or null when it is
 * valid. Errors are INVALID_REQUEST on the wire.
 */
export function invalidBindingReason(b: { resourceType: ResourceType; resourceName: string; patternType: PatternType; principal: string; host: string; operation: AclOperation; permissionType: PermissionType }): string | null {
  if (b.resourceType === 'UNKNOWN' || b.resourceType === 'ANY') return `Invalid resourceType ${b.resourceType}`;
  if (b.patternType !== 'LITERAL' && b.patternType !== 'PREFIXED') return `Invalid patternType ${b.patternType}`;
  if (b.operation === 'UNKNOWN' || b.operation === 'ANY') return `Invalid operation ${b.operation}`;
  if (b.permissionType !== 'ALLOW' && b.permissionType !== 'DENY') return `Invalid permissionType ${b.permissionType}`;
  if (b.resourceName.length === 0) return 'Resource name should not be empty';
  if (b.resourceType === 'CLUSTER' && (b.resourceName !== CLUSTER_RESOURCE_NAME || b.patternType !== 'LITERAL')) return `The only valid name for the CLUSTER resource is ${CLUSTER_RESOURCE_NAME}`;
  if (!parsePrincipal(b.principal)) return `Could not parse principal from \`${b.principal}\` (no colon is present separating the principal type from name)`;
  if (b.host.length === 0) return 'Host should not be empty';
  if (b.operation !== 'ALL' && !SUPPORTED_OPERATIONS[b.resourceType].includes(b.operation)) return `Operation ${b.operation} is not supported on resource type ${b.resourceType}`;
  return null;
}

/** Why a filter is invalid (UNKNOWN anywhere: AclBindingFilter.findIndefiniteField), or null. */
export function invalidFilterReason(f: AclBindingFilter): string | null {
  if (f.resourceType === 'UNKNOWN') return 'Invalid resourceType UNKNOWN';
  if (f.patternType === 'UNKNOWN') return 'Invalid patternType UNKNOWN';
  if (f.operation === 'UNKNOWN') return 'Invalid operation UNKNOWN';
  if (f.permissionType === 'UNKNOWN') return 'Invalid permissionType UNKNOWN';
  return null;
}

/** AclBindingFilter.matches: whether a binding falls under a filter (DescribeAcls, DeleteAcls). */
export function filterMatches(f: AclBindingFilter, b: AclBinding): boolean {
  if (f.resourceType !== 'ANY' && f.resourceType !== b.resourceType) return false;
  if (!patternFilterMatches(f, b)) return false;
  if (f.principal !== null && f.principal !== b.principal) return false;
  if (f.host !== null && f.host !== b.host) return false;
  if (f.operation !== 'ANY' && f.operation !== b.operation) return false;
  if (f.permissionType !== 'ANY' && f.permissionType !== b.permissionType) return false;
  return true;
}

/** ResourcePatternFilter.matches, including MATCH (KIP-290): literal equal, literal `*`, or a prefix of the name. */
function patternFilterMatches(f: AclBindingFilter, b: AclBinding): boolean {
  switch (f.patternType) {
    case 'ANY': return f.resourceName === null || f.resourceName === b.resourceName;
    case 'MATCH':
      if (f.resourceName === null) return true;
      if (b.patternType === 'LITERAL') return b.resourceName === f.resourceName || b.resourceName === WILDCARD;
      return f.resourceName.startsWith(b.resourceName);
    case 'LITERAL':
    case 'PREFIXED':
      return f.patternType === b.patternType && (f.resourceName === null || f.resourceName === b.resourceName);
    default: return false;
  }
}

/** `User:alice has ALLOW READ on TOPIC orders (LITERAL) from *`, for events and the UI. */
export function describeBinding(b: AclBinding): string {
  return `${b.principal} has ${b.permissionType} ${b.operation} on ${b.resourceType} ${b.resourceName} (${b.patternType}) from ${b.host}`;
}

/** A stable key of a binding: CreateAcls of an existing binding is a no-op, as in Kafka. */
export function bindingKey(b: AclBinding): string {
  return JSON.stringify([b.resourceType, b.resourceName, b.patternType, b.principal, b.host, b.operation, b.permissionType]);
}
