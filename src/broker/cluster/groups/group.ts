/**
 * In-memory state of one classic group at its coordinator (Kafka: GroupMetadata, MemberMetadata).
 * Plain data plus the pure rules that need no clock: valid state transitions, the protocol
 * candidates and vote (Kafka's selectProtocol), and subscription decoding for OffsetDelete.
 */
import type { GroupState } from '../../../shared/cluster-view';
import { decodeConsumerSubscription } from './consumer-protocol';
import type { JoinGroupResponse, SyncGroupResponse } from './types';

export interface Member {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  /** ms */
  rebalanceTimeoutMs: number;
  /** ms */
  sessionTimeoutMs: number;
  protocolType: string;
  /** In the member's order of preference. */
  protocols: { name: string; metadata: Buffer }[];
  /** Assignment from the last SyncGroup, byte for byte. */
  assignment: Buffer;
  /** Pending JoinGroup answer while the group rebalances. */
  awaitingJoin: ((r: JoinGroupResponse) => void) | null;
  /** Pending SyncGroup answer while the leader has not synced. */
  awaitingSync: ((r: SyncGroupResponse) => void) | null;
  /** Joined during the current rebalance (Kafka: isNew; gets NewMemberJoinTimeoutMs). */
  isNew: boolean;
  /** Token of the live session timer; older timers are ignored when they fire. */
  sessionTimer: number;
  /** Simulated time of the last heartbeat, join or sync, ms. */
  lastHeartbeatMs: number;
}

export interface CommittedOffset {
  offset: number;
  leaderEpoch: number;
  metadata: string;
  /** ms */
  commitTimestampMs: number;
  /** ms; -1 = use the group's retention rule (KIP-211). */
  expireTimestampMs: number;
  /** Offset of the commit record in __consumer_offsets (orders transactional vs plain commits). */
  recordOffset: number;
  /** generationId the commit carried: -1 for simple consumers and admin resets (only accepted while Empty), and for offsets loaded from the log. */
  commitGenerationId: number;
}

export interface Group {
  groupId: string;
  /** The __consumer_offsets partition holding this group. */
  offsetsPartition: number;
  state: GroupState;
  /** When the group entered its current state, ms (GroupMetadataValue currentStateTimestamp). */
  stateTimestampMs: number;
  protocolType: string | null;
  protocolName: string | null;
  generationId: number;
  leaderId: string | null;
  /** Insertion order = join order (Kafka's LinkedHashMap); the first joined member leads. */
  members: Map<string, Member>;
  /** groupInstanceId → memberId (KIP-345). */
  staticMembers: Map<string, string>;
  /** memberIds handed out with MEMBER_ID_REQUIRED that have not joined yet (KIP-394) → timer token. */
  pendingMembers: Map<string, number>;
  /** A member joined during the initial rebalance delay (Kafka: newMemberAdded). */
  newMemberAdded: boolean;
  /** Token of the live join (rebalance) timer; 0 = none. */
  joinTimer: number;
  /** The join timer is Kafka's InitialDelayedJoin (group.initial.rebalance.delay.ms), which never completes early. */
  initialDelayActive: boolean;
  /** Members that got their JoinGroup answer but have not sent SyncGroup yet (Kafka: pendingSyncMembers). */
  pendingSync: Set<string>;
  /** Token of the pending-sync timer (Kafka: schedulePendingSync); 0 = none. */
  syncTimer: number;
  /** "topic\0partition" → committed offset. */
  offsets: Map<string, CommittedOffset & { topic: string; partition: number }>;
  /** Non-transactional commits appended but not yet replicated, per "topic\0partition". */
  pendingOffsetCommits: Map<string, number>;
  /** producerId → offsets written by TxnOffsetCommit, visible only once the COMMIT marker lands (KIP-98). */
  pendingTransactionalOffsets: Map<number, Map<string, CommittedOffset & { topic: string; partition: number }>>;
  /** The group committed through a transaction at least once: lag is shown against the lastStableOffset. */
  usesTransactions: boolean;
}

