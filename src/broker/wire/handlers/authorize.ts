/**
 * The authorization checks of the handlers, as Kafka's AuthHelper and KafkaApis make them: one
 * `RequestAuthorizer` per request asks the cluster's StandardAuthorizer
 * (src/broker/cluster/security/authorizer.ts) for the request's principal and client host, and
 * reports every denial to the timeline (logIfDenied, as Kafka's authorizer logger does). Without an
 * authorizer (authorizer.class.name unset, or a host without the security model) everything is
 * allowed and KIP-430 authorized operations stay omitted (INT32_MIN).
 *
 * Which operation each API needs (KafkaApis, Kafka 3.x/4.x):
 * - Produce WRITE topic (TOPIC_AUTHORIZATION_FAILED per partition); transactional: WRITE
 *   TRANSACTIONAL_ID first (TRANSACTIONAL_ID_AUTHORIZATION_FAILED for every partition).
 * - Fetch READ topic; ListOffsets, OffsetForLeaderEpoch, DeleteRecords (DELETE) per topic.
 * - Metadata DESCRIBE topic: unnamed topics are hidden, named ones TOPIC_AUTHORIZATION_FAILED;
 *   auto-creation needs CREATE on the cluster or the topic.
 * - CreateTopics CREATE (cluster or topic), DeleteTopics DELETE, CreatePartitions ALTER,
 *   DescribeConfigs DESCRIBE_CONFIGS, AlterConfigs/IncrementalAlterConfigs ALTER_CONFIGS
 *   (topic, or cluster for BROKER resources: CLUSTER_AUTHORIZATION_FAILED).
 * - Group APIs READ group (GROUP_AUTHORIZATION_FAILED), DescribeGroups DESCRIBE, DeleteGroups
 *   DELETE, OffsetCommit/TxnOffsetCommit READ group + READ topic, OffsetFetch DESCRIBE group +
 *   DESCRIBE topic; FindCoordinator DESCRIBE group / transactional id.
 * - InitProducerId / AddPartitionsToTxn / AddOffsetsToTxn / EndTxn / TxnOffsetCommit WRITE
 *   TRANSACTIONAL_ID; InitProducerId without one: IDEMPOTENT_WRITE on the cluster or WRITE on some
 *   topic (KIP-679).
 * - ElectLeaders, AlterPartitionReassignments ALTER cluster; ListPartitionReassignments,
 *   DescribeAcls DESCRIBE cluster (DescribeCluster needs none: without DESCRIBE its authorized
 *   operations are 0); CreateAcls, DeleteAcls ALTER cluster;
 *   DescribeClientQuotas DESCRIBE_CONFIGS, AlterClientQuotas ALTER_CONFIGS on the cluster.
 */
import { ACL_OPERATIONS, CLUSTER_RESOURCE_NAME, SUPPORTED_OPERATIONS, WILDCARD, type AclBinding, type AclOperation } from '../../cluster/security/acl-types';
import { authorizedOperationsBits, CLUSTER_RESOURCE, type AuthorizerSettings, type ResourceRef } from '../../cluster/security/authorizer';
import { principalToString } from '../../cluster/security/principal';
import type { SecurityModel } from '../../cluster/security/security-model';
import { AUTHORIZED_OPERATIONS_OMITTED } from '../../protocol';
import type { RequestContext } from '../handler';

export type ResourceType = ResourceRef['resourceType'];

export class RequestAuthorizer {
  private readonly settings: AuthorizerSettings | null;
  private readonly host: string;

  constructor(private readonly context: RequestContext, private readonly apiName: string) {
    const model = context.services.security ?? null;
    this.settings = model?.enabled ? model.settings() : null;
    this.host = clientIp(context.clientAddress);
  }

  /** Whether authorization is on for this request. */
  get enabled(): boolean {
    return this.settings !== null;
  }

  private get model(): SecurityModel {
    return this.context.services.security!;
  }

  /** AuthHelper.authorize: true when allowed; a denial is reported to the timeline unless logIfDenied is false. */
  allowed(operation: AclOperation, resourceType: ResourceType, resourceName: string, logIfDenied = true): boolean {
    if (this.settings === null) return true;
    const resource = { resourceType, resourceName };
    const decision = this.model.authorize(this.context.security.principal, this.host, operation, resource, this.settings);
    if (!decision.allowed && logIfDenied) {
      this.model.authorizationFailed({ principal: principalToString(this.context.security.principal), host: this.host, operation, resource, apiName: this.apiName });
    }
    return decision.allowed;
  }

  cluster(operation: AclOperation, logIfDenied = true): boolean {
    return this.allowed(operation, 'CLUSTER', CLUSTER_RESOURCE_NAME, logIfDenied);
  }

  topic(operation: AclOperation, name: string, logIfDenied = true): boolean {
    return this.allowed(operation, 'TOPIC', name, logIfDenied);
  }

  group(operation: AclOperation, groupId: string): boolean {
    return this.allowed(operation, 'GROUP', groupId);
  }

  transactionalId(operation: AclOperation, transactionalId: string): boolean {
    return this.allowed(operation, 'TRANSACTIONAL_ID', transactionalId);
  }

  /** CreateTopics / Metadata auto-create: CREATE on the cluster, else on the topic (KafkaApis). */
  mayCreateTopic(name: string): boolean {
    return this.cluster('CREATE', false) || this.topic('CREATE', name);
  }

