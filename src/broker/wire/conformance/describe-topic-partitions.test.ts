/**
 * DescribeTopicPartitions v0 (KIP-966) read and written by a real client's codec:
 * @platformatic/kafka's describeTopicPartitionsV0 over a socket. Pages of at most
 * responsePartitionLimit partitions walk sorted topics through nextCursor, as Kafka's
 * KRaftMetadataCache.describeTopicResponse does; unknown and illegal names answer their errors;
 * a cursor naming a topic outside the list is INVALID_REQUEST (DescribeTopicPartitionsRequestHandler).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Connection, describeTopicPartitionsV0 } from '@platformatic/kafka';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { createTopic, portOf, startHost } from './harness';

type Answer = Awaited<ReturnType<typeof describeTopicPartitionsV0.api.async>>;

describe('DescribeTopicPartitions with @platformatic/kafka', () => {
  let host: ClusterHost;
  let connection: Connection;

  /** The decoded response, also when it carries error codes (the client then rejects with it attached). */
  async function describeTopics(topics: string[], limit: number, cursor?: { topicName: string; partitionIndex: number }): Promise<Answer> {
    try {
      return await describeTopicPartitionsV0.api.async(connection, topics.map((name) => ({ name })), limit, cursor);
    } catch (e) {
      const response = (e as { response?: Answer }).response;
      if (response === undefined) throw e;
      return response;
    }
  }

  beforeAll(async () => {
    host = await startHost({ seed: 75 });
    await createTopic(host, 'a', 5, 3);
    await createTopic(host, 'b', 3, 3);
    await createTopic(host, 'c', 2, 3);
    connection = new Connection('conformance-dtp');
    const first = host.snapshot().brokers[0]!;
    await connection.connect('127.0.0.1', portOf(host, first.brokerId));
  });
  afterAll(async () => {
    await connection?.close();
    await host?.close();
  });

  it('pages four partitions at a time through sorted topics, unknown and illegal names answered in place', async () => {
    const asked = ['c', 'nope', 'a', 'bad name!', 'b'];
    const pages: Answer[] = [];
    let cursor: { topicName: string; partitionIndex: number } | undefined;
    do {
      const page = await describeTopics(asked, 4, cursor);
      pages.push(page);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined && pages.length < 10);
    const shape = pages.map((p) => ({
      topics: p.topics.map((t) => `${t.name}:${t.errorCode}:[${t.partitions.map((x) => x.partitionIndex).join(',')}]`),
      next: p.nextCursor ? `${p.nextCursor.topicName}/${p.nextCursor.partitionIndex}` : null,
    }));
    const unknown = errorCode('UNKNOWN_TOPIC_OR_PARTITION');
    const invalid = errorCode('INVALID_TOPIC_EXCEPTION');
    expect(shape).toEqual([
      { topics: ['a:0:[0,1,2,3]'], next: 'a/4' },
      { topics: ['a:0:[4]', 'b:0:[0,1,2]'], next: 'bad name!/0' },
      { topics: [`bad name!:${invalid}:[]`, 'c:0:[0,1]', `nope:${unknown}:[]`], next: null },
    ]);
    const a = pages[0]!.topics[0]!;
    expect(a.topicId).not.toBe('AAAAAAAAAAAAAAAAAAAAAA');
    for (const p of a.partitions) {
      expect(p.replicaNodes).toHaveLength(3);
      expect(p.replicaNodes).toContain(p.leaderId);
      expect(p.leaderEpoch).toBeGreaterThanOrEqual(0);
      expect(p.eligibleLeaderReplicas).toEqual([]);
    }
  });

  it('an empty topic list describes every topic; the limit is at least 1', async () => {
    const all = await describeTopics([], 2000);
    expect(all.topics.map((t) => t.name)).toEqual(expect.arrayContaining(['a', 'b', 'c']));
    expect(all.nextCursor ?? null).toBeNull();
    const one = await describeTopics(['b'], 0);
    expect(one.topics.map((t) => t.partitions.length)).toEqual([1]);
    expect(one.nextCursor).toEqual({ topicName: 'b', partitionIndex: 1 });
  });

  it('a cursor on a topic outside the list answers INVALID_REQUEST for every asked topic', async () => {
    const answer = await describeTopics(['a', 'b'], 10, { topicName: 'c', partitionIndex: 0 });
    expect(answer.topics.map((t) => [t.name, t.errorCode])).toEqual([['a', errorCode('INVALID_REQUEST')], ['b', errorCode('INVALID_REQUEST')]]);
  });
});
