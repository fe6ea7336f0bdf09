/**
 * Requests that repeat one topic thousands of times (issue 11; the semantic fuzzer's huge-arrays
 * request shape, sent by hand against a 10000-partition topic while looking for its seed-7 stall):
 * Metadata built the topic's whole partition list once per repetition before dropping the copies —
 * 2000 repetitions took 4.7 s of blocked event loop and 1.9 GiB (3.3-5.8 s and up to 2.6 GiB over
 * a socket), and this test's 5000 ran the vitest worker out of heap. Kafka takes the requested
 * names as a set first (KafkaApis.handleTopicMetadataRequest), so the answer, and the work, are
 * bounded by the distinct topics asked for, whatever the request's length.
 */
import { PLAINTEXT_SECURITY } from '../../cluster/security/principal';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { advance } from '../../cluster/testing';
import type { KafkaCluster } from '../../cluster/api';
import { ZERO_UUID, type MetadataRequest, type MetadataResponse } from '../../protocol';
import type { RequestContext } from '../handler';
import type { BrokerServices } from '../broker-services';
import { metadataHandler } from './03-metadata';
import { code } from './common';

const PARTITIONS = 10_000;
const REPEATS = 5000;

/** A 3-broker model holding one 10000-partition topic (the most one CreateTopics may make). */
function wideCluster() {
  const cluster = createCluster({ seed: 11, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
  advance(cluster, 10);
  expect(cluster.createTopics(1, [{ name: 'wide', numPartitions: PARTITIONS, replicationFactor: 3, configs: {} }], false)[0]!.errorName).toBe('NONE');
  advance(cluster, 10);
  return cluster;
}

/**
 * The model behind a counter of partition lists read out of its Metadata answers: each read is a
 * partition list the handler turns into response entries.
 */
function counting(cluster: KafkaCluster) {
  const reads = { partitionLists: 0 };
  const proxy = new Proxy(cluster, {
    get(target, key, receiver) {
      if (key !== 'metadata') return Reflect.get(target, key, receiver) as unknown;
      return (...args: Parameters<KafkaCluster['metadata']>) => {
        const result = target.metadata(...args);
        const topics = result.topics.map((t) => {
          const copy = { ...t };
          Object.defineProperty(copy, 'partitions', { enumerable: true, get: () => (reads.partitionLists++, t.partitions) });
          return copy;
        });
        return { ...result, topics };
      };
    },
  });
  return { proxy, reads };
}

function metadata(cluster: KafkaCluster, version: number, topics: MetadataRequest['topics']): MetadataResponse {
  const services = { cluster, kick: () => {} } as unknown as BrokerServices;
  const context: RequestContext = { brokerId: 1, connectionId: 'c', clientId: 'repeats', clientAddress: '127.0.0.1:1', apiVersion: version, correlationId: 1, services, security: PLAINTEXT_SECURITY };
  const request: MetadataRequest = { topics, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false };
  return metadataHandler.handle(request, context) as MetadataResponse;
}

describe('Metadata naming one topic many times', () => {
  it(`answers ${REPEATS} repetitions of a ${PARTITIONS}-partition topic once, reading its partitions once, within 2 s`, () => {
    const { proxy, reads } = counting(wideCluster());
    const started = performance.now();
    const response = metadata(proxy, 8, Array.from({ length: REPEATS }, () => ({ name: 'wide', topicId: ZERO_UUID })));
    const elapsedMs = performance.now() - started;
    expect(response.topics.map((t) => [t.name, t.errorCode, t.partitions.length])).toEqual([['wide', 0, PARTITIONS]]);
    // Before the fix: one partition list per repetition (5000 reads, 50M entries, ~12 s, 3 GiB).
    expect(reads.partitionLists).toBe(1);
    // Generous for a loaded 2-core machine; the repeated lists took seconds even for 500 repetitions.
    expect(elapsedMs).toBeLessThan(2000);
  });

  it('keeps the first-seen order and answers a repeated unknown name or unknown topic id once', () => {
    const cluster = wideCluster();
    const unknownId = 'AAAAAAAAAAAAAAAAAAAAAQ';
    const requested = [
      { name: 'missing', topicId: ZERO_UUID }, { name: 'wide', topicId: ZERO_UUID }, { name: null, topicId: unknownId },
      { name: 'missing', topicId: ZERO_UUID }, { name: null, topicId: unknownId }, { name: 'wide', topicId: ZERO_UUID },
    ];
    const response = metadata(cluster, 12, requested);
    expect(response.topics.map((t) => [t.name, t.errorCode])).toEqual([
      ['missing', code('UNKNOWN_TOPIC_OR_PARTITION')], ['wide', 0], [null, code('UNKNOWN_TOPIC_ID')],
    ]);
    expect(response.topics[2]!.topicId).toBe(unknownId);
  });

  it('a topic named by id and by name is answered once, under its name', () => {
    const cluster = wideCluster();
    const wideId = cluster.metadata(1, ['wide'], false).topics[0]!.topicId;
    const response = metadata(cluster, 12, [{ name: null, topicId: wideId }, { name: 'wide', topicId: ZERO_UUID }]);
    expect(response.topics.map((t) => [t.name, t.topicId, t.partitions.length])).toEqual([['wide', wideId, PARTITIONS]]);
  });
});
