/**
 * A deterministic classic-protocol consumer for the coordinator's tests: JoinGroup (with the
 * KIP-394 MEMBER_ID_REQUIRED round trip), a round-robin assignor when it leads, SyncGroup, and
 * heartbeats every heartbeatIntervalMs that rejoin on REBALANCE_IN_PROGRESS — like a real
 * client, but driven by the simulation's event queue. ConsumerProtocol bytes are built here with
 * the spec's layout (Subscription/Assignment v0–v1).
 */
import { BinaryWriter } from './binary';
import type { GroupCoordinator } from './group-coordinator';
import type { CoordinatorHost } from './host';
import type { JoinGroupResponse } from './types';

/** The clientHost the simulated consumers join with (JoinGroup's client host, as Kafka writes it: '/' + address). */
export const TEST_CONSUMER_CLIENT_HOST = '/127.0.0.1';

export function encodeSubscription(topics: string[], version = 0, owned: { topic: string; partitions: number[] }[] = []): Buffer {
  const w = new BinaryWriter().int16(version).array(topics, (x, t) => x.string(t)).int32(-1);
  if (version >= 1) w.array(owned, (x, o) => x.string(o.topic).array(o.partitions, (y, p) => y.int32(p)));
  return w.toBuffer();
}

export function encodeAssignment(partitions: { topic: string; partitions: number[] }[], version = 0): Buffer {
  return new BinaryWriter().int16(version).array(partitions, (x, o) => x.string(o.topic).array(o.partitions, (y, p) => y.int32(p))).int32(-1).toBuffer();
}

export interface TestConsumerOptions {
  groupId: string;
  clientId: string;
  topics: string[];
  groupInstanceId?: string | null;
  sessionTimeoutMs?: number;
  rebalanceTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  protocols?: string[];
  /** Consume one record per partition and commit every autoCommitIntervalMs (positions start at the committed offsets). */
  autoCommitIntervalMs?: number;
}

export class TestConsumer {
  memberId = '';
  generationId = -1;
  isLeader = false;
  assignment: { topic: string; partitions: number[] }[] = [];
  lastError = 'NONE';
  /** Readable history of this consumer's requests and answers. */
  readonly history: string[] = [];
  private running = false;
  private heartbeatToken = 0;
  /** Bumped whenever the assignment is revoked (rejoin, crash, leave): stops the commit loop of the old one. */
  private assignmentToken = 0;

  private readonly startMs: number;
  /** Consumed position per "topic\0partition" of the current assignment (known once its committed offset was fetched). */
  readonly positions = new Map<string, number>();
  /** Highest offset whose commit was acknowledged, per "topic\0partition". */
  readonly acknowledged = new Map<string, number>();

  constructor(private readonly cluster: CoordinatorHost, private readonly groups: GroupCoordinator, readonly opts: TestConsumerOptions) {
    this.startMs = cluster.now();
  }

  coordinator(): number {
    return this.groups.findCoordinator(0, this.opts.groupId).nodeId;
  }

  start(): void {
    this.running = true;
    this.join();
  }

  /** Crash: no more heartbeats or requests; the coordinator must notice through the session timeout. */
  crash(): void {
    this.running = false;
    this.heartbeatToken++;
  }

  leave(): string {
    this.running = false;
    this.heartbeatToken++;
    const r = this.groups.leaveGroup(this.coordinator(), { groupId: this.opts.groupId, members: [{ memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId ?? null, reason: null }] });
    return r.members[0]!.errorName;
  }

  private note(line: string): void {
    this.history.push(`+${this.cluster.now() - this.startMs}ms ${line}`);
  }

  join(): void {
    if (!this.running) return;
    this.heartbeatToken++;
    this.assignmentToken++;
    // Eager protocol: every partition is revoked before rejoining.
    this.assignment = [];
    this.positions.clear();
    const protocols = (this.opts.protocols ?? ['roundrobin']).map((name) => ({ name, metadata: encodeSubscription(this.opts.topics) }));
    this.groups.joinGroup(this.coordinator(), {
      groupId: this.opts.groupId, sessionTimeoutMs: this.opts.sessionTimeoutMs ?? 10_000, rebalanceTimeoutMs: this.opts.rebalanceTimeoutMs ?? 30_000,
      memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId ?? null, protocolType: 'consumer', protocols,
      clientId: this.opts.clientId, clientHost: TEST_CONSUMER_CLIENT_HOST, requireKnownMemberId: true, reason: null,
    }, (r) => this.onJoin(r));
  }

  private onJoin(r: JoinGroupResponse): void {
    this.note(`join ${r.errorName} generation=${r.generationId}`);
    if (!this.running) return;
    this.lastError = r.errorName;
    if (r.errorName === 'MEMBER_ID_REQUIRED') {
      this.memberId = r.memberId;
      return this.join();
    }
    if (r.errorName === 'UNKNOWN_MEMBER_ID') {
      this.memberId = '';
      return this.cluster.schedule(100, 'test-consumer-rejoin', () => this.join());
    }
    if (r.errorName !== 'NONE') return this.cluster.schedule(100, 'test-consumer-rejoin', () => this.join());
    this.memberId = r.memberId;
    this.generationId = r.generationId;
    this.isLeader = r.leader === r.memberId;
    const assignments = this.isLeader && !r.skipAssignment ? this.assign(r.members.map((m) => m.memberId)) : [];
    this.groups.syncGroup(this.coordinator(), {
      groupId: this.opts.groupId, generationId: r.generationId, memberId: r.memberId, groupInstanceId: this.opts.groupInstanceId ?? null,
      protocolType: 'consumer', protocolName: r.protocolName, assignments,
    }, (s) => {
      this.note(`sync ${s.errorName}`);
      if (!this.running) return;
      this.lastError = s.errorName;
      if (s.errorName !== 'NONE') return this.join();
      this.assignment = decodeAssignmentForTest(s.assignment);
      this.scheduleHeartbeat();
      if (this.opts.autoCommitIntervalMs !== undefined) this.fetchPositions(this.assignmentToken);
    });
  }

