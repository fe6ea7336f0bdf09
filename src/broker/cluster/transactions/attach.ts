/**
 * Plugs the coordinators into the real model (SimCluster): a CoordinatorHost made of the model's
 * ClusterServices plus the read hooks it does not expose yet (readLog, replicaOffsets,
 * partitionCount, allocateProducerId, brokerConfig, emit), read from the model's internals here
 * so the model's files stay untouched. When ClusterServices grows these hooks, this file
 * shrinks to the services object.
 */
import type { SimCluster } from '../cluster';
import type { CoordinatorHost } from '../groups/host';
import { tpKey } from '../metadata';
import { createCoordinators, type Coordinators } from './coordinators';

export function hostFromSimCluster(cluster: SimCluster): CoordinatorHost {
  const services = cluster.services;
  const core = cluster.core;
  const replicaOf = (brokerId: number, topic: string, partition: number) => core.broker(brokerId)?.replicas.get(tpKey(topic, partition));
  return {
    now: () => services.now(),
    schedule: (delayMs, label, run) => services.schedule(delayMs, label, run),
    ensureInternalTopic: (name, partitions, replicationFactor, configs) => services.ensureInternalTopic(name, partitions, replicationFactor, configs),
    appendAsCoordinator: (brokerId, topic, partition, batch, acks, timeoutMs, done) => services.appendAsCoordinator(brokerId, topic, partition, batch, acks, timeoutMs, done),
    leaderOf: (topic, partition) => services.leaderOf(topic, partition),
    partitionCount: (topic) => core.controller.topics.get(topic)?.partitions.length ?? null,
    readLog: (brokerId, topic, partition, fromOffset) => {
      const replica = replicaOf(brokerId, topic, partition);
      if (replica === undefined) return [];
      const log = replica.log;
      return log.read(Math.max(fromOffset, log.logStartOffset), Number.MAX_SAFE_INTEGER, log.logEndOffset, true).batches.map((b) => b.buffer);
    },
    replicaOffsets: (brokerId, topic, partition) => {
      const replica = replicaOf(brokerId, topic, partition);
      if (replica === undefined) return null;
      return { logStartOffset: replica.log.logStartOffset, highWatermark: replica.highWatermark, logEndOffset: replica.log.logEndOffset, leaderEpoch: replica.leaderEpoch };
    },
    allocateProducerId: () => core.controller.allocateProducerId(),
    brokerConfig: (name) => core.configs.resolve(name).value,
    emit: (event) => core.emit(event),
  };
}

/** Creates the coordinators for a SimCluster and registers their extension. */
export function attachCoordinators(cluster: SimCluster): Coordinators {
  const coordinators = createCoordinators(hostFromSimCluster(cluster));
  cluster.registerExtension(coordinators.extension);
  return coordinators;
}
