/**
 * The KRaft-style controller: the voter quorum (./quorum.ts: the first up-to-3 brokers in combined
 * mode, or dedicated controller nodes) with an active controller and controllerEpoch, broker registrations kept alive by heartbeats and fenced after
 * broker.session.timeout.ms, the metadata log every change is appended to, partition changes
 * (leader elections, ISR updates via AlterPartition) and the producer-id allocator.
 *
 * The quorum's Raft log is assumed replicated among the voters, so a new active controller starts
 * from the same state; what is simulated is *who* can act and when (elections after
 * controller.quorum.election.timeout.ms, decisions reaching brokers over the network).
 */
import type { ClusterCore } from '../core';
import type { MetadataRecord, PartitionState, TopicRecord } from '../metadata';
import { chooseLeader, isrWithout } from './election';
import { reportLostRecords, scheduleLeaderChecks, type LeaderCheckTimes } from './leader-upkeep';
import { VoterSet, type QuorumStatus } from './quorum';

export interface BrokerRegistration {
  brokerId: number;
  fenced: boolean;
  shuttingDown: boolean;
  lastHeartbeatMs: number;
  /** Broker incarnation of the current registration (a restart registers anew). */
  incarnation: number;
  sessionTimer: { cancelled: boolean } | null;
}

export interface ControllerTopic {
  record: TopicRecord;
  partitions: PartitionState[];
}

/** One way of a Vote request between voters on the loopback network (ms). */
const VOTE_ROUND_TRIP_HALF_MS = 1;

export type ElectionReason = 'broker-failure' | 'controlled-shutdown' | 'preferred' | 'reassignment' | 'initial' | 'unclean';

export class Controller {
  readonly voters: number[];
  /** Who votes, and whether a majority of them reach each other (combined or dedicated, ./quorum.ts). */
  readonly quorum: VoterSet;
  /** Simulated time the quorum lost its majority, while it is lost (the quorum-lost event); else null. */
  quorumLostSinceMs: number | null = null;
  activeControllerId: number | null = null;
  controllerEpoch = 0;
  readonly metadataLog: MetadataRecord[] = [];
  readonly topics = new Map<string, ControllerTopic>();
  readonly registrations = new Map<number, BrokerRegistration>();
  /** Next producerId to hand out (Kafka's ProducerIdControlManager, one id per request here). */
  nextProducerId = 0;
  private pushScheduled = false;
  private electionScheduled = false;
  /** When the active controller's periodic leader checks run next (./leader-upkeep.ts). */
  readonly leaderChecks: LeaderCheckTimes = { nextLeaderImbalanceCheckMs: null, nextUncleanLeaderElectionCheckMs: null };
  /** Hooks the topic admin installs (reassignment completion after ISR growth). */
  onIsrExpanded: ((topic: ControllerTopic, state: PartitionState) => void) | null = null;

  /** `controllerIds` empty: combined mode; else the dedicated controller nodes, which are the voters. */
  constructor(private readonly core: ClusterCore, brokerIds: number[], controllerIds: readonly number[] = []) {
    this.quorum = new VoterSet(core, brokerIds, controllerIds);
    this.voters = this.quorum.voters;
    for (const id of brokerIds) this.registrations.set(id, { brokerId: id, fenced: false, shuttingDown: false, lastHeartbeatMs: core.now(), incarnation: 0, sessionTimer: null });
  }

  /** Offset of the last metadata record (the view's metadataEpoch). */
  get metadataOffset(): number {
    return this.metadataLog.length;
  }

  // ------------------------------------------------------------ quorum

  /** A voter can lead when it runs and reaches a majority of the voters (itself included). */
  canLead(id: number): boolean {
    return this.quorum.hasMajorityFrom(id);
  }

  quorumStatus(): QuorumStatus {
    return this.quorum.status();
  }

