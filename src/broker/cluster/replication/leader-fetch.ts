/**
 * The leader's side of replication: answering follower fetches (Kafka's ReplicaManager.fetchMessages
 * for a replica), with leader-epoch fencing, diverging-epoch detection (KIP-320/KIP-595 style: the
 * follower sends its last fetched epoch and the leader says where that epoch ends in its log),
 * follower fetch-state updates that drive the highWatermark and ISR expansion, and parking of
 * empty fetches for replica.fetch.wait.max.ms.
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import type { StoredBatch } from '../log/stored-batch';
import { maybeAdvanceHighWatermark, maybeExpandIsr } from './high-watermark';

export interface ReplicaFetchEntry {
  key: string;
  fetchOffset: number;
  /** Epoch of the last batch the follower has, -1 if none. */
  lastFetchedEpoch: number;
  currentLeaderEpoch: number;
}

export interface ReplicaFetchAnswer {
  key: string;
  errorName: string;
  batches: StoredBatch[];
  highWatermark: number;
  logStartOffset: number;
  logEndOffset: number;
  /** Set when the follower's log diverges from the leader's at (epoch, endOffset). */
  divergingEpoch: { epoch: number; endOffset: number } | null;
}

function answer(core: ClusterCore, leader: Broker, followerId: number, e: ReplicaFetchEntry, update: boolean): ReplicaFetchAnswer {
  const base = { key: e.key, batches: [] as StoredBatch[], highWatermark: -1, logStartOffset: -1, logEndOffset: -1, divergingEpoch: null };
  const replica = leader.replicas.get(e.key);
  if (!replica || !replica.isLeader) return { ...base, errorName: 'NOT_LEADER_OR_FOLLOWER' };
  if (e.currentLeaderEpoch < replica.leaderEpoch) return { ...base, errorName: 'FENCED_LEADER_EPOCH' };
  if (e.currentLeaderEpoch > replica.leaderEpoch) return { ...base, errorName: 'UNKNOWN_LEADER_EPOCH' };
  const log = replica.log;
  const common = { ...base, highWatermark: replica.highWatermark, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset };
  if (e.lastFetchedEpoch >= 0 && e.fetchOffset > log.logStartOffset) {
    const end = log.epochs.endOffsetFor(e.lastFetchedEpoch, log.logEndOffset);
    if (end.epoch !== e.lastFetchedEpoch || end.endOffset < e.fetchOffset) {
      return { ...common, errorName: 'NONE', divergingEpoch: end };
    }
  }
  if (e.fetchOffset < log.logStartOffset || e.fetchOffset > log.logEndOffset) return { ...common, errorName: 'OFFSET_OUT_OF_RANGE' };
  if (update) {
    const f = replica.followers.get(followerId);
    if (f) {
      const now = core.now();
      if (e.fetchOffset >= log.logEndOffset) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, now);
      else if (e.fetchOffset >= f.lastFetchLeaderLogEndOffset) f.lastCaughtUpTimeMs = Math.max(f.lastCaughtUpTimeMs, f.lastFetchTimeMs);
      f.logEndOffset = e.fetchOffset;
      f.lastFetchLeaderLogEndOffset = log.logEndOffset;
      f.lastFetchTimeMs = now;
      maybeAdvanceHighWatermark(core, leader, replica);
      maybeExpandIsr(core, leader, replica, followerId);
    }
  }
  const maxBytes = core.num('replica.fetch.max.bytes', leader.brokerId);
  const read = log.read(e.fetchOffset, maxBytes, log.logEndOffset);
  return { ...common, highWatermark: replica.highWatermark, errorName: 'NONE', batches: read.batches };
}

/** Handles a follower fetch at the leader; `respond` runs at once or when parked data arrives. */
export function handleReplicaFetch(core: ClusterCore, leader: Broker, followerId: number, entries: ReplicaFetchEntry[], respond: (answers: ReplicaFetchAnswer[]) => void): void {
  const answers = entries.map((e) => answer(core, leader, followerId, e, true));
  const hasNews = answers.some((a) => a.errorName !== 'NONE' || a.divergingEpoch !== null || a.batches.length > 0);
  if (hasNews) {
    respond(answers);
    return;
  }
  const parked = {
    keys: new Set(entries.map((e) => e.key)),
    fire: () => {
      if (!leader.parkedFetches.delete(parked)) return;
      respond(entries.map((e) => answer(core, leader, followerId, e, false)));
    },
  };
  leader.parkedFetches.add(parked);
  leader.later(core.num('replica.fetch.wait.max.ms', leader.brokerId), 'replica-fetch-wait', parked.fire);
}

/** New data on a partition at the leader: parked follower fetches for it answer now. */
export function wakeParkedFetches(leader: Broker, key: string): void {
  if (leader.parkedFetches.size === 0) return;
  for (const p of [...leader.parkedFetches]) if (p.keys.has(key)) p.fire();
}
