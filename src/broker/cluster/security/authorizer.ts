/**
 * The authorization decision of Kafka's StandardAuthorizer (org.apache.kafka.metadata.authorizer
 * StandardAuthorizerData.authorize / findAclRule), over the ACLs held in the cluster metadata:
 *
 * - a principal in `super.users` is allowed everything;
 * - ACLs apply to the request's principal or `User:*`, from its host or `*`, on the resource's
 *   LITERAL name, the LITERAL `*`, or any PREFIXED pattern the name starts with;
 * - any matching DENY wins; else a matching ALLOW allows. ALLOW ALL allows every operation;
 *   ALLOW READ/WRITE/DELETE/ALTER imply DESCRIBE and ALLOW ALTER_CONFIGS implies DESCRIBE_CONFIGS
 *   (DENY implies nothing but itself, except DENY ALL);
 * - when no ACL at all names the resource (for any principal), `allow.everyone.if.no.acl.found`
 *   decides (false by default: denied).
 *
 * Pure: no clock, no I/O. The wire layer asks through the per-API checks in
 * src/broker/wire/handlers/authorize.ts.
 */
import type { AclBinding, AclOperation } from './acl-types';
import { CLUSTER_RESOURCE_NAME, SUPPORTED_OPERATIONS, WILDCARD } from './acl-types';
import type { KafkaPrincipal } from './principal';
import { principalToString } from './principal';

/** The broker config value that switches authorization on (KRaft's authorizer). */
export const STANDARD_AUTHORIZER_CLASS = 'org.apache.kafka.metadata.authorizer.StandardAuthorizer';

export interface AuthorizerSettings {
  /** authorizer.class.name is the StandardAuthorizer. */
  enabled: boolean;
  /** super.users, as `User:name` strings (Kafka separates them with semicolons). */
  superUsers: ReadonlySet<string>;
  /** allow.everyone.if.no.acl.found */
  allowEveryoneIfNoAclFound: boolean;
}

/** A resource an action is on (ResourcePattern with a LITERAL name). */
export interface ResourceRef {
  resourceType: AclBinding['resourceType'];
  resourceName: string;
}

export interface AuthorizationDecision {
  allowed: boolean;
  /** Why, for the timeline: `super user`, `ALLOW ACL …`, `DENY ACL …`, `no ACL found`, `no matching ALLOW ACL`. */
  reason: string;
}

/** Parses super.users: `User:alice;User:bob` (semicolon-separated, as Kafka's config). */
export function parseSuperUsers(value: string | null): Set<string> {
  return new Set((value ?? '').split(';').map((s) => s.trim()).filter((s) => s.length > 0));
}

/** Whether an ACL's operation grants (ALLOW) the requested operation, with Kafka's implied operations. */
function allowCovers(aclOperation: AclOperation, requested: AclOperation): boolean {
  if (aclOperation === 'ALL' || aclOperation === requested) return true;
  if (requested === 'DESCRIBE') return aclOperation === 'READ' || aclOperation === 'WRITE' || aclOperation === 'DELETE' || aclOperation === 'ALTER';
  if (requested === 'DESCRIBE_CONFIGS') return aclOperation === 'ALTER_CONFIGS';
  return false;
}

function denyCovers(aclOperation: AclOperation, requested: AclOperation): boolean {
  return aclOperation === 'ALL' || aclOperation === requested;
}

/** Whether an ACL's resource pattern applies to a concrete resource name. */
export function patternApplies(acl: AclBinding, resource: ResourceRef): boolean {
  if (acl.resourceType !== resource.resourceType) return false;
  if (acl.patternType === 'LITERAL') return acl.resourceName === resource.resourceName || acl.resourceName === WILDCARD;
  return resource.resourceName.startsWith(acl.resourceName);
}

export function authorize(settings: AuthorizerSettings, acls: readonly AclBinding[], principal: KafkaPrincipal, host: string, operation: AclOperation, resource: ResourceRef): AuthorizationDecision {
  if (!settings.enabled) return { allowed: true, reason: 'no authorizer' };
  const who = principalToString(principal);
  if (settings.superUsers.has(who)) return { allowed: true, reason: `${who} is a super user` };
  const wildcardPrincipal = `${principal.principalType}:${WILDCARD}`;
  let anyForResource = false;
  let allow: AclBinding | null = null;
  for (const acl of acls) {
    if (!patternApplies(acl, resource)) continue;
    anyForResource = true;
    if (acl.principal !== who && acl.principal !== wildcardPrincipal) continue;
    if (acl.host !== host && acl.host !== WILDCARD) continue;
    if (acl.permissionType === 'DENY') {
      if (denyCovers(acl.operation, operation)) return { allowed: false, reason: `DENY ACL: ${acl.principal} ${acl.operation} on ${acl.resourceType} ${acl.resourceName} (${acl.patternType})` };
    } else if (allow === null && allowCovers(acl.operation, operation)) {
      allow = acl;
    }
  }
  if (allow) return { allowed: true, reason: `ALLOW ACL: ${allow.principal} ${allow.operation} on ${allow.resourceType} ${allow.resourceName} (${allow.patternType})` };
  if (!anyForResource) return settings.allowEveryoneIfNoAclFound ? { allowed: true, reason: 'no ACL found; allow.everyone.if.no.acl.found=true' } : { allowed: false, reason: 'no ACL found for the resource' };
  return { allowed: false, reason: 'no matching ALLOW ACL' };
}

/** KIP-430: the bit field of operations the principal may perform on a resource (bit n = operation code n). */
export function authorizedOperationsBits(settings: AuthorizerSettings, acls: readonly AclBinding[], principal: KafkaPrincipal, host: string, resource: ResourceRef, codes: Readonly<Record<string, number>>): number {
  let bits = 0;
  for (const op of SUPPORTED_OPERATIONS[resource.resourceType]) {
    if (authorize(settings, acls, principal, host, op, resource).allowed) bits |= 1 << codes[op]!;
  }
  return bits;
}

export const CLUSTER_RESOURCE: ResourceRef = Object.freeze({ resourceType: 'CLUSTER', resourceName: CLUSTER_RESOURCE_NAME });