  /**
   * Called on every topology change (stop, start, isolate, heal, link cut). An active controller
   * that no longer reaches a majority steps down (KIP-595's check-quorum); when no voter can reach
   * a majority the quorum-lost event says why, once, until a controller is elected again.
   * `resigned`: the node that just stopped in a controlled shutdown; if it was the active
   * controller, it resigned gracefully (KIP-595 EndQuorumEpoch): its preferred successor starts the
   * election at once instead of waiting out controller.quorum.election.timeout.ms (KafkaRaftClient
   * endEpochElectionBackoff: no backoff for the first preferred successor). Without this, the
   * other brokers went on naming the stopped broker as leader and coordinator for 1–2 s.
   */
  reevaluateQuorum(resigned?: number): void {
    let graceful = false;
    if (this.activeControllerId !== null && !this.canLead(this.activeControllerId)) {
      const lost = this.activeControllerId;
      graceful = lost === resigned;
      this.activeControllerId = null;
      for (const reg of this.registrations.values()) if (reg.sessionTimer) reg.sessionTimer.cancelled = true;
      this.core.emit({ type: 'controller-lost', controllerId: lost, controllerEpoch: this.controllerEpoch });
    }
    if (this.activeControllerId === null && this.quorumLostSinceMs === null) {
      const status = this.quorumStatus();
      if (!status.hasMajority) {
        this.quorumLostSinceMs = this.core.now();
        this.core.emit({ type: 'quorum-lost', voters: status.voters, reachableVoters: status.reachableVoters, stoppedVoters: status.stoppedVoters, cutOffVoters: status.cutOffVoters });
      }
    }
    if (this.activeControllerId === null) this.scheduleElection(graceful);
  }

  private scheduleElection(graceful = false): void {
    if (this.electionScheduled) return;
    this.electionScheduled = true;
    const timeout = this.core.num('controller.quorum.election.timeout.ms');
    // Drawn either way, so the controller's random stream stays the same for what follows.
    const jitter = this.core.random.controller.int(0, timeout);
    // A graceful resignation: one vote round trip between voters (Vote request and response).
    const delay = graceful ? 2 * VOTE_ROUND_TRIP_HALF_MS : timeout + jitter;
    this.core.sim.schedule(delay, 'controller-election', () => {
      this.electionScheduled = false;
      if (this.activeControllerId !== null) return;
      const candidates = this.voters.filter((v) => this.canLead(v));
      if (candidates.length === 0) {
        return;
      }
      this.becomeActive(this.core.random.controller.pick(candidates));
    });
  }

  /** Makes `id` the active controller with a new controllerEpoch; brokers get a fresh session. */
  becomeActive(id: number): void {
    this.activeControllerId = id;
    this.controllerEpoch++;
    this.core.emit({ type: 'controller-elected', controllerId: id, controllerEpoch: this.controllerEpoch });
    if (this.quorumLostSinceMs !== null) {
      this.core.emit({ type: 'quorum-restored', controllerId: id, controllerEpoch: this.controllerEpoch, lostForMs: this.core.now() - this.quorumLostSinceMs });
      this.quorumLostSinceMs = null;
    }
    for (const reg of this.registrations.values()) this.armSession(reg, this.core.now());
    this.schedulePush();
    scheduleLeaderChecks(this.core, this, this.controllerEpoch);
  }

  /** Whether `fromBrokerId` can currently reach the active controller. */
  reachable(fromBrokerId: number): boolean {
    return this.activeControllerId !== null && this.core.network.canReach(fromBrokerId, this.activeControllerId);
  }

  // ------------------------------------------------------------ registrations

  isEligibleLeader = (brokerId: number): boolean => {
    const reg = this.registrations.get(brokerId);
    return !!reg && !reg.fenced && !reg.shuttingDown;
  };

  private armSession(reg: BrokerRegistration, fromMs: number): void {
    if (reg.sessionTimer) reg.sessionTimer.cancelled = true;
    reg.lastHeartbeatMs = fromMs;
    const epoch = this.controllerEpoch;
    const timer = { cancelled: false };
    reg.sessionTimer = timer;
    this.core.sim.schedule(this.core.num('broker.session.timeout.ms'), 'broker-session-expiry', () => {
      if (timer.cancelled || epoch !== this.controllerEpoch || this.activeControllerId === null) return;
      if (!reg.fenced) this.fence(reg.brokerId, 'session timeout');
    });
  }

