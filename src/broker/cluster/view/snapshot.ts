/**
 * snapshot(): the serialisable ClusterView (src/shared/cluster-view.ts) built from the model.
 * Called at 2–10 Hz by the host, so it does one pass over partitions and caches each topic's config
 * entries per TopicRecord (records are immutable; a config change makes a new one).
 */
import type { BrokerView, ClusterView, ConfigEntryView, PartitionView, ReplicaView, TopicView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';
import { tpKey, type TopicRecord } from '../metadata';

const configCache = new WeakMap<TopicRecord, ConfigEntryView[]>();

export function snapshot(core: ClusterCore, clusterId: string, seed: number): ClusterView {
  const now = core.now();
  const ctrl = core.controller;
  const leaderCount = new Map<number, number>();
  const replicaCount = new Map<number, number>();
  const offline = (id: number) => !core.broker(id)?.running || (ctrl.registrations.get(id)?.fenced ?? true);
  const topics: TopicView[] = [];
  for (const t of [...ctrl.topics.values()].sort((a, b) => a.record.name.localeCompare(b.record.name))) {
    let configs = configCache.get(t.record);
    if (!configs) configCache.set(t.record, (configs = core.configs.describeTopic(t.record.configs, null)));
    let sizeBytes = 0;
    const partitions: PartitionView[] = t.partitions.map((p) => {
      const key = tpKey(p.topic, p.partition);
      if (p.leader >= 0) leaderCount.set(p.leader, (leaderCount.get(p.leader) ?? 0) + 1);
      const replicaStates: ReplicaView[] = [];
      for (const id of p.replicas) {
        replicaCount.set(id, (replicaCount.get(id) ?? 0) + 1);
        const r = core.broker(id)?.replicas.get(key);
        if (!r) continue;
        const log = r.log;
        replicaStates.push({
          brokerId: id,
          logStartOffset: log.logStartOffset,
          logEndOffset: log.logEndOffset,
          highWatermark: r.highWatermark,
          sizeBytes: log.sizeBytes(),
          segments: log.segments.map((s, i) => ({ baseOffset: s.baseOffset, endOffset: log.segmentEndOffset(i), sizeBytes: s.sizeBytes })),
          lastCaughtUpTimeMs: r.isLeader ? now : r.lastCaughtUpTimeMs,
          offline: offline(id),
        });
      }
      const leader = p.leader >= 0 ? core.broker(p.leader)?.replicas.get(key) : undefined;
      const ref = leader ?? core.broker(p.replicas[0]!)?.replicas.get(key);
      if (leader) sizeBytes += leader.log.sizeBytes();
      const hw = ref?.highWatermark ?? 0;
      const fuo = ref?.producers.firstUnstableOffset() ?? null;
      return {
        partition: p.partition,
        leader: p.leader,
        leaderEpoch: p.leaderEpoch,
        replicas: [...p.replicas],
        inSyncReplicas: [...p.isr],
        offlineReplicas: p.replicas.filter(offline),
        preferredLeader: p.replicas[0]!,
        highWatermark: hw,
        logStartOffset: ref?.log.logStartOffset ?? 0,
        logEndOffset: ref?.log.logEndOffset ?? 0,
        lastStableOffset: fuo === null ? hw : Math.min(hw, fuo),
        reassignment: p.addingReplicas.length || p.removingReplicas.length ? { addingReplicas: [...p.addingReplicas], removingReplicas: [...p.removingReplicas] } : null,
        replicaStates,
      };
    });
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