/** Kafka's GroupState valid previous states (GroupMetadata.scala). */
const VALID_PREVIOUS: Record<GroupState, readonly GroupState[]> = {
  Empty: ['PreparingRebalance'],
  PreparingRebalance: ['Stable', 'CompletingRebalance', 'Empty'],
  CompletingRebalance: ['PreparingRebalance'],
  Stable: ['CompletingRebalance'],
  Dead: ['Stable', 'PreparingRebalance', 'CompletingRebalance', 'Empty', 'Dead'],
};

export function canTransition(from: GroupState, to: GroupState): boolean {
  return VALID_PREVIOUS[to].includes(from);
}

export function offsetKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}

export function newGroup(groupId: string, offsetsPartition: number, nowMs: number): Group {
  return {
    groupId, offsetsPartition, state: 'Empty', stateTimestampMs: nowMs, protocolType: null, protocolName: null,
    generationId: 0, leaderId: null, members: new Map(), staticMembers: new Map(), pendingMembers: new Map(),
    newMemberAdded: false, joinTimer: 0, initialDelayActive: false, pendingSync: new Set(), syncTimer: 0, offsets: new Map(), pendingOffsetCommits: new Map(),
    pendingTransactionalOffsets: new Map(), usesTransactions: false,
  };
}

/** Protocols every member supports (Kafka: candidateProtocols), in the first member's order. */
export function candidateProtocols(group: Group): string[] {
  const members = [...group.members.values()];
  if (members.length === 0) return [];
  return members[0]!.protocols.map((p) => p.name).filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
}

/**
 * Kafka's supportsProtocols: an Empty group takes any non-empty protocol list; otherwise the
 * protocolType must match and the member must support one of the current candidates.
 */
export function supportsProtocols(group: Group, protocolType: string, protocols: string[]): boolean {
  if (group.members.size === 0) return protocolType.length > 0 && protocols.length > 0;
  if (group.protocolType !== protocolType) return false;
  const candidates = candidateProtocols(group);
  return protocols.some((p) => candidates.includes(p));
}

/**
 * Kafka's selectProtocol: every member votes for its most preferred candidate; the most votes
 * win. Ties go to the candidate listed first by the first member (Kafka leaves ties to map order).
 */
export function selectProtocol(group: Group): string {
  const candidates = candidateProtocols(group);
  if (candidates.length === 0) throw new Error(`group ${group.groupId} has no common protocol`);
  const votes = new Map<string, number>(candidates.map((c) => [c, 0]));
  for (const m of group.members.values()) {
    const vote = m.protocols.find((p) => candidates.includes(p.name))!.name;
    votes.set(vote, votes.get(vote)! + 1);
  }
  let best = candidates[0]!;
  for (const c of candidates) if (votes.get(c)! > votes.get(best)!) best = c;
  return best;
}

export function memberMetadataFor(member: Member, protocolName: string | null): Buffer {
  return member.protocols.find((p) => p.name === protocolName)?.metadata ?? Buffer.alloc(0);
}

/** Kafka: hasAllMembersJoined — every member awaits its JoinGroup answer and no MEMBER_ID_REQUIRED is outstanding. */
export function allMembersJoined(group: Group): boolean {
  for (const m of group.members.values()) if (m.awaitingJoin === null) return false;
  return group.pendingMembers.size === 0;
}

/**
 * Topics the group's members subscribe to (consumer protocol only), or null when unknown — Kafka
 * then treats every topic as subscribed (GroupMetadata.isSubscribedToTopic).
 */
export function subscribedTopics(group: Group): Set<string> | null {
  if (group.members.size === 0) return new Set();
  if (group.protocolType !== 'consumer' || group.protocolName === null) return null;
  const topics = new Set<string>();
  for (const m of group.members.values()) {
    const sub = decodeConsumerSubscription(memberMetadataFor(m, group.protocolName));
    if (sub === null) return null;
    for (const t of sub.topics) topics.add(t);
  }
  return topics;
}

export function hasPendingCommitsFor(group: Group, key: string): boolean {
  if ((group.pendingOffsetCommits.get(key) ?? 0) > 0) return true;
  for (const pending of group.pendingTransactionalOffsets.values()) if (pending.has(key)) return true;
  return false;
}