  /** A heartbeat reached the active controller (BrokerHeartbeat). Returns the metadata offset to catch up to. */
  onHeartbeat(brokerId: number, wantShutdown: boolean): number {
    const reg = this.registrations.get(brokerId)!;
    this.armSession(reg, this.core.now());
    if (!wantShutdown && reg.shuttingDown) reg.shuttingDown = false;
    if (reg.fenced && !reg.shuttingDown && this.core.broker(brokerId)?.running) this.unfence(brokerId);
    return this.metadataOffset;
  }

  /**
   * BrokerRegistration of a restarted broker: a new incarnation replaces the old registration, so
   * the old one is fenced first (its leaderships move), then the heartbeat unfences it.
   */
  register(brokerId: number, incarnation: number): void {
    const reg = this.registrations.get(brokerId)!;
    if (reg.incarnation === incarnation) return;
    reg.incarnation = incarnation;
    reg.shuttingDown = false;
    if (!reg.fenced) this.fence(brokerId, 'restarted');
  }

  fence(brokerId: number, reason: string): void {
    const reg = this.registrations.get(brokerId)!;
    reg.fenced = true;
    this.publish({ type: 'broker-registration', brokerId, fenced: true });
    this.core.emit({ type: 'broker-fenced', brokerId, reason });
    const electionReason: ElectionReason = reason === 'controlled shutdown' ? 'controlled-shutdown' : 'broker-failure';
    this.forEachPartition((topic, state) => {
      if (state.leader === brokerId) this.elect(topic, state, electionReason, { isr: isrWithout(state.isr, brokerId) });
      else if (state.isr.includes(brokerId) && state.isr.length > 1) this.changeIsr(topic, state, isrWithout(state.isr, brokerId));
    });
  }

  unfence(brokerId: number): void {
    const reg = this.registrations.get(brokerId)!;
    reg.fenced = false;
    this.publish({ type: 'broker-registration', brokerId, fenced: false });
    this.core.emit({ type: 'broker-unfenced', brokerId });
    this.forEachPartition((topic, state) => {
      if (state.leader === -1 && state.replicas.includes(brokerId)) this.elect(topic, state, 'broker-failure', {});
    });
  }

  /** Controlled shutdown: leadership moves to other ISR members first, then the broker is fenced. */
  controlledShutdown(brokerId: number): void {
    const reg = this.registrations.get(brokerId)!;
    reg.shuttingDown = true;
    this.fence(brokerId, 'controlled shutdown');
  }

  forEachPartition(fn: (topic: ControllerTopic, state: PartitionState) => void): void {
    for (const t of this.topics.values()) for (const p of [...t.partitions]) fn(t, p);
  }

  // ------------------------------------------------------------ metadata log

  publish(record: MetadataRecord): void {
    this.metadataLog.push(record);
    this.schedulePush();
  }

  /** Sends "catch up to offset N" to every running broker (coalesced per simulated instant). */
  private schedulePush(): void {
    if (this.pushScheduled) return;
    this.pushScheduled = true;
    this.core.sim.schedule(0, 'metadata-push', () => {
      this.pushScheduled = false;
      const from = this.activeControllerId;
      if (from === null) return;
      const offset = this.metadataOffset;
      for (const b of this.core.brokers.values()) {
        if (!b.running) continue;
        // A push retransmitted after a crash must not reach the restarted broker, which catches up through its registration.
        const incarnation = b.incarnation;
        this.core.network.send(from, b.brokerId, 'metadata-delivery', () => {
          if (b.incarnation === incarnation) b.catchUpMetadata(offset);
        });
      }
    });
  }

  // ------------------------------------------------------------ partition changes

  /** Writes a new partition state (partitionEpoch+1; leaderEpoch+1 if the leader changed). */
  commit(topic: ControllerTopic, prev: PartitionState, change: Partial<Omit<PartitionState, 'topic' | 'partition' | 'leaderEpoch' | 'partitionEpoch'>>): PartitionState {
    const leaderChanged = change.leader !== undefined && change.leader !== prev.leader;
    const next: PartitionState = {
      ...prev,
      ...change,
      leaderEpoch: leaderChanged ? prev.leaderEpoch + 1 : prev.leaderEpoch,
      partitionEpoch: prev.partitionEpoch + 1,
    };
    topic.partitions[prev.partition] = next;
    this.publish({ type: 'partition', state: next });
    return next;
  }

