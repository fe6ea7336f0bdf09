/**
 * The follower side of replication: one fetcher per (follower broker, leader broker), like Kafka's
 * ReplicaFetcherThread, fetching every partition it follows from that leader in one request over
 * the simulated network. Applies answers: appends batches, truncates on a diverging epoch
 * (AbstractFetcherThread.truncateOnFetchResponse), resets on OFFSET_OUT_OF_RANGE, learns the
 * leader's highWatermark and logStartOffset.
 */
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { UNDEFINED_EPOCH } from '../log/leader-epoch-cache';
import { appendToLog, truncateReplica, advanceLogStart } from './log-ops';
import { handleReplicaFetch, type ReplicaFetchAnswer, type ReplicaFetchEntry } from './leader-fetch';
import type { Replica } from './replica';

export class FollowerFetcher {
  readonly keys = new Set<string>();
  /**
   * The fetch session (KIP-227): per partition, the entry the leader last received. A partition
   * whose fetch state has not changed since is sent as that same object, which is how the leader
   * tells an unchanged partition from one with news without redoing its checks
   * (leader-fetch.ts, `FollowerState.idleEntry`) — the work an incremental fetch request saves.
   */
  private readonly session = new Map<string, ReplicaFetchEntry>();
  /** The session's partition keys (parked fetches wake on them); rebuilt only when membership changes. */
  private sessionKeys = new Set<string>();
  private inFlight = 0;
  private token = 0;
  private kickScheduled = false;
  /** The broker incarnation this fetcher belongs to; answers to an earlier incarnation are dropped. */
  private readonly incarnation: number;

  constructor(
    private readonly core: ClusterCore,
    private readonly broker: Broker,
    readonly leaderId: number,
  ) {
    this.incarnation = broker.incarnation;
  }

  private get current(): boolean {
    return this.broker.running && this.broker.incarnation === this.incarnation && this.broker.fetchers.get(this.leaderId) === this;
  }

  add(key: string): void {
    this.keys.add(key);
    this.scheduleKick(0);
  }

  remove(key: string): void {
    this.keys.delete(key);
    this.session.delete(key);
  }

  private scheduleKick(delayMs: number): void {
    if (this.kickScheduled) return;
    this.kickScheduled = true;
    this.broker.later(delayMs, 'follower-fetch', () => {
      this.kickScheduled = false;
      this.send();
    });
  }

  private send(): void {
    if (this.inFlight || this.keys.size === 0 || !this.current) return;
    const entries: ReplicaFetchEntry[] = [];
    const session = this.session;
    let membershipChanged = false;
    for (const key of this.keys) {
      const r = this.broker.replicas.get(key);
      if (!r || r.state.leader !== this.leaderId) {
        if (session.delete(key)) membershipChanged = true;
        continue;
      }
      const log = r.log;
      const fetchOffset = log.logEndOffset;
      const lastFetchedEpoch = log.epochs.latestEpoch();
      const prev = session.get(key);
      if (prev && prev.fetchOffset === fetchOffset && prev.lastFetchedEpoch === lastFetchedEpoch && prev.currentLeaderEpoch === r.leaderEpoch && prev.knownHighWatermark === r.highWatermark && prev.knownLogStartOffset === log.logStartOffset) {
        entries.push(prev);
        continue;
      }
      if (!prev) membershipChanged = true;
      const e: ReplicaFetchEntry = { key, fetchOffset, lastFetchedEpoch, currentLeaderEpoch: r.leaderEpoch, knownHighWatermark: r.highWatermark, knownLogStartOffset: log.logStartOffset };
      session.set(key, e);
      entries.push(e);
    }
    if (membershipChanged || this.sessionKeys.size !== entries.length) this.sessionKeys = new Set(entries.map((e) => e.key));
    const sessionKeys = this.sessionKeys;
    if (entries.length === 0) return;
    const token = ++this.token;
    this.inFlight = token;
    const core = this.core;
    const followerId = this.broker.brokerId;
    // The request and its answer ride one connection, which the follower closes at replica.socket.timeout.ms.
    const socketTimeoutMs = core.num('replica.socket.timeout.ms', followerId);
    const giveUpAtMs = core.now() + socketTimeoutMs;
    core.network.send(followerId, this.leaderId, 'replica-fetch', () => {
      // A request retransmitted after its follower crashed died with that follower's connection.
      if (!this.current) return;
      const leader = core.broker(this.leaderId);
      if (!leader?.running) {
        // Connection refused: the follower backs off (replica.fetch.backoff.ms) instead of waiting for its socket timeout.
        const refused = entries.map((e) => ({ key: e.key, errorName: 'BROKER_NOT_AVAILABLE', batches: [], highWatermark: -1, logStartOffset: -1, logEndOffset: -1, divergingEpoch: null }));
        core.network.send(this.leaderId, followerId, 'replica-fetch-refused', () => this.onResponse(token, entries, refused), giveUpAtMs - core.now());
        return;
      }
      handleReplicaFetch(core, leader, followerId, entries, sessionKeys, (answers) => {
        const sentAtMs = core.now();
        // A leader that crashed retransmits nothing: an answer held by a cut link dies with it (the follower times out and backs off).
        const incarnation = leader.incarnation;
        const leaderAlive = () => leader.running && leader.incarnation === incarnation;
        core.network.send(this.leaderId, followerId, 'replica-fetch-response', () => this.onResponse(token, entries, answers, sentAtMs), giveUpAtMs - core.now(), leaderAlive);
      });
    }, socketTimeoutMs);
    this.armSocketTimeout(token);
  }

