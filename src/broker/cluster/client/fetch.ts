/**
 * Consumer Fetch at a broker (Kafka's ReplicaManager.fetchMessages for a client): leader check,
 * currentLeaderEpoch fencing (FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH, KIP-320),
 * OFFSET_OUT_OF_RANGE outside [logStartOffset, logEndOffset], whole batches from the one holding
 * fetchOffset up to the highWatermark (lastStableOffset for read_committed), at least one batch
 * for the first partition with data (KIP-74), then partition and response byte limits.
 * KIP-392 (Fetch v11+, `clientMetadata`): a follower answers from its own log up to its own
 * highWatermark (Kafka's FetchParams.fetchOnlyLeader is false for a consumer with client
 * metadata), fenced by its own leaderEpoch; a leader may instead name a preferredReadReplica
 * (./replica-selector.ts) and skip the read, as ReplicaManager.readFromLog does.
 */
import type { FetchPartitionResult, FetchRequest, FetchResult } from '../api';
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { tpKey } from '../metadata';
import type { Replica } from '../replication/replica';
import { currentLeaderOf, endpointsFor } from './leader-info';
import { preferredReadReplica } from './replica-selector';
import type { FlowClientRef } from '../flow/flow-recorder';

/**
 * lastStableOffset: the highWatermark, held back by the first unstable transaction — open, or
 * decided with its marker not yet below the highWatermark (Kafka UnifiedLog.lastStableOffset) —
 * from the transactions extension or else the producer state.
 */
export function lastStableOffset(core: ClusterCore, broker: Broker, replica: Replica): number {
  let fuo: number | null = null;
  for (const ext of core.extensions) {
    if (!ext.firstUnstableOffset) continue;
    fuo = ext.firstUnstableOffset(broker.brokerId, replica.topic, replica.partition);
    break;
  }
  if (fuo === null) fuo = replica.producers.firstUnstableOffset(replica.highWatermark);
  return fuo === null ? replica.highWatermark : Math.min(replica.highWatermark, fuo);
}

/** Leader check and epoch fencing shared by Fetch, ListOffsets and OffsetForLeaderEpoch. */
export function leaderReplicaFor(broker: Broker, topic: string, partition: number, currentLeaderEpoch: number): { replica: Replica } | { errorName: string } {
  return localReplicaFor(broker, topic, partition, currentLeaderEpoch, true);
}

/**
 * Partition.localLogWithEpochOrThrow: this broker's replica, fenced by the epoch it knows; a
 * follower's only when `onlyLeader` is false (a consumer fetch with client metadata, KIP-392).
 */
function localReplicaFor(broker: Broker, topic: string, partition: number, currentLeaderEpoch: number, onlyLeader: boolean): { replica: Replica } | { errorName: string } {
  const image = broker.topics.get(topic);
  if (!image || !image.partitions[partition]) return { errorName: 'UNKNOWN_TOPIC_OR_PARTITION' };
  const replica = broker.replicas.get(tpKey(topic, partition));
  if (!broker.caughtUp || !replica || (onlyLeader && !replica.isLeader)) return { errorName: 'NOT_LEADER_OR_FOLLOWER' };
  if (currentLeaderEpoch >= 0 && currentLeaderEpoch < replica.leaderEpoch) return { errorName: 'FENCED_LEADER_EPOCH' };
  if (currentLeaderEpoch > replica.leaderEpoch) return { errorName: 'UNKNOWN_LEADER_EPOCH' };
  return { replica };
}

export function fetch(core: ClusterCore, broker: Broker, req: FetchRequest, client?: FlowClientRef): FetchResult {
  let remaining = req.maxBytes;
  const flow = client && core.flow ? core.flow : null;
  let anyData = false;
  const partitions: FetchPartitionResult[] = req.partitions.map((p) => {
    const base = { topic: p.topic, partition: p.partition, highWatermark: -1, lastStableOffset: -1, logStartOffset: -1, abortedTransactions: [], preferredReadReplica: -1, records: [] as Buffer[], recordsBytes: 0, currentLeader: null };
    const found = localReplicaFor(broker, p.topic, p.partition, p.currentLeaderEpoch, !req.clientMetadata);
    if ('errorName' in found) {
      flow?.fetch(core.now(), client!, broker.brokerId, p.topic, p.partition, 0, 0, null, found.errorName);
      const leaderish = found.errorName === 'NOT_LEADER_OR_FOLLOWER' || found.errorName === 'FENCED_LEADER_EPOCH';
      return { ...base, errorName: found.errorName, currentLeader: leaderish ? currentLeaderOf(broker, p.topic, p.partition) : null };
    }
    const r = found.replica;
    const lso = lastStableOffset(core, broker, r);
    const common = { ...base, highWatermark: r.highWatermark, lastStableOffset: lso, logStartOffset: r.log.logStartOffset };
    if (r.isLeader && req.clientMetadata) {
      const preferred = preferredReadReplica(core, broker, r, req.clientMetadata.rackId, p.fetchOffset);
      if (preferred >= 0) return { ...common, errorName: 'NONE', preferredReadReplica: preferred };
    }
    if (p.fetchOffset < r.log.logStartOffset || p.fetchOffset > r.log.logEndOffset) return { ...common, errorName: 'OFFSET_OUT_OF_RANGE' };
    const upTo = req.isolationLevel === 1 ? lso : r.highWatermark;
    const limit = Math.min(p.partitionMaxBytes, Math.max(0, remaining));
    const read = r.log.read(p.fetchOffset, limit, upTo, !anyData);
    if (read.batches.length) anyData = true;
    remaining -= read.bytes;
    // The flow sample: records a consumer fetched, never at or beyond upTo (highWatermark / lastStableOffset).
    if (flow && read.batches.length) {
      const first = read.batches[0]!;
      const last = read.batches[read.batches.length - 1]!;
      flow.fetch(core.now(), client!, broker.brokerId, p.topic, p.partition, read.batches.reduce((n, b) => n + b.recordCount, 0), read.bytes, [first.baseOffset, last.lastOffset]);
    }
    let aborted: { producerId: number; firstOffset: number }[] = [];
    if (req.isolationLevel === 1 && read.batches.length) {
      const last = read.batches[read.batches.length - 1]!.lastOffset + 1;
      for (const ext of core.extensions) if (ext.abortedTransactions) aborted = aborted.concat(ext.abortedTransactions(broker.brokerId, p.topic, p.partition, p.fetchOffset, last));
    }
    return { ...common, errorName: 'NONE', records: read.batches.map((b) => b.buffer), recordsBytes: read.bytes, abortedTransactions: aborted };
  });
  const total = partitions.reduce((n, p) => n + p.recordsBytes, 0);
  broker.bytesOut += total;
  if (total > 0) core.meters.recordBytesOut(broker.brokerId, total, core.now());
  return { partitions, nodeEndpoints: endpointsFor(core, partitions.map((p) => p.currentLeader?.leaderId ?? -1)) };
}

