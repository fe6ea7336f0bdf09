/**
 * ClusterServices (api.ts) for the group and transaction coordinators: time, scheduling, internal
 * topics, coordinator appends and read access to replica logs.
 */
import type * as api from './api';
import { producePartition } from './client/produce';
import type { TopicAdmin } from './controller/topic-admin';
import type { ClusterCore } from './core';
import { tpKey } from './metadata';

export function clusterServices(core: ClusterCore, admin: TopicAdmin): api.ClusterServices {
  return {
    now: () => core.now(),
    schedule: (delayMs, label, run) => void core.sim.schedule(delayMs, label, run),
    ensureInternalTopic: (name, partitions, replicationFactor, configs) => {
      if (core.controller.topics.has(name)) return;
      const rf = Math.min(replicationFactor, core.brokers.size);
      admin.createTopic({ name, numPartitions: partitions, replicationFactor: rf, configs, internal: true }, false);
    },
    appendAsCoordinator: (brokerId, topic, partition, batch, acks, timeoutMs, done) => {
      const b = core.broker(brokerId);
      if (!b?.running) return done({ partition, errorName: 'NOT_LEADER_OR_FOLLOWER', errorMessage: null, baseOffset: -1, logAppendTimeMs: -1, logStartOffset: -1, recordErrors: [], currentLeader: null });
      producePartition(core, b, topic, partition, batch, { acks, timeoutMs, allowControl: true }, done);
    },
    leaderOf: (topic, partition) => core.controller.topics.get(topic)?.partitions[partition]?.leader ?? -1,
    partitionCount: (topic) => core.controller.topics.get(topic)?.partitions.length ?? null,
    readLog: (brokerId, topic, partition, fromOffset) => {
      const r = core.broker(brokerId)?.replicas.get(tpKey(topic, partition));
      return r ? r.log.read(Math.max(fromOffset, r.log.logStartOffset), Infinity, r.log.logEndOffset).batches.map((b) => b.buffer) : [];
    },
    replicaOffsets: (brokerId, topic, partition) => {
      const r = core.broker(brokerId)?.replicas.get(tpKey(topic, partition));
      return r ? { logStartOffset: r.log.logStartOffset, highWatermark: r.highWatermark, logEndOffset: r.log.logEndOffset, leaderEpoch: r.leaderEpoch } : null;
    },
    allocateProducerId: () => core.controller.allocateProducerId(),
    brokerConfig: (name) => core.configs.resolve(name).value,
    emit: (event) => core.emit(event),
  };
}