  private assign(memberIds: string[]): { memberId: string; assignment: Buffer }[] {
    const sorted = [...memberIds].sort();
    const owned = new Map(sorted.map((m) => [m, new Map<string, number[]>()]));
    let i = 0;
    for (const topic of [...this.opts.topics].sort()) {
      for (let p = 0; p < (this.cluster.partitionCount(topic) ?? 0); p++) {
        const member = owned.get(sorted[i++ % sorted.length]!)!;
        member.set(topic, [...(member.get(topic) ?? []), p]);
      }
    }
    return sorted.map((memberId) => ({ memberId, assignment: encodeAssignment([...owned.get(memberId)!].map(([topic, partitions]) => ({ topic, partitions }))) }));
  }

  private scheduleHeartbeat(): void {
    const token = ++this.heartbeatToken;
    this.cluster.schedule(this.opts.heartbeatIntervalMs ?? 3000, 'test-consumer-heartbeat', () => {
      if (!this.running || token !== this.heartbeatToken) return;
      const error = this.groups.heartbeat(this.coordinator(), { groupId: this.opts.groupId, generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId ?? null });
      this.lastError = error;
      if (error === 'NONE') return this.scheduleHeartbeat();
      // A moved coordinator is rediscovered; the membership itself is still valid.
      if (error === 'NOT_COORDINATOR' || error === 'COORDINATOR_NOT_AVAILABLE') return this.scheduleHeartbeat();
      this.note(`heartbeat ${error}`);
      if (error === 'UNKNOWN_MEMBER_ID' || error === 'FENCED_INSTANCE_ID') this.memberId = '';
      this.join();
    });
  }

  /** Reads the committed offsets of the assignment (requireStable, retried while UNSTABLE_OFFSET_COMMIT), then commits periodically. */
  private fetchPositions(token: number): void {
    if (!this.running || token !== this.assignmentToken) return;
    const topics = this.assignment.map((a) => ({ name: a.topic, partitionIndexes: a.partitions }));
    const r = this.groups.offsetFetch(this.coordinator(), [{ groupId: this.opts.groupId, topics }], true)[0]!;
    const partitions = r.topics.flatMap((t) => t.partitions.map((p) => ({ key: `${t.name}\u0000${p.partitionIndex}`, ...p })));
    if (r.errorName !== 'NONE' || partitions.some((p) => p.errorName !== 'NONE')) {
      this.cluster.schedule(100, 'test-consumer-fetch-offsets', () => this.fetchPositions(token));
      return;
    }
    for (const p of partitions) this.positions.set(p.key, Math.max(p.committedOffset, 0));
    this.cluster.schedule(this.opts.autoCommitIntervalMs!, 'test-consumer-commit', () => this.commitPositions(token));
  }

  /** Consumes one record per assigned partition and commits the new positions with the current generation. */
  private commitPositions(token: number): void {
    if (!this.running || token !== this.assignmentToken || this.positions.size === 0) return;
    const byTopic = new Map<string, { partitionIndex: number; committedOffset: number; committedLeaderEpoch: number; commitTimestamp: number; committedMetadata: string | null }[]>();
    for (const [key, position] of this.positions) {
      const [topic, partition] = key.split('\u0000') as [string, string];
      this.positions.set(key, position + 1);
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { partitionIndex: Number(partition), committedOffset: position + 1, committedLeaderEpoch: -1, commitTimestamp: -1, committedMetadata: null }]);
    }
    this.groups.offsetCommit(this.coordinator(), {
      groupId: this.opts.groupId, generationId: this.generationId, memberId: this.memberId, groupInstanceId: this.opts.groupInstanceId ?? null, retentionTimeMs: -1,
      topics: [...byTopic].map(([name, partitions]) => ({ name, partitions })),
    }, (answer) => {
      for (const t of answer.topics) {
        for (const p of t.partitions) {
          if (p.errorName !== 'NONE') continue;
          const key = `${t.name}\u0000${p.partitionIndex}`;
          const committed = byTopic.get(t.name)!.find((x) => x.partitionIndex === p.partitionIndex)!.committedOffset;
          this.acknowledged.set(key, Math.max(this.acknowledged.get(key) ?? 0, committed));
        }
      }
    });
    this.cluster.schedule(this.opts.autoCommitIntervalMs!, 'test-consumer-commit', () => this.commitPositions(token));
  }
}

function decodeAssignmentForTest(bytes: Buffer): { topic: string; partitions: number[] }[] {
  if (bytes.length === 0) return [];
  let pos = 2;
  const n = bytes.readInt32BE(pos); pos += 4;
  const out: { topic: string; partitions: number[] }[] = [];
  for (let i = 0; i < n; i++) {
    const len = bytes.readInt16BE(pos); pos += 2;
    const topic = bytes.toString('utf8', pos, pos + len); pos += len;
    const count = bytes.readInt32BE(pos); pos += 4;
    const partitions: number[] = [];
    for (let j = 0; j < count; j++) { partitions.push(bytes.readInt32BE(pos)); pos += 4; }
    out.push({ topic, partitions });
  }
  return out;
}
