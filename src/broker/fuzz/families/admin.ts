/**
 * Admin families: topics created, grown and deleted with hostile names, counts, assignments and
 * configs (compact with tiny segment.ms and min.cleanable.dirty.ratio among them, so the cleaner
 * and retention get work); configs described and altered on topics and brokers; leaders elected
 * and replicas reassigned to brokers that do not exist; offsets listed, fetched and deleted where
 * they are not.
 */
import { FUZZ_TOPICS, type Hostile } from '../hostile';
import type { Body } from '../lane';
import type { Family } from './family';

function configs(h: Hostile, n: number): { name: string; value: string | null }[] {
  return Array.from({ length: n }, () => h.config());
}

function topicSpec(h: Hostile): Body {
  const partitions = h.chance(0.8) ? h.int(1, 4) : h.pick([-1, 0, 2147483647, 200001]);
  const assignments = h.chance(0.15)
    ? Array.from({ length: h.int(0, 3) }, (_, i) => ({ partitionIndex: h.chance(0.8) ? i : h.partition(), brokerIds: Array.from({ length: h.int(0, 4) }, () => h.brokerId()) }))
    : [];
  return {
    name: h.chance(0.5) ? `fuzz-created-${h.int(0, 2)}` : h.topicName(),
    numPartitions: assignments.length > 0 ? -1 : partitions,
    replicationFactor: assignments.length > 0 ? -1 : h.chance(0.8) ? h.int(1, 3) : h.pick([-1, 0, 4, 32767]),
    assignments,
    configs: configs(h, h.int(0, 4)),
  };
}

export const topicAdmin: Family = {
  name: 'topic-admin',
  weight: 2,
  apiKeys: [19, 20, 37, 3],
  async run(io) {
    const { h } = io;
    const specs = Array.from({ length: h.int(1, 3) }, () => topicSpec(h));
    // A `.`/`_` twin in the same request or right after: Kafka refuses the collision (Topic.hasCollision).
    if (h.chance(0.2)) specs.push({ ...specs[0]!, name: String(specs[0]!.name).replace(/[._]/g, (c) => (c === '.' ? '_' : '.')) });
    await io.call(19, { topics: specs, timeoutMs: h.timeoutMs(), validateOnly: h.chance(0.2) });
    const names = specs.map((s) => String(s.name));
    const step = h.int(0, 3);
    if (step === 0) await io.call(37, { topics: names.map((name) => ({ name, count: h.pick([1, 2, 5, 0, -1, 2147483647]), assignments: h.chance(0.2) ? [[h.brokerId()], []] : null })), timeoutMs: h.timeoutMs(), validateOnly: h.chance(0.2) });
    else if (step === 1) {
      const answer = await io.call(3, { topics: names.map((name) => ({ name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })), allowAutoTopicCreation: h.chance(0.3), includeTopicAuthorizedOperations: false }, { version: io.version(3, 0, 9) });
      if (answer.kind === 'response') {
        for (const t of (answer.body.topics as { topicId?: string }[] | undefined) ?? []) if (t.topicId && t.topicId !== 'AAAAAAAAAAAAAAAAAAAAAA') h.seen.topicIds.push(t.topicId);
      }
    } else if (step === 2) {
      const byId = h.seen.topicIds.length > 0 && h.chance(0.5);
      await io.call(20, { topicNames: names, topics: names.map((name) => (byId ? { name: null, topicId: h.pick(h.seen.topicIds) } : { name, topicId: 'AAAAAAAAAAAAAAAAAAAAAA' })), timeoutMs: h.timeoutMs() });
    }
  },
};

export const configsFamily: Family = {
  name: 'configs',
  weight: 2,
  apiKeys: [32, 33, 44],
  async run(io) {
    const { h } = io;
    const which = h.int(0, 2);
    const resources = Array.from({ length: h.int(1, 2) }, () => {
      const r = h.resource(which < 2);
      const scope = r.resourceType === 4 ? 'broker' : 'topic';
      return { ...r, configs: Array.from({ length: h.int(0, 3) }, () => ({ ...h.config(scope), configOperation: h.pick([0, 0, 1, 2, 3, 7]) })) };
    });
    if (which === 0) await io.call(33, { resources, validateOnly: h.chance(0.2) });
    else if (which === 1) await io.call(44, { resources, validateOnly: h.chance(0.2) });
    await io.call(32, { resources: resources.map((r) => ({ ...r, configurationKeys: h.chance(0.5) ? null : r.configs.map((c) => c.name) })), includeSynonyms: h.chance(0.5), includeDocumentation: h.chance(0.5) });
  },
};

