/**
 * `records-<kind>`: Produce requests carrying one kind of hostile batch (record-batches.ts) to the
 * fuzz topics — the compacted ones above all, whose cleaner reads what was stored — each followed
 * by a Fetch of the partition from the start, so whatever was accepted is also read back.
 */
import { FUZZ_TOPICS } from '../hostile';
import { recordBatch, type RecordKind } from '../record-batches';
import type { Family } from './family';

export function recordsFamily(kind: RecordKind): Family {
  return {
    name: `records-${kind}`,
    weight: kind === 'bomb' ? 0.5 : 1.5,
    apiKeys: [0, 1],
    async run(io) {
      const { h } = io;
      const topic = h.chance(0.9) ? h.pick(FUZZ_TOPICS).name : h.topicName();
      const partition = h.chance(0.9) ? 0 : h.partition();
      const batches = Array.from({ length: h.chance(0.1) ? 2 : 1 }, () => recordBatch(h, kind));
      const acks = h.pick([-1, -1, 1, 0]);
      await io.call(0, {
        transactionalId: null, acks, timeoutMs: 5000,
        topicData: [{ name: topic, partitionData: batches.map((records) => ({ index: partition, records })) }],
      }, { version: io.version(0, 3), topic, partition });
      await io.call(1, {
        replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: h.pick([0, 1]), sessionId: 0, sessionEpoch: -1,
        topics: [{ topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
        forgottenTopicsData: [], rackId: '',
      }, { version: io.version(1, 4, 12), topic, partition });
    },
  };
}