  /**
   * replica.socket.timeout.ms for the fetch `token`. Its own method so the timer's closure holds
   * only the token: a closure made in send() would share send's context and keep the request's
   * entries alive for the whole timeout (thousands of answered fetches' entries under load).
   */
  private armSocketTimeout(token: number): void {
    const followerId = this.broker.brokerId;
    this.broker.later(this.core.num('replica.socket.timeout.ms', followerId), 'replica-fetch-timeout', () => {
      if (this.inFlight !== token) return;
      this.inFlight = 0;
      this.scheduleKick(this.core.num('replica.fetch.backoff.ms', followerId));
    });
  }

  /** `sentAtMs`: when the leader sent the answer (the flow sample's replicate hops start there). */
  private onResponse(token: number, entries: ReplicaFetchEntry[], answers: ReplicaFetchAnswer[], sentAtMs = this.core.now()): void {
    if (!this.current || this.inFlight !== token) return;
    this.inFlight = 0;
    const now = this.core.now();
    // Answers come in request order with unanswered partitions omitted (handleReplicaFetch), so
    // one walk pairs them with their entries.
    let next = 0;
    const asked: (ReplicaFetchEntry | undefined)[] = new Array<ReplicaFetchEntry | undefined>(answers.length);
    for (const e of entries) {
      if (next < answers.length && answers[next]!.key === e.key) {
        asked[next++] = e;
        continue;
      }
      // Omitted partitions had nothing new: this replica is caught up with the leader.
      const r = this.broker.replicas.get(e.key);
      if (r && r.state.leader === this.leaderId && r.leaderEpoch === e.currentLeaderEpoch) r.lastCaughtUpTimeMs = now;
    }
    let errors = 0;
    for (let i = 0; i < answers.length; i++) {
      const a = answers[i]!;
      if (!this.keys.has(a.key)) continue;
      const r = this.broker.replicas.get(a.key);
      if (!r || r.state.leader !== this.leaderId) continue;
      // AbstractFetcherThread.processFetchRequest: an answer to a request made in another leader epoch
      // or from another fetch offset is stale (the partition moved away and back meanwhile).
      const e = asked[i];
      if (!e || e.currentLeaderEpoch !== r.leaderEpoch || e.fetchOffset !== r.log.logEndOffset) continue;
      if (a.errorName !== 'NONE' && a.errorName !== 'OFFSET_OUT_OF_RANGE') {
        errors++;
        continue;
      }
      this.apply(r, a);
      if (this.core.flow && a.batches.length > 0) this.core.flow.replicate(sentAtMs, this.core.now(), this.leaderId, this.broker.brokerId, r.topic, r.partition, a.batches);
    }
    this.scheduleKick(errors > 0 && errors === entries.length ? this.core.num('replica.fetch.backoff.ms', this.broker.brokerId) : 0);
  }

  private apply(r: Replica, a: ReplicaFetchAnswer): void {
    const log = r.log;
    if (a.divergingEpoch) {
      const { epoch, endOffset } = a.divergingEpoch;
      // AbstractFetcherThread.getOffsetTruncationState: the follower's own end of the largest epoch ≤ the
      // leader's answer bounds the truncation; an epoch the follower never saw takes another round.
      const hwFallback = Math.max(log.logStartOffset, Math.min(r.highWatermark, log.logEndOffset));
      let truncateTo: number;
      if (epoch === UNDEFINED_EPOCH || endOffset < 0) {
        truncateTo = hwFallback;
      } else {
        const mine = log.epochs.endOffsetFor(epoch, log.logEndOffset);
        if (mine.endOffset < 0) truncateTo = hwFallback;
        else if (mine.epoch !== epoch) truncateTo = Math.min(mine.endOffset, log.logEndOffset);
        else truncateTo = Math.min(mine.endOffset, endOffset, log.logEndOffset);
      }
      truncateReplica(this.core, this.broker, r, truncateTo);
      return;
    }
    if (a.errorName === 'OFFSET_OUT_OF_RANGE') {
      if (log.logEndOffset < a.logStartOffset) {
        truncateReplica(this.core, this.broker, r, -1, a.logStartOffset);
      } else if (log.logEndOffset > a.logEndOffset) {
        truncateReplica(this.core, this.broker, r, a.logEndOffset);
      }
      return;
    }
    for (const b of a.batches) {
      if (b.baseOffset < log.logEndOffset) continue;
      appendToLog(this.core, this.broker, r, b);
    }
    const highWatermark = Math.min(a.highWatermark, log.logEndOffset);
    const advanced = highWatermark > r.highWatermark;
    r.highWatermark = highWatermark;
    if (log.logEndOffset >= a.logEndOffset) r.lastCaughtUpTimeMs = this.core.now();
    // KIP-392: consumers long-polling this follower see records once its highWatermark moves.
    if (advanced) this.core.notifyData(this.broker.brokerId, r.topic, r.partition);
    if (a.logStartOffset > log.logStartOffset) advanceLogStart(this.core, this.broker, r, Math.min(a.logStartOffset, log.logEndOffset), 'log-start-offset');
  }
}