export const clusterAdmin: Family = {
  name: 'cluster-admin',
  weight: 1,
  apiKeys: [43, 45, 46, 35, 60],
  async run(io) {
    const { h } = io;
    // Internal topics too: moving a coordinator's partition makes it load what the cases wrote.
    const internal = h.chance(0.3);
    const topic = internal ? h.pick(['__consumer_offsets', '__transaction_state']) : h.pick(FUZZ_TOPICS).name;
    const partitions = internal ? [h.int(0, 49), h.int(0, 49)] : [h.partition(), h.partition()];
    switch (h.int(0, 3)) {
      case 0:
        await io.call(43, { electionType: h.pick([0, 1, 2, -1]), topicPartitions: h.chance(0.2) ? null : [{ topic, partitions }], timeoutMs: h.timeoutMs() });
        break;
      case 1:
        await io.call(45, { timeoutMs: h.timeoutMs(), topics: [{ name: topic, partitions: partitions.map((partitionIndex) => ({ partitionIndex, replicas: h.chance(0.2) ? null : Array.from({ length: h.int(0, 5) }, () => h.brokerId()) })) }] });
        await io.call(46, { timeoutMs: h.timeoutMs(), topics: h.chance(0.3) ? null : [{ name: topic, partitionIndexes: partitions }] });
        break;
      case 2:
        await io.call(35, { topics: h.chance(0.3) ? null : [{ topic, partitions }] });
        break;
      default:
        await io.call(60, { includeClusterAuthorizedOperations: h.chance(0.5), endpointType: h.pick([1, 2, 0, 9]) });
    }
  },
};

export const offsetsFamily: Family = {
  name: 'offsets',
  weight: 2,
  apiKeys: [1, 2, 21, 23],
  async run(io) {
    const { h } = io;
    const topic = h.chance(0.85) ? h.pick(FUZZ_TOPICS).name : h.topicName();
    const partition = h.chance(0.8) ? h.int(0, 1) : h.partition();
    const at = { topic, partition };
    switch (h.int(0, 3)) {
      case 0:
        await io.call(2, { replicaId: h.pick([-1, -1, 0, 1, -2]), isolationLevel: h.pick([0, 1, 3]), topics: [{ name: topic, partitions: [{ partitionIndex: partition, currentLeaderEpoch: h.pick([-1, 0, 99]), timestamp: h.pick([-1, -2, -3, -4, 0, 1_700_000_000_000, Number.MAX_SAFE_INTEGER]), maxNumOffsets: h.pick([1, 0, -1, 2147483647]) }] }] }, at);
        break;
      case 1:
        await io.call(21, { topics: [{ name: topic, partitions: [{ partitionIndex: partition, offset: h.offset() }] }], timeoutMs: h.timeoutMs() }, at);
        break;
      case 2:
        await io.call(23, { replicaId: h.pick([-1, -2, 1, 99]), topics: [{ topic, partitions: [{ partition, currentLeaderEpoch: h.pick([-1, 0, 5]), leaderEpoch: h.pick([-1, 0, 1, 2147483647]) }] }] }, at);
        break;
      default:
        await io.call(1, {
          replicaId: h.chance(0.9) ? -1 : h.brokerId(), maxWaitMs: h.waitMs(), minBytes: h.pick([0, 1, -1]), maxBytes: h.pick([0, 1, 1 << 20, -1]),
          isolationLevel: h.pick([0, 1, 2]), sessionId: h.pick([0, 0, 1, -1]), sessionEpoch: h.pick([-1, 0, 1, 2147483647]),
          topics: [{ topic, topicId: h.chance(0.5) && h.seen.topicIds.length > 0 ? h.pick(h.seen.topicIds) : 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [{ partition, currentLeaderEpoch: h.pick([-1, 0, 99]), fetchOffset: h.offset(), lastFetchedEpoch: h.pick([-1, 0, 5]), logStartOffset: h.offset(), partitionMaxBytes: h.pick([0, 1, 1 << 20, -1, 2147483647]) }] }],
          forgottenTopicsData: h.chance(0.1) ? [{ topic, topicId: 'AAAAAAAAAAAAAAAAAAAAAA', partitions: [partition] }] : [], rackId: h.pick(['', 'rack-1']),
        }, at);
    }
  },
};
