/**
 * What the Security view shows of a cluster's authorization and client quotas (issue 16): the
 * authorizer's settings, the ACLs in the cluster metadata, the client quotas, and which client
 * connections are throttled now. Kafka's vocabulary throughout (AclBinding, ClientQuotaEntity).
 */

/** One ACL (AclBinding) with Kafka's names for its parts. */
export interface AclView {
  resourceType: 'TOPIC' | 'GROUP' | 'CLUSTER' | 'TRANSACTIONAL_ID' | 'DELEGATION_TOKEN' | 'USER';
  resourceName: string;
  patternType: 'LITERAL' | 'PREFIXED';
  /** `User:alice`, or `User:*`. */
  principal: string;
  /** A client IP address, or `*`. */
  host: string;
  /** READ, WRITE, CREATE, DELETE, ALTER, DESCRIBE, CLUSTER_ACTION, DESCRIBE_CONFIGS, ALTER_CONFIGS, IDEMPOTENT_WRITE, CREATE_TOKENS, DESCRIBE_TOKENS or ALL. */
  operation: string;
  permissionType: 'ALLOW' | 'DENY';
}

/**
 * A quota entity (ClientQuotaEntity, KIP-546): `user` and/or `client-id`, each a name or null for
 * the default entity (`<default>`). An absent key means "not part of this entity".
 */
export interface ClientQuotaEntityView {
  user?: string | null;
  'client-id'?: string | null;
}

export interface ClientQuotaView {
  entity: ClientQuotaEntityView;
  /** producer_byte_rate, consumer_byte_rate (bytes/s) and request_percentage (% of one I/O thread), as set. */
  values: Record<string, number>;
}

/** A (user, client-id) on one broker throttled now by a client quota (ClientQuotaManager), wall-clock on the wire side. */
export interface ThrottledClientView {
  brokerId: number;
  /** The quota's user: the principal's name (ANONYMOUS on PLAINTEXT). */
  user: string;
  clientId: string;
  /** produce (producer_byte_rate, bytes/s), fetch (consumer_byte_rate, bytes/s) or request (request_percentage, % of one thread). */
  quotaType: 'produce' | 'fetch' | 'request';
  /** The throttle time of its last throttled response (ms). */
  throttleTimeMs: number;
  /** Wall-clock ms until its channel is unmuted (0 once it is). */
  mutedForMs: number;
  /** The quota and the rate measured over the quota window, in the quota's unit. */
  quota: number;
  measuredRate: number;
}

export interface SecurityView {
  /** authorizer.class.name is org.apache.kafka.metadata.authorizer.StandardAuthorizer. */
  authorizerEnabled: boolean;
  superUsers: string[];
  allowEveryoneIfNoAclFound: boolean;
  acls: AclView[];
  quotas: ClientQuotaView[];
  throttled: ThrottledClientView[];
}

/** `user=alice, client-id=<default>` as kafka-client-quotas prints an entity. */
export function formatQuotaEntity(entity: ClientQuotaEntityView): string {
  const parts: string[] = [];
  if ('user' in entity) parts.push(`user=${entity.user ?? '<default>'}`);
  if ('client-id' in entity) parts.push(`client-id=${entity['client-id'] ?? '<default>'}`);
  return parts.join(', ');
}
