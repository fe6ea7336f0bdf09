/**
 * Builders of plausible ClusterView snapshots for tests, the serve-mode demo host and the UI
 * benchmark. Pure data; no simulation behind it.
 */
import type { BrokerView, ClusterView, ConfigEntryView, PartitionView, ReplicaView, TopicView } from './cluster-view';

export interface FixtureTopic {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Records per partition already written (highWatermark); defaults to 0. */
  records?: number;
}

export interface FixtureOptions {
  brokers?: number;
  topics?: FixtureTopic[];
  seed?: number;
  basePort?: number;
  simTimeMs?: number;
}

/** Simulated epoch the fixtures start at (2026-01-01T00:00:00Z). */
export const fixtureEpochMs = Date.UTC(2026, 0, 1);

/** Default topic configs with Kafka's defaults, shown in the config editor. */
export function defaultTopicConfigs(overrides: Record<string, string> = {}): ConfigEntryView[] {
  const defaults: [string, string, string][] = [
    ['cleanup.policy', 'delete', 'Whether old segments are deleted or compacted.'],
    ['min.insync.replicas', '1', 'In-sync replicas an acks=all write needs before it is acknowledged.'],
    ['retention.ms', '604800000', 'How long a closed segment is kept before deletion.'],
    ['retention.bytes', '-1', 'Maximum size of a partition log before old segments are deleted.'],
    ['segment.bytes', '1073741824', 'Size at which the active segment is rolled.'],
    ['unclean.leader.election.enable', 'false', 'Whether an out-of-sync replica may become leader (data loss).'],
  ];
  return defaults.map(([name, defaultValue, documentation]) => {
    const overridden = overrides[name];
    return {
      name,
      value: overridden ?? defaultValue,
      defaultValue,
      source: overridden === undefined ? 'DEFAULT_CONFIG' : 'DYNAMIC_TOPIC_CONFIG',
      readOnly: false,
      sensitive: false,
      documentation,
    };
  });
}

/** A replica caught up to `logEndOffset`, with segments of `segmentRecords` records. */
export function makeReplica(brokerId: number, logEndOffset: number, highWatermark = logEndOffset, segmentRecords = 1000): ReplicaView {
  const segments = [];
  for (let base = 0; base < Math.max(logEndOffset, 1); base += segmentRecords) {
    const end = Math.min(base + segmentRecords, logEndOffset);
    segments.push({ baseOffset: base, endOffset: end, sizeBytes: (end - base) * 100 });
  }
  return { brokerId, logStartOffset: 0, logEndOffset, highWatermark, flushedOffset: 0, sizeBytes: logEndOffset * 100, segments, lastCaughtUpTimeMs: fixtureEpochMs, offline: false };
}

/** A healthy partition whose replicas are placed round-robin over `brokerIds`. */
export function makePartition(partition: number, brokerIds: number[], replicationFactor: number, records = 0): PartitionView {
  const replicas = Array.from({ length: Math.min(replicationFactor, brokerIds.length) }, (_, i) => brokerIds[(partition + i) % brokerIds.length]!);
  return {
    partition,
    leader: replicas[0] ?? -1,
    leaderEpoch: 0,
    replicas,
    inSyncReplicas: [...replicas],
    offlineReplicas: [],
    preferredLeader: replicas[0] ?? -1,
    highWatermark: records,
    logStartOffset: 0,
    logEndOffset: records,
    lastStableOffset: records,
    reassignment: null,
    replicaStates: replicas.map((b) => makeReplica(b, records)),
  };
}

/** A topic of healthy partitions. */
export function makeTopic(t: FixtureTopic, brokerIds: number[], index = 0): TopicView {
  const partitions = Array.from({ length: t.partitions }, (_, p) => makePartition(p, brokerIds, t.replicationFactor, t.records ?? 0));
  return {
    name: t.name,
    topicId: `fixture-topic-id-${index.toString().padStart(6, '0')}`,
    internal: false,
    replicationFactor: t.replicationFactor,
    partitions,
    configs: defaultTopicConfigs(),
    produceRatePerSec: 0,
    sizeBytes: partitions.reduce((sum, p) => sum + p.highWatermark * 100, 0),
  };
}

/** Recomputes each broker's leader and replica counts from the topics. */
export function recountBrokers(brokers: BrokerView[], topics: TopicView[]): BrokerView[] {
  const leaders = new Map<number, number>();
  const replicas = new Map<number, number>();
  for (const t of topics) {
    for (const p of t.partitions) {
      if (p.leader >= 0) leaders.set(p.leader, (leaders.get(p.leader) ?? 0) + 1);
      for (const r of p.replicas) replicas.set(r, (replicas.get(r) ?? 0) + 1);
    }
  }
  return brokers.map((b) => ({ ...b, leaderCount: leaders.get(b.brokerId) ?? 0, replicaCount: replicas.get(b.brokerId) ?? 0 }));
}

/** A whole healthy cluster. */
export function makeClusterView(options: FixtureOptions = {}): ClusterView {
  const brokerCount = options.brokers ?? 3;
  const basePort = options.basePort ?? 9092;
  const brokerIds = Array.from({ length: brokerCount }, (_, i) => i + 1);
  const topics = (options.topics ?? []).map((t, i) => makeTopic(t, brokerIds, i));
  const brokers: BrokerView[] = brokerIds.map((brokerId, i) => ({
    brokerId,
    rack: `rack-${String.fromCharCode(97 + (i % 3))}`,
    host: '127.0.0.1',
    port: basePort + i,
    state: 'running',
    isActiveController: brokerId === 1,
    leaderCount: 0,
    replicaCount: 0,
    bytesInPerSec: 0,
    bytesOutPerSec: 0,
  }));
  return {
    clusterId: 'kafka-lab-fixture-cluster',
    seed: options.seed ?? 42,
    simTimeMs: options.simTimeMs ?? fixtureEpochMs,
    sim: { speed: 1, paused: false },
    controller: { voters: brokerIds, activeControllerId: 1, controllerEpoch: 1, metadataEpoch: topics.length + 1 },
    brokers: recountBrokers(brokers, topics),
    topics,
    groups: [],
    connections: [],
  };
}
