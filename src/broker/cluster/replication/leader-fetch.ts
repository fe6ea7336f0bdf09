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
import { completeDelayedProduces, maybeAdvanceHighWatermark, maybeExpandIsr } from './high-watermark';
import type { FollowerState, Replica } from './replica';

export interface ReplicaFetchEntry {
  key: string;
  fetchOffset: number;
  /** Epoch of the last batch the follower has, -1 if none. */
  lastFetchedEpoch: number;
  currentLeaderEpoch: number;
  /** The follower's highWatermark and logStartOffset, so an idle answer can be omitted. */
  knownHighWatermark: number;
  knownLogStartOffset: number;
  /** Set by the leader when it answered this entry with nothing to say (see answer()). */
  idleAt?: { replica: Replica; follower: FollowerState };
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

function errorAnswer(key: string, errorName: string): ReplicaFetchAnswer {
  return { key, errorName, batches: [], highWatermark: -1, logStartOffset: -1, logEndOffset: -1, divergingEpoch: null };
}

/**
 * One partition's answer, or null when there is nothing to tell the follower (no data, and it
 * already knows the highWatermark and logStartOffset) — incremental fetch sessions (KIP-227)
 * omit such partitions too, which keeps idle replication cheap with thousands of partitions.
 */
function answer(core: ClusterCore, leader: Broker, followerId: number, e: ReplicaFetchEntry, update: boolean, maxBytes: number): ReplicaFetchAnswer | null {
  // Incremental fetch session (KIP-227): the follower resent the very entry that was last answered
  // with nothing to say, so its fetch state is unchanged. The entry keeps the leader's replica and
  // follower state from that answer; while that follower state is still the replica's (a new
  // leadership, a stop or a removal replaces or clears it) and the leader's epoch, log end,
  // highWatermark and logStartOffset are unchanged (no appends, no truncation), the checks below
  // would pass as before and there is still nothing to say. What stays is the fetch-state update:
  // the follower is still caught up (ISR shrink, replica.lag.time.max.ms) and may still advance
  // the highWatermark or rejoin the ISR, exactly as on a full fetch.
  const idle = e.idleAt;
  if (idle && idle.follower.idleEntry === e && idle.replica.followers.get(followerId) === idle.follower) {
    const replica = idle.replica;
    const f = idle.follower;
    const log = replica.log;
    if (replica.isLeader && e.currentLeaderEpoch === replica.leaderEpoch && e.fetchOffset === log.logEndOffset && f.logEndOffset === e.fetchOffset
      && e.knownHighWatermark === replica.highWatermark && e.knownLogStartOffset === log.logStartOffset) {
      if (!update) return null;
      const now = core.now();
      if (now > f.lastCaughtUpTimeMs) f.lastCaughtUpTimeMs = now;
      f.lastFetchLeaderLogEndOffset = log.logEndOffset;
      f.lastFetchTimeMs = now;
      // A highWatermark at the log end cannot rise: only waiting produces are left to check.
      if (replica.highWatermark < log.logEndOffset) maybeAdvanceHighWatermark(core, leader, replica);
      else completeDelayedProduces(leader, replica);
      maybeExpandIsr(core, leader, replica, followerId);
      return replica.highWatermark === e.knownHighWatermark ? null : full(e.key, replica, 'NONE', [], null);
    }
  }
  const replica = leader.replicas.get(e.key);
  // A restarted broker leads nothing until it has caught up with the metadata log (its
  // ReplicaManager starts empty): its log may be shorter than before (a power loss), and answering
  // as the stale epoch's leader would make followers truncate to it.
  if (!replica || !replica.isLeader || !leader.caughtUp) return errorAnswer(e.key, 'NOT_LEADER_OR_FOLLOWER');
  if (e.currentLeaderEpoch < replica.leaderEpoch) return errorAnswer(e.key, 'FENCED_LEADER_EPOCH');
  if (e.currentLeaderEpoch > replica.leaderEpoch) return errorAnswer(e.key, 'UNKNOWN_LEADER_EPOCH');
  const log = replica.log;
  const f = replica.followers.get(followerId);
  if (e.lastFetchedEpoch >= 0 && e.fetchOffset > log.logStartOffset) {
    const end = log.epochs.endOffsetFor(e.lastFetchedEpoch, log.logEndOffset);
    if (end.epoch !== e.lastFetchedEpoch || end.endOffset < e.fetchOffset) return full(e.key, replica, 'NONE', [], end);
  }
  if (e.fetchOffset < log.logStartOffset || e.fetchOffset > log.logEndOffset) return full(e.key, replica, 'OFFSET_OUT_OF_RANGE', [], null);
  if (update) {
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
  if (e.fetchOffset >= log.logEndOffset) {
    if (e.knownHighWatermark === replica.highWatermark && e.knownLogStartOffset === log.logStartOffset) {
      if (update && f) {
        f.idleEntry = e;
        e.idleAt = { replica, follower: f };
      }
      return null;
    }
    return full(e.key, replica, 'NONE', [], null);
  }
  return full(e.key, replica, 'NONE', log.read(e.fetchOffset, maxBytes, log.logEndOffset).batches, null);
}

function full(key: string, replica: Replica, errorName: string, batches: StoredBatch[], divergingEpoch: ReplicaFetchAnswer['divergingEpoch']): ReplicaFetchAnswer {
  const log = replica.log;
  return { key, errorName, batches, highWatermark: replica.highWatermark, logStartOffset: log.logStartOffset, logEndOffset: log.logEndOffset, divergingEpoch };
}

function answers(core: ClusterCore, leader: Broker, followerId: number, entries: ReplicaFetchEntry[], update: boolean): ReplicaFetchAnswer[] {
  const out: ReplicaFetchAnswer[] = [];
  // Read once per fetch, not per partition: configs cannot change inside one model event.
  const maxBytes = core.num('replica.fetch.max.bytes', leader.brokerId);
  for (const e of entries) {
    const a = answer(core, leader, followerId, e, update, maxBytes);
    if (a) out.push(a);
  }
  return out;
}

/**
 * Handles a follower fetch at the leader; `respond` runs at once when any partition has news,
 * else when data arrives or after replica.fetch.wait.max.ms (`keys`: the partitions of `entries`, which
 * the follower keeps for its session). Answers keep the request order; partitions without news are omitted.
 */
export function handleReplicaFetch(core: ClusterCore, leader: Broker, followerId: number, entries: ReplicaFetchEntry[], keys: Set<string>, respond: (answers: ReplicaFetchAnswer[]) => void): void {
  const now = answers(core, leader, followerId, entries, true);
  if (now.length > 0) {
    respond(now);
    return;
  }
  const parked = {
    keys,
    fire: () => {
      if (!leader.parkedFetches.delete(parked)) return;
      respond(answers(core, leader, followerId, entries, false));
    },
    // The leader crashed: its operating system resets the connection, and the follower sees the
    // disconnect at once (NetworkClient) and backs off replica.fetch.backoff.ms, rather than
    // waiting out replica.socket.timeout.ms for an answer that will never come.
    reset: () => {
      if (!leader.parkedFetches.delete(parked)) return;
      respond(entries.map((e) => errorAnswer(e.key, 'BROKER_NOT_AVAILABLE')));
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
