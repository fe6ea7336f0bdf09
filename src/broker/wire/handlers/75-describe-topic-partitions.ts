// DescribeTopicPartitions (key 75), version 0 (KIP-966): topics sorted by name with their partitions, paged by partition count (cursor / nextCursor).
// As Kafka's DescribeTopicPartitionsRequestHandler and KRaftMetadataCache.describeTopicResponse: limit min(responsePartitionLimit, 2000) ≥ 1; no partition error codes; empty ELR lists.
import { describeTopicPartitions, errorCode, ZERO_UUID, type DescribeTopicPartitionsResponse } from '../../protocol';
import { INTERNAL_TOPIC_NAMES, validateTopicName } from '../../../shared/topic-names';
import type { MetadataTopic } from '../../cluster/api';
import { defineHandler } from '../handler';
import { requestAuthorizer } from './authorize';

type ResponseTopic = DescribeTopicPartitionsResponse['topics'][number];

/** Kafka's max.request.partition.size.limit default (ServerConfigs.MAX_REQUEST_PARTITION_SIZE_LIMIT_DEFAULT). */
export const MAX_REQUEST_PARTITION_SIZE_LIMIT = 2000;

function errorTopic(error: string, name: string): ResponseTopic {
  return { errorCode: errorCode(error), name, topicId: ZERO_UUID, isInternal: INTERNAL_TOPIC_NAMES.has(name), partitions: [] };
}

export const describeTopicPartitionsHandler = defineHandler(describeTopicPartitions, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const fetchAllTopics = request.topics.length === 0;
    const cursor = request.cursor;
    const cursorTopicName = cursor?.topicName ?? '';
    const known = context.services.cluster.metadata(context.brokerId, null, false).topics;
    const byName = new Map(known.map((t) => [t.name, t]));
    const asked = fetchAllTopics ? known.map((t) => t.name) : request.topics.map((t) => t.name);
    const topics = new Set(asked.filter((name) => name >= cursorTopicName));
    // A bad cursor: Kafka throws InvalidRequestException and answers its error response
    // (DescribeTopicPartitionsRequest.getErrorResponse: every asked topic INVALID_REQUEST).
    if ((cursor !== null && !fetchAllTopics && !topics.has(cursor.topicName)) || (cursor !== null && cursor.partitionIndex < 0)) {
      return { throttleTimeMs: 0, topics: request.topics.map((t) => ({ errorCode: errorCode('INVALID_REQUEST'), name: t.name, topicId: ZERO_UUID, isInternal: false, partitions: [] })), nextCursor: null };
    }
    // Topics the principal may not DESCRIBE are not disclosed when all are asked for, and answer
    // TOPIC_AUTHORIZATION_FAILED (after the others) when named.
    const authz = requestAuthorizer(context, 'DescribeTopicPartitions');
    const unauthorized: ResponseTopic[] = [];
    const authorized = [...topics].sort().filter((name) => {
      const ok = authz.topic('DESCRIBE', name, !fetchAllTopics);
      if (!ok && !fetchAllTopics) unauthorized.push(errorTopic('TOPIC_AUTHORIZATION_FAILED', name));
      return ok;
    });
    let remaining = Math.max(Math.min(MAX_REQUEST_PARTITION_SIZE_LIMIT, request.responsePartitionLimit), 1);
    const out: ResponseTopic[] = [];
    let nextCursor: { topicName: string; partitionIndex: number } | null = null;
    for (const name of authorized) {
      if (remaining === 0) {
        // The next page starts at this topic (whether or not it exists).
        nextCursor = { topicName: name, partitionIndex: 0 };
        break;
      }
      const topic = byName.get(name);
      if (topic === undefined) {
        if (!fetchAllTopics) out.push(errorTopic(validateTopicName(name) === null ? 'UNKNOWN_TOPIC_OR_PARTITION' : 'INVALID_TOPIC_EXCEPTION', name));
        continue;
      }
      const start = name === cursorTopicName && cursor !== null ? cursor.partitionIndex : 0;
      const page = partitionsPage(topic, start, remaining);
      out.push({
        errorCode: 0, name, topicId: topic.topicId, isInternal: topic.isInternal, partitions: page.partitions,
        topicAuthorizedOperations: authz.authorizedOperations(true, 'TOPIC', name),
      });
      if (page.next !== -1) {
        nextCursor = { topicName: name, partitionIndex: page.next };
        break;
      }
      remaining -= page.partitions.length;
    }
    return { throttleTimeMs: 0, topics: [...out, ...unauthorized], nextCursor };
  },
});

/** Partitions [start, min(count, start + max)) and the index the next page starts at, -1 when none. */
function partitionsPage(topic: MetadataTopic, start: number, max: number): { partitions: ResponseTopic['partitions']; next: number } {
  const count = topic.partitions.length;
  const upper = Math.min(count, start + max);
  const byIndex = new Map(topic.partitions.map((p) => [p.partition, p]));
  const partitions: ResponseTopic['partitions'] = [];
  for (let i = start; i < upper; i++) {
    const p = byIndex.get(i);
    if (p === undefined) continue;
    partitions.push({
      errorCode: 0, partitionIndex: i, leaderId: p.leaderId, leaderEpoch: p.leaderEpoch, replicaNodes: p.replicas, isrNodes: p.inSyncReplicas,
      eligibleLeaderReplicas: [], lastKnownElr: [], offlineReplicas: p.offlineReplicas,
    });
  }
  return { partitions, next: upper < count ? upper : -1 };
}
