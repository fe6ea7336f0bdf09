/**
 * The well-behaved client the fuzzer keeps alive: after every round it finds GOOD_TOPIC's leader
 * through Metadata, produces a batch with acks=all, reads it back with Fetch (CRC checked, values
 * compared), and commits and fetches an offset for GOOD_GROUP through its coordinator — what a
 * producer and a consumer group member do, on our own codecs so a round costs milliseconds.
 * Retriable errors are retried until `deadlineMs` (leaders and coordinators may move while the
 * fuzz cases run); anything else, or no success before the deadline, is a failure.
 */
import { errorName } from '../protocol';
import { decodeRecordBatch, encodeRecordBatch, splitBatches } from '../protocol/records';
import { GOOD_GROUP, GOOD_TOPIC } from './hostile';
import { Lane, type Answer, type Body } from './lane';

const RETRIABLE = new Set(['NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'NOT_COORDINATOR', 'COORDINATOR_LOAD_IN_PROGRESS', 'COORDINATOR_NOT_AVAILABLE', 'REQUEST_TIMED_OUT', 'NOT_ENOUGH_REPLICAS', 'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'UNKNOWN_TOPIC_OR_PARTITION', 'REBALANCE_IN_PROGRESS', 'FENCED_LEADER_EPOCH', 'UNKNOWN_LEADER_EPOCH']);

class Retry extends Error {}

export class GoodClient {
  private readonly lane: Lane;
  records = 0;

  constructor(ports: ReadonlyMap<number, number>, private readonly deadlineMs = 15_000) {
    this.lane = new Lane(ports, deadlineMs, () => {});
  }

  private async call(broker: number, apiKey: number, version: number, body: Body): Promise<Body> {
    const answer: Answer = await this.lane.call(broker, apiKey, version, body, 'fuzz-good-client');
    if (answer.kind !== 'response') throw new Retry(`API ${apiKey}: ${answer.kind}`);
    return answer.body;
  }

  private static check(code: number, what: string): void {
    if (code === 0) return;
    const name = errorName(code);
    if (RETRIABLE.has(name)) throw new Retry(`${what}: ${name}`);
    throw new Error(`${what}: ${name}`);
  }

  /** The one partition the good client asked about; its absence without an error code is a broker bug, named as such. */
  private static first<T>(partitions: T[] | undefined, what: string): T {
    const p = partitions?.[0];
    if (p === undefined) throw new Error(`${what}: answered without the requested partition and without an error code`);
    return p;
  }

  private async leader(): Promise<number> {
    const body = await this.call(this.lane.brokerIds[0]!, 3, 9, { topics: [{ name: GOOD_TOPIC }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    const topic = (body.topics as { errorCode: number; partitions: { partitionIndex: number; leaderId: number }[] }[])[0]!;
    GoodClient.check(topic.errorCode, 'Metadata');
    const leader = topic.partitions.find((p) => p.partitionIndex === 0)?.leaderId ?? -1;
    if (leader < 0) throw new Retry('no leader');
    return leader;
  }

  private async coordinator(): Promise<number> {
    const body = await this.call(this.lane.brokerIds[0]!, 10, 3, { key: GOOD_GROUP, keyType: 0 });
    GoodClient.check(body.errorCode as number, 'FindCoordinator');
    return body.nodeId as number;
  }

  private async once(round: number): Promise<void> {
    const leader = await this.leader();
    const values = Array.from({ length: 5 }, (_, i) => `good-${round}-${i}`);
    const batch = encodeRecordBatch({ compression: round % 2 ? 'zstd' : 'none', records: values.map((v) => ({ key: Buffer.from('k'), value: Buffer.from(v), timestamp: Date.now() })) });
    const produced = await this.call(leader, 0, 9, { transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: GOOD_TOPIC, partitionData: [{ index: 0, records: batch }] }] });
    const p = (produced.responses as { partitionResponses: { errorCode: number; baseOffset: number }[] }[])[0]!.partitionResponses[0]!;
    GoodClient.check(p.errorCode, 'Produce');
    const fetched = await this.call(leader, 1, 12, {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 1, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic: GOOD_TOPIC, partitions: [{ partition: 0, currentLeaderEpoch: -1, fetchOffset: p.baseOffset, lastFetchedEpoch: -1, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [], rackId: '',
    });
    // Top-level errors (v7+) come with no per-partition entries, as in Kafka's FetchResponse.
    GoodClient.check(fetched.errorCode as number, 'Fetch');
    const fp = GoodClient.first((fetched.responses as { partitions: { errorCode: number; records: Buffer | null }[] }[])[0]?.partitions, 'Fetch');
    GoodClient.check(fp.errorCode, 'Fetch');
    const read = splitBatches(fp.records ?? Buffer.alloc(0)).flatMap((b) => decodeRecordBatch(b, { verifyCrc: true }).records).filter((r) => r.offset >= p.baseOffset).map((r) => r.value?.toString() ?? '');
    // Produce with acks=all answers once the highWatermark covers the batch, so it must be readable now.
    if (read.slice(0, values.length).join() !== values.join()) throw new Error(`Fetch from ${p.baseOffset} read [${read.slice(0, 5).join()}], produced [${values.join()}]`);
    const coordinator = await this.coordinator();
    const committed = p.baseOffset + values.length;
    const commit = await this.call(coordinator, 8, 8, { groupId: GOOD_GROUP, generationIdOrMemberEpoch: -1, memberId: '', groupInstanceId: null, topics: [{ name: GOOD_TOPIC, partitions: [{ partitionIndex: 0, committedOffset: committed, committedLeaderEpoch: -1, committedMetadata: null }] }] });
    GoodClient.check(GoodClient.first((commit.topics as { partitions: { errorCode: number }[] }[])[0]?.partitions, 'OffsetCommit').errorCode, 'OffsetCommit');
    const offsets = await this.call(coordinator, 9, 7, { groupId: GOOD_GROUP, topics: [{ name: GOOD_TOPIC, partitionIndexes: [0] }], requireStable: true });
    // v2-7 put a group error (COORDINATOR_LOAD_IN_PROGRESS after a coordinator restarted, NOT_COORDINATOR)
    // in the top-level errorCode with no topics, as Kafka's OffsetFetchResponse does.
    GoodClient.check(offsets.errorCode as number, 'OffsetFetch');
    const op = GoodClient.first((offsets.topics as { partitions: { committedOffset: number; errorCode: number }[] }[])[0]?.partitions, 'OffsetFetch');
    GoodClient.check(op.errorCode, 'OffsetFetch');
    if (op.committedOffset !== committed) throw new Error(`OffsetFetch read ${op.committedOffset}, committed ${committed}`);
    this.records += values.length;
  }

  /** One produce/fetch/commit round trip; resolves with null, or what went wrong. */
  async check(round: number): Promise<string | null> {
    const deadline = Date.now() + this.deadlineMs;
    let last: string;
    for (;;) {
      try {
        await this.once(round);
        return null;
      } catch (e) {
        if (!(e instanceof Retry)) return (e as Error).message;
        last = e.message;
      }
      if (Date.now() > deadline) return `no success within ${this.deadlineMs} ms; last: ${last}`;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.lane.close();
  }
}
