/**
 * ClusterCommand: what a user (UI button, CLI stdin line, test) asks of a cluster.
 * Discriminated union; results are CommandResult. Errors carry a Kafka error name where one
 * applies (INVALID_REPLICATION_FACTOR, TOPIC_ALREADY_EXISTS, INVALID_CONFIG, …) and a sentence.
 */

import type { RequestFaultSpec } from './request-faults';
import type { AclView, ClientQuotaEntityView } from './security-view';

export type ClusterCommand =
  | { type: 'stop-broker'; brokerId: number; controlled?: boolean }
  /**
   * Issue 15: the broker's machine loses power. It stops as in a crash (controlled: false), and each
   * of its replicas loses every batch above its flushed offset (recoveryPoint): what flush.messages /
   * flush.ms / a segment roll had not fsynced was only in the OS page cache.
   */
  | { type: 'power-loss-broker'; brokerId: number }
  | { type: 'start-broker'; brokerId: number }
  | { type: 'isolate-broker'; brokerId: number }
  | { type: 'heal-broker'; brokerId: number }
  /**
   * Dedicated KRaft controller nodes (process.roles=controller, node ids from ClusterView
   * controller.nodes): stop the process, start it again, cut it off the network (brokers and the
   * other controllers) or heal it. In combined mode the voters are brokers: use the broker commands.
   * set-link also takes a controller node id at either end (a broker cut off the active controller).
   */
  | { type: 'stop-controller'; nodeId: number }
  | { type: 'start-controller'; nodeId: number }
  | { type: 'isolate-controller'; nodeId: number }
  | { type: 'heal-controller'; nodeId: number }
  /** Slow (or restore, with latencyMs 0 and lossRate 0) the link between two brokers, both directions. */
  | { type: 'set-link'; fromBrokerId: number; toBrokerId: number; latencyMs: number; lossRate: number; cut?: boolean }
  | { type: 'elect-preferred-leader'; topic: string; partition?: number }
  | { type: 'reassign-partition'; topic: string; partition: number; replicas: number[] }
  | { type: 'create-topic'; topic: string; partitions: number; replicationFactor: number; configs?: Record<string, string> }
  | { type: 'delete-topic'; topic: string }
  | { type: 'add-partitions'; topic: string; totalCount: number }
  | { type: 'alter-topic-config'; topic: string; configs: Record<string, string | null> }
  | { type: 'set-speed'; speed: number }
  | { type: 'pause' }
  | { type: 'resume' }
  /** While paused: advance simulated time by stepMs (default 100). */
  | { type: 'step'; stepMs?: number }
  /**
   * ElectLeaders with election type UNCLEAN (1) for one partition: only an offline partition (no
   * leader) gets one, the first live replica in replica order, in the ISR or not. Records beyond
   * the new leader's logEndOffset are lost (reported as a `records-lost` event).
   */
  | { type: 'elect-unclean-leader'; topic: string; partition: number }
  /** ElectLeaders PREFERRED for every partition of every topic (kafka-leader-election --all-topic-partitions). */
  | { type: 'elect-preferred-leaders' }
  /**
   * IncrementalAlterConfigs SET (value) / DELETE (null) on a BROKER resource: one broker, or the
   * cluster-wide default (brokerId null, Kafka's resource name ""). Static configs are refused with
   * INVALID_REQUEST "Cannot update these configs dynamically: Set(…)", bad values with INVALID_CONFIG.
   */
  | { type: 'alter-broker-config'; brokerId: number | null; configs: Record<string, string | null> }
  /**
   * Issue 16: CreateAcls / DeleteAcls of one ACL by the lab's operator (the host, not a wire client,
   * so no ACL is needed to manage ACLs here). An invalid ACL is refused with INVALID_REQUEST and
   * Kafka's message; without an authorizer the ACL is still stored (and applies once it is on).
   */
  | { type: 'create-acl'; acl: AclView }
  | { type: 'delete-acl'; acl: AclView }
  /** Issue 16: AlterClientQuotas of one key of one entity: value (bytes/s, or % for request_percentage), or null to remove it. */
  | { type: 'set-client-quota'; entity: ClientQuotaEntityView; key: string; value: number | null }
  /**
   * Issue 18: answer the next `count` matching wire requests with a Kafka error, delay their
   * responses or close their connections (src/shared/request-faults.ts). Unknown API or error names,
   * counts outside 1..10,000 or delays outside 1..300,000 ms are refused with INVALID_REQUEST.
   * Only real clients' requests over the wire are hit, not a scenario's simulated clients.
   */
  | { type: 'inject-request-fault'; fault: RequestFaultSpec }
  /** Issue 18: remove one request fault rule (faultId), or every one (absent). */
  | { type: 'clear-request-faults'; faultId?: number };

export type CommandResult =
  | { ok: true; message?: string }
  | { ok: false; errorName: string; message: string };