  changeIsr(topic: ControllerTopic, prev: PartitionState, isr: number[]): PartitionState {
    const next = this.commit(topic, prev, { isr });
    const removed = prev.isr.filter((id) => !isr.includes(id));
    const added = isr.filter((id) => !prev.isr.includes(id));
    const ref = { topic: prev.topic, partition: prev.partition };
    if (removed.length) this.core.emit({ type: 'isr-shrunk', ...ref, removed, inSyncReplicas: [...isr] });
    if (added.length) {
      this.core.emit({ type: 'isr-expanded', ...ref, added, inSyncReplicas: [...isr] });
      this.onIsrExpanded?.(topic, next);
    }
    return next;
  }

  /**
   * Elects a leader for a partition. `opts.isr` overrides the ISR considered (the failed broker
   * removed); `opts.exclude` keeps brokers out (controlled shutdown); `opts.unclean` forces unclean.
   */
  elect(topic: ControllerTopic, prev: PartitionState, reason: ElectionReason, opts: { isr?: number[]; exclude?: number[]; unclean?: boolean; preferred?: number }): PartitionState {
    const considered: PartitionState = opts.isr ? { ...prev, isr: opts.isr } : prev;
    const allowUnclean = opts.unclean ?? topic.record.settings.uncleanLeaderElection;
    let choice = chooseLeader(considered, this.isEligibleLeader, allowUnclean, opts.exclude ?? []);
    if (opts.preferred !== undefined) choice = { leader: opts.preferred, isr: [...prev.isr], unclean: false };
    if (choice.leader === prev.leader && choice.leader !== -1 && opts.preferred === undefined) {
      return opts.isr && opts.isr.join() !== prev.isr.join() ? this.changeIsr(topic, prev, opts.isr) : prev;
    }
    const ref = { topic: prev.topic, partition: prev.partition };
    if (choice.leader === -1) {
      if (prev.leader === -1 && considered.isr.join() === prev.isr.join()) return prev;
      const next = this.commit(topic, prev, { leader: -1, isr: choice.isr });
      this.core.emit({ type: 'partition-offline', ...ref, leaderEpoch: next.leaderEpoch, previousLeader: prev.leader });
      return next;
    }
    const next = this.commit(topic, prev, { leader: choice.leader, isr: choice.isr });
    const shownReason: ElectionReason = choice.unclean ? 'unclean' : reason;
    this.core.emit({ type: 'leader-elected', ...ref, leader: choice.leader, previousLeader: prev.leader, leaderEpoch: next.leaderEpoch, unclean: choice.unclean, reason: shownReason });
    if (prev.isr.join() !== choice.isr.join()) {
      const removed = prev.isr.filter((id) => !choice.isr.includes(id));
      if (removed.length) this.core.emit({ type: 'isr-shrunk', ...ref, removed, inSyncReplicas: [...choice.isr] });
    }
    reportLostRecords(this.core, next, choice.unclean);
    return next;
  }

  /** AlterPartition from a leader (KIP-497): validated against leaderEpoch and partitionEpoch. */
  alterPartition(fromBrokerId: number, topicName: string, partition: number, leaderEpoch: number, partitionEpoch: number, isr: number[]): { errorName: string; state: PartitionState | null } {
    const topic = this.topics.get(topicName);
    const state = topic?.partitions[partition];
    if (!topic || !state) return { errorName: 'UNKNOWN_TOPIC_OR_PARTITION', state: null };
    if (state.leader !== fromBrokerId || state.leaderEpoch !== leaderEpoch) return { errorName: 'FENCED_LEADER_EPOCH', state };
    if (state.partitionEpoch !== partitionEpoch) return { errorName: 'INVALID_UPDATE_VERSION', state };
    const added = isr.filter((id) => !state.isr.includes(id));
    // KIP-841: a fenced or shutting-down broker may not join the ISR.
    if (added.some((id) => !this.isEligibleLeader(id))) return { errorName: 'INELIGIBLE_REPLICA', state };
    return { errorName: 'NONE', state: this.changeIsr(topic, state, isr) };
  }

  /** InitProducerId without transactional.id: a fresh producerId, epoch 0. */
  allocateProducerId(): number {
    return this.nextProducerId++;
  }
}
