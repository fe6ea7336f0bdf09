// CreateTopics (key 19), versions 0-7: creates topics through the controller (any broker forwards), with manual assignments, configs and validateOnly (v1+).
// Errors per topic: TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR, INVALID_CONFIG, POLICY_VIOLATION (over 10,000 partitions per request); v5+ echoes partitions, RF and configs; v7 topic ids.
import { createTopics, ZERO_UUID } from '../../protocol';
import type { CreatableTopic, CreateTopicResult } from '../../cluster/api';
import { MAX_PARTITIONS_PER_BATCH } from '../../cluster/controller/topic-admin';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { createTopicsConfig } from './config-entries';

/**
 * Kafka's KRaft controller refuses a CreateTopics request creating more than 10,000 partitions in
 * all (ReplicationControlManager.MAX_PARTITIONS_PER_BATCH, KAFKA-17870) with POLICY_VIOLATION for
 * every topic. Here it also keeps one request from making the model allocate without bound.
 */
export const MAX_PARTITIONS_PER_REQUEST = MAX_PARTITIONS_PER_BATCH;

export const createTopicsHandler = defineHandler(createTopics, {
  advertised: { min: 0, max: 7 },
  handle(request, context) {
    const partitions = request.topics.reduce((sum, t) => sum + Math.max(1, t.assignments.length > 0 ? t.assignments.length : t.numPartitions), 0);
    if (partitions > MAX_PARTITIONS_PER_REQUEST) {
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({
          name: t.name, topicId: ZERO_UUID, errorCode: code('POLICY_VIOLATION'), errorMessage: 'Excessively large number of partitions per request.',
          numPartitions: -1, replicationFactor: -1, configs: null,
        })),
      };
    }
    // Issue 16: CREATE on the cluster or on each topic (KafkaApis.handleCreateTopicsRequest).
    const authz = requestAuthorizer(context, 'CreateTopics');
    const denied = new Set(authz.enabled ? request.topics.map((t) => t.name).filter((name) => !authz.mayCreateTopic(name)) : []);
    const topics: CreatableTopic[] = request.topics.filter((t) => !denied.has(t.name)).map((t) => ({
      name: t.name,
      numPartitions: t.numPartitions,
      replicationFactor: t.replicationFactor,
      ...(t.assignments.length > 0 ? { assignments: t.assignments.map((a) => ({ partition: a.partitionIndex, brokerIds: a.brokerIds })) } : {}),
      configs: Object.fromEntries(t.configs.map((c) => [c.name, c.value])),
    }));
    const modelResults = topics.length > 0 ? context.services.cluster.createTopics(context.brokerId, topics, request.validateOnly) : [];
    context.services.kick();
    const results = denied.size === 0 ? modelResults : mergeDenied(request.topics.map((t) => t.name), modelResults, denied);
    return {
      throttleTimeMs: 0,
      topics: results.map((r) => {
        const ok = r.errorName === 'NONE';
        return {
          name: r.name,
          topicId: ok && !request.validateOnly ? r.topicId : ZERO_UUID,
          errorCode: code(r.errorName),
          errorMessage: r.errorMessage,
          numPartitions: ok ? r.numPartitions : -1,
          replicationFactor: ok ? r.replicationFactor : -1,
          configs: ok ? r.configs.map(createTopicsConfig) : null,
        };
      }),
    };
  },
});


/** The model's answers with the denied topics answered TOPIC_AUTHORIZATION_FAILED, in request order. */
function mergeDenied(names: string[], results: CreateTopicResult[], denied: Set<string>): CreateTopicResult[] {
  const answered = [...results];
  return names.map((name) => denied.has(name)
    ? { name, topicId: ZERO_UUID, topicIdBytes: new Uint8Array(16), errorName: 'TOPIC_AUTHORIZATION_FAILED', errorMessage: 'Authorization failed.', numPartitions: -1, replicationFactor: -1, configs: [] }
    : answered.shift()!);
}
