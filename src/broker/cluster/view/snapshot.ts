/**
 * snapshot(): the serialisable ClusterView (src/shared/cluster-view.ts) built from the model.
 * Called at 2–10 Hz by the host, so it does one pass over partitions and caches each topic's config
 * entries per TopicRecord (records are immutable; a config change makes a new one).
 */
import type { BrokerView, ClusterView, ConfigEntryView, PartitionView, ReplicaView, SegmentView, TopicView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';
import { tpKey, type TopicRecord } from '../metadata';
import type { Replica } from '../replication/replica';

const configCache = new WeakMap<TopicRecord, ConfigEntryView[]>();

/** What to include per partition: replica detail (logs, segments) for all topics, none, or some. */
export interface SnapshotOptions {
  replicaStates?: 'all' | 'none' | { topics: string[] };
}

export function snapshot(core: ClusterCore, clusterId: string, seed: number, options: SnapshotOptions = {}): ClusterView {
  const now = core.now();
  const ctrl = core.controller;
  const leaderCount = new Map<number, number>();
  const replicaCount = new Map<number, number>();
  const offlineIds = new Set<number>();
  for (const b of core.brokers.values()) if (!b.running || (ctrl.registrations.get(b.brokerId)?.fenced ?? true)) offlineIds.add(b.brokerId);
  const detail = options.replicaStates ?? 'all';
  const topics: TopicView[] = [];
  for (const t of [...ctrl.topics.values()].sort((a, b) => a.record.name.localeCompare(b.record.name))) {
    let configs = configCache.get(t.record);
    if (!configs) configCache.set(t.record, (configs = core.configs.describeTopic(t.record.configs, null)));
    const withReplicas = detail === 'all' || (detail !== 'none' && detail.topics.includes(t.record.name));
    let sizeBytes = 0;
    const partitions: PartitionView[] = new Array(t.partitions.length);
    for (let pi = 0; pi < t.partitions.length; pi++) {
      const p = t.partitions[pi]!;
      const key = tpKey(p.topic, p.partition);
      if (p.leader >= 0) leaderCount.set(p.leader, (leaderCount.get(p.leader) ?? 0) + 1);
      const replicaStates: ReplicaView[] = [];
      let leader: Replica | undefined;
      let first: Replica | undefined;
      const offlineReplicas: number[] = [];
      for (let ri = 0; ri < p.replicas.length; ri++) {
        const id = p.replicas[ri]!;
        replicaCount.set(id, (replicaCount.get(id) ?? 0) + 1);
        const offline = offlineIds.has(id);
        if (offline) offlineReplicas.push(id);
        const r = core.broker(id)?.replicas.get(key);
        if (!r) continue;
        if (ri === 0) first = r;
        if (id === p.leader) leader = r;
        const log = r.log;
        const size = log.sizeBytes();
        if (id === p.leader) sizeBytes += size;
        if (!withReplicas) continue;
        const segments: SegmentView[] = new Array(log.segments.length);
        for (let si = 0; si < log.segments.length; si++) {
          const seg = log.segments[si]!;
          segments[si] = { baseOffset: seg.baseOffset, endOffset: log.segmentEndOffset(si), sizeBytes: seg.sizeBytes };
        }
        replicaStates.push({
          brokerId: id,
          logStartOffset: log.logStartOffset,
          logEndOffset: log.logEndOffset,
          highWatermark: r.highWatermark,
          sizeBytes: size,
          segments,
          lastCaughtUpTimeMs: r.isLeader ? now : r.lastCaughtUpTimeMs,
          offline,
        });
      }
      const ref = leader ?? first;
      const hw = ref?.highWatermark ?? 0;
      const fuo = ref && ref.producers.producers.size > 0 ? ref.producers.firstUnstableOffset() : null;
      partitions[pi] = {
        partition: p.partition,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicas: p.replicas.slice(),
        inSyncReplicas: p.isr.slice(),
        offlineReplicas,
        preferredLeader: p.replicas[0]!,
        highWatermark: hw,
        logStartOffset: ref?.log.logStartOffset ?? 0,
        logEndOffset: ref?.log.logEndOffset ?? 0,
        lastStableOffset: fuo === null ? hw : Math.min(hw, fuo),
        reassignment: p.addingReplicas.length || p.removingReplicas.length ? { addingReplicas: p.addingReplicas.slice(), removingReplicas: p.removingReplicas.slice() } : null,
        replicaStates,
      };
    }
    topics.push({
      name: t.record.name,
      topicId: t.record.topicId.text,
      internal: t.record.internal,
      replicationFactor: t.partitions[0]?.replicas.length ?? 0,
      partitions,
      configs,
      produceRatePerSec: core.meters.recordsPerSec(t.record.name, now),
      sizeBytes,
    });
  }
  const brokers: BrokerView[] = [...core.brokers.values()].map((b) => ({
    brokerId: b.brokerId,
    rack: b.rack,
    host: b.host,
    port: b.port,
    state: !b.running ? 'stopped' : core.network.isIsolated(b.brokerId) ? 'isolated' : ctrl.registrations.get(b.brokerId)?.fenced ? 'fenced' : 'running',
    isActiveController: ctrl.activeControllerId === b.brokerId,
    leaderCount: leaderCount.get(b.brokerId) ?? 0,
    replicaCount: replicaCount.get(b.brokerId) ?? 0,
    bytesInPerSec: core.meters.bytesInPerSec(b.brokerId, now),
    bytesOutPerSec: core.meters.bytesOutPerSec(b.brokerId, now),
  }));
  return {
    clusterId,
    seed,
    simTimeMs: now,
    sim: null,
    controller: { voters: [...ctrl.voters], activeControllerId: ctrl.activeControllerId, controllerEpoch: ctrl.controllerEpoch, metadataEpoch: ctrl.metadataOffset },
    brokers,
    topics,
    groups: [],
    connections: [],
  };
}
