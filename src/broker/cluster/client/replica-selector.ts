/**
 * KIP-392, fetch from the closest replica: which replica a leader tells a consumer to fetch from
 * (FetchResponse preferredReadReplica), following Kafka's ReplicaManager.findPreferredReadReplica
 * and its built-in org.apache.kafka.common.replica.RackAwareReplicaSelector.
 *
 * - Only a leader asked by a consumer (not a follower) with client metadata (Fetch v11+) and a
 *   replica.selector.class answers with one.
 * - Candidates: the leader, and every follower in the ISR whose log holds fetchOffset (its
 *   logEndOffset ≥ fetchOffset ≥ its logStartOffset); a lagging follower is never offered.
 * - RackAwareReplicaSelector: no client.rack → the leader; no candidate in the consumer's rack →
 *   the leader; the leader in that rack → the leader; else the most caught-up candidate there
 *   (ReplicaView.comparator: highest logEndOffset, then the shortest time since it was caught up;
 *   ties here go to the lowest broker id, where Kafka's HashSet order decides).
 * - The leader chosen means no preferred replica: -1, and the leader answers as usual.
 */
import type { Broker } from '../brokers/broker';
import { RACK_AWARE_REPLICA_SELECTOR } from '../config/definitions';
import type { ClusterCore } from '../core';
import { tpKey } from '../metadata';
import type { Replica } from '../replication/replica';

/** The broker id the consumer should fetch from instead of this leader, or -1. */
export function preferredReadReplica(core: ClusterCore, leader: Broker, replica: Replica, rackId: string, fetchOffset: number): number {
  // Most consumers send no rack: that answer needs no config lookup on the fetch path.
  if (rackId === '' || leader.rack === rackId) return -1;
  if (core.configs.get('replica.selector.class', leader.brokerId) !== RACK_AWARE_REPLICA_SELECTOR) return -1;
  const now = core.now();
  let best: { brokerId: number; logEndOffset: number; sinceCaughtUpMs: number } | null = null;
  for (const brokerId of replica.state.isr) {
    if (brokerId === leader.brokerId) continue;
    const follower = core.broker(brokerId);
    const state = replica.followers.get(brokerId);
    if (!follower || follower.rack !== rackId || !state) continue;
    const followerLogStart = follower.replicas.get(tpKey(replica.topic, replica.partition))?.log.logStartOffset ?? 0;
    if (state.logEndOffset < fetchOffset || followerLogStart > fetchOffset) continue;
    const candidate = { brokerId, logEndOffset: state.logEndOffset, sinceCaughtUpMs: now - state.lastCaughtUpTimeMs };
    if (!best || candidate.logEndOffset > best.logEndOffset
      || (candidate.logEndOffset === best.logEndOffset && (candidate.sinceCaughtUpMs < best.sinceCaughtUpMs
        || (candidate.sinceCaughtUpMs === best.sinceCaughtUpMs && candidate.brokerId < best.brokerId)))) best = candidate;
  }
  return best?.brokerId ?? -1;
}