  /**
   * KIP-679: an idempotent producer (InitProducerId without transactional id) needs IDEMPOTENT_WRITE
   * on the cluster or WRITE on some topic (Authorizer.authorizeByResourceType). Approximation of
   * authorizeByResourceType: some ALLOW WRITE (or ALL) topic ACL applies to the principal and host,
   * and no DENY WRITE (or ALL) on the literal `*` topic does; with no topic ACL at all,
   * allow.everyone.if.no.acl.found decides.
   */
  mayWriteIdempotently(): boolean {
    if (this.settings === null || this.cluster('IDEMPOTENT_WRITE', false)) return true;
    const principal = this.context.security.principal;
    const who = principalToString(principal);
    if (this.settings.superUsers.has(who)) return true;
    const applies = (acl: AclBinding): boolean => acl.resourceType === 'TOPIC' && (acl.principal === who || acl.principal === `${principal.principalType}:${WILDCARD}`) && (acl.host === this.host || acl.host === WILDCARD) && (acl.operation === 'WRITE' || acl.operation === 'ALL');
    const acls = this.model.listAcls();
    if (acls.some((a) => applies(a) && a.permissionType === 'DENY' && a.patternType === 'LITERAL' && a.resourceName === WILDCARD)) return false;
    if (acls.some((a) => applies(a) && a.permissionType === 'ALLOW')) return true;
    if (!acls.some((a) => a.resourceType === 'TOPIC') && this.settings.allowEveryoneIfNoAclFound) return true;
    this.cluster('IDEMPOTENT_WRITE');
    return false;
  }

  /**
   * KIP-430 bits for a resource (AuthHelper.authorizedOperations): bit n set for each operation
   * (code n) of the resource type's supported operations the principal may perform; without an
   * authorizer every supported operation. INT32_MIN (omitted) when not asked for.
   */
  authorizedOperations(asked: boolean, resourceType: ResourceType, resourceName: string): number {
    if (!asked) return AUTHORIZED_OPERATIONS_OMITTED;
    if (this.settings === null) return SUPPORTED_OPERATIONS[resourceType].reduce((bits, op) => bits | (1 << ACL_OPERATIONS[op]), 0);
    return authorizedOperationsBits(this.settings, this.model.listAcls(), this.context.security.principal, this.host, { resourceType, resourceName }, ACL_OPERATIONS);
  }

  /** Metadata v8-10 / DescribeCluster: 0 without DESCRIBE on the cluster, else its bits (AuthHelper.computeDescribeClusterResponse). */
  clusterAuthorizedOperations(asked: boolean): number {
    if (asked && !this.cluster('DESCRIBE', false)) return 0;
    return this.authorizedOperations(asked, CLUSTER_RESOURCE.resourceType, CLUSTER_RESOURCE.resourceName);
  }

  /**
   * The message of the ClusterAuthorizationException AuthHelper.authorizeClusterOperation throws
   * ("Request $request is not authorized.", with RequestChannel.Request's toString), which Kafka
   * puts in the error response of DescribeAcls, CreateAcls, DeleteAcls and the other cluster APIs.
   */
  clusterDeniedMessage(): string {
    const { security } = this.context;
    return `Request Request(processor=0, connectionId=${this.context.connectionId}, session=Session(${principalToString(security.principal)},/${this.host}), listenerName=ListenerName(${security.listenerName}), securityProtocol=${security.securityProtocol}, buffer=null, envelope=None) is not authorized.`;
  }
}

export function requestAuthorizer(context: RequestContext, apiName: string): RequestAuthorizer {
  return new RequestAuthorizer(context, apiName);
}

/** The client's IP address from `ip:port` / `[v6]:port`, as ACL hosts name it. */
export function clientIp(address: string): string {
  const colon = address.lastIndexOf(':');
  const host = colon > 0 ? address.slice(0, colon) : address;
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

/**
 * DescribeConfigs / AlterConfigs / IncrementalAlterConfigs: the indexes of resources denied, with
 * their error (ConfigAdminManager / AuthHelper): a TOPIC needs the operation on the topic
 * (TOPIC_AUTHORIZATION_FAILED), a BROKER resource on the cluster (CLUSTER_AUTHORIZATION_FAILED).
 */
export function deniedConfigResources(authz: RequestAuthorizer, operation: 'DESCRIBE_CONFIGS' | 'ALTER_CONFIGS', resources: { resourceType: number; resourceName: string }[]): Map<number, string> {
  const denied = new Map<number, string>();
  if (!authz.enabled) return denied;
  resources.forEach((r, i) => {
    if (r.resourceType === CONFIG_RESOURCE_TOPIC && !authz.topic(operation, r.resourceName)) denied.set(i, 'TOPIC_AUTHORIZATION_FAILED');
    else if (r.resourceType === CONFIG_RESOURCE_BROKER && !authz.cluster(operation)) denied.set(i, 'CLUSTER_AUTHORIZATION_FAILED');
  });
  return denied;
}

/** Errors.java default messages of the authorization errors, which Kafka answers with ApiError(error) / error.message. */
export const AUTHORIZATION_ERROR_MESSAGES: Readonly<Record<string, string>> = {
  TOPIC_AUTHORIZATION_FAILED: 'Topic authorization failed.',
  GROUP_AUTHORIZATION_FAILED: 'Group authorization failed.',
  CLUSTER_AUTHORIZATION_FAILED: 'Cluster authorization failed.',
  TRANSACTIONAL_ID_AUTHORIZATION_FAILED: 'Transactional Id authorization failed.',
};

/** ConfigResource.Type codes of DescribeConfigs/AlterConfigs. */
const CONFIG_RESOURCE_TOPIC = 2;
const CONFIG_RESOURCE_BROKER = 4;
