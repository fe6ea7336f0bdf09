/**
 * ClusterCommand: what a user (UI button, CLI stdin line, test) asks of a cluster.
 * Discriminated union; results are CommandResult. Errors carry a Kafka error name where one
 * applies (INVALID_REPLICATION_FACTOR, TOPIC_ALREADY_EXISTS, INVALID_CONFIG, …) and a sentence.
 */

export type ClusterCommand =
  | { type: 'stop-broker'; brokerId: number; controlled?: boolean }
  | { type: 'start-broker'; brokerId: number }
  | { type: 'isolate-broker'; brokerId: number }
  | { type: 'heal-broker'; brokerId: number }
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
   * IncrementalAlterConfigs SET (value) / DELETE (null) on a BROKER resource: one broker, or the
   * cluster-wide default (brokerId null, Kafka's resource name ""). Static configs are refused with
   * INVALID_REQUEST "Cannot update these configs dynamically: Set(…)", bad values with INVALID_CONFIG.
   */
  | { type: 'alter-broker-config'; brokerId: number | null; configs: Record<string, string | null> };

export type CommandResult =
  | { ok: true; message?: string }
  | { ok: false; errorName: string; message: string };
