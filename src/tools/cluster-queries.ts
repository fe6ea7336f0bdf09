/**
 * Metadata and DescribeConfigs through the project's codec (protocol-client.ts). kafkajs's
 * metadata-backed Admin calls (listTopics, fetchTopicMetadata, describeCluster, describeConfigs)
 * throw as soon as any partition of the cluster has no leader (LEADER_NOT_AVAILABLE), which is
 * exactly when `kafka-topics --describe --unavailable-partitions` is needed; these calls do not.
 */
import { ZERO_UUID, type DescribeConfigsResourceResult, type DescribeConfigsResponse, type MetadataResponse } from '../broker/protocol';
import { errorName } from '../broker/protocol';
import { openBootstrap, type ConnectionSettings } from './protocol-client';

/** Kafka's ConfigResource.Type id of a topic. */
export const TOPIC_RESOURCE = 2;

/** Metadata v12 for these topics (null: every topic); each topic's topicId is base64url. */
export async function fetchMetadata(settings: ConnectionSettings, topics: string[] | null): Promise<MetadataResponse> {
  const connection = await openBootstrap(settings);
  try {
    return await connection.call<MetadataResponse>(3, 12, {
      topics: topics?.map((name) => ({ topicId: ZERO_UUID, name })) ?? null,
      allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false,
    });
  } finally {
    connection.close();
  }
}

/** DescribeConfigs v4 of these topics: each topic's config entries (with sources), by name. */
export async function describeTopicConfigs(settings: ConnectionSettings, topics: string[]): Promise<Map<string, DescribeConfigsResourceResult[]>> {
  const connection = await openBootstrap(settings);
  try {
    const response = await connection.call<DescribeConfigsResponse>(32, 4, {
      resources: topics.map((resourceName) => ({ resourceType: TOPIC_RESOURCE, resourceName, configurationKeys: null })), includeSynonyms: false, includeDocumentation: false,
    });
    const failed = response.results.find((r) => r.errorCode !== 0);
    if (failed) throw new Error(failed.errorMessage ?? `${errorName(failed.errorCode)} for topic ${failed.resourceName}`);
    return new Map(response.results.map((r) => [r.resourceName, r.configs]));
  } finally {
    connection.close();
  }
}
