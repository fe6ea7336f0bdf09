/** KIP-951 helpers: the current leader a broker knows for a partition, and broker endpoints. */
import type { BrokerEndpoint, CurrentLeader } from '../api';
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';

export function currentLeaderOf(broker: Broker, topic: string, partition: number): CurrentLeader | null {
  const state = broker.topics.get(topic)?.partitions[partition];
  if (!state || state.leader < 0) return null;
  return { leaderId: state.leader, leaderEpoch: state.leaderEpoch };
}

export function endpointOf(core: ClusterCore, brokerId: number): BrokerEndpoint | null {
  const b = core.broker(brokerId);
  return b ? { brokerId, host: b.host, port: b.port, rack: b.rack } : null;
}

export function endpointsFor(core: ClusterCore, brokerIds: number[]): BrokerEndpoint[] {
  // Every answer carries this; nearly always no partition names a leader (no error), so no endpoints.
  if (!brokerIds.some((id) => id >= 0)) return [];
  const ids = [...new Set(brokerIds.filter((id) => id >= 0))].sort((a, b) => a - b);
  return ids.map((id) => endpointOf(core, id)).filter((e): e is BrokerEndpoint => e !== null);
}
