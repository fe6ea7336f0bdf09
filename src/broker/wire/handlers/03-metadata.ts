// Metadata (key 3), versions 0-12: brokers as this broker knows them, topics with leaders, leader epochs (v7+), offline replicas (v5+), topic ids (v10+).
// Auto-creates requested topics when allowed (always before v4; allowAutoTopicCreation from v4; broker config auto.create.topics.enable); v10+ may name topics by id; illegal names answer INVALID_TOPIC_EXCEPTION.
import { metadata, AUTHORIZED_OPERATIONS_OMITTED, ZERO_UUID, type MetadataResponseTopic } from '../../protocol';
import type { MetadataTopic } from '../../cluster/api';
import { validateTopicName } from '../../../shared/topic-names';
import { defineHandler, InvalidRequestError } from '../handler';
import { requestAuthorizer } from './authorize';
import { code, onListener } from './common';

export const metadataHandler = defineHandler(metadata, {
  advertised: { min: 0, max: 12 },
  handle(request, context) {
    const v = context.apiVersion;
    const { cluster } = context.services;
    // v0: an empty list means all topics; v1+: null means all, empty means none.
    const all = request.topics === null || (v === 0 && request.topics.length === 0);
    const allowAutoCreate = v < 4 ? true : request.allowAutoTopicCreation;
    let topics: MetadataResponseTopic[];
    let result;
    // Issue 16: DESCRIBE per topic; unnamed topics are hidden, named ones TOPIC_AUTHORIZATION_FAILED;
    // auto-creation needs CREATE on the cluster or the topic (KafkaApis.handleTopicMetadataRequest).
    const authz = requestAuthorizer(context, 'Metadata');
    const ops = (name: string): number => authz.authorizedOperations(v >= 8 && request.includeTopicAuthorizedOperations, 'TOPIC', name);
    if (all) {
      result = cluster.metadata(context.brokerId, null, false);
      topics = result.topics.filter((t) => authz.topic('DESCRIBE', t.name, false)).map((t) => topicEntry(t, v, ops(t.name)));
    } else {
      const requested = request.topics!;
      // Topic ids alone name a topic only from v12 (KIP-516); Kafka throws InvalidRequestException before.
      if (v < 12 && requested.some((t) => t.name === null)) throw new InvalidRequestError('topic name can not be null before v12');
      const byIdNeeded = requested.some((t) => t.name === null && t.topicId !== ZERO_UUID);
      const known = byIdNeeded ? new Map(cluster.metadata(context.brokerId, null, false).topics.map((t) => [t.topicId, t.name])) : null;
      // Kafka answers each topic once: KafkaApis.handleTopicMetadataRequest takes the requested
      // names (and topic ids) as a set before looking anything up. Deduplicating first is also what
      // bounds the work: a 100 MiB request repeating one 10000-partition topic 5000 times made this
      // handler build 5000 copies of its partition list (50M entries, 3 GiB, seconds of blocked
      // event loop) before dropping the copies (the huge-arrays fuzz family's request shape, sent by hand).
      const names = new Set<string>();
      const unknownIds = new Set<string>();
      const order: { name: string | null; topicId: string; byId: boolean }[] = [];
      for (const t of requested) {
        const name = t.name ?? known?.get(t.topicId) ?? null;
        if (name !== null) {
          if (!names.has(name)) order.push({ name, topicId: t.topicId, byId: t.name === null });
          names.add(name);
        } else if (!unknownIds.has(t.topicId)) {
          unknownIds.add(t.topicId);
          order.push({ name: null, topicId: t.topicId, byId: true });
        }
      }
      const denied = new Set([...names].filter((name) => !authz.topic('DESCRIBE', name)));
      const mayCreate = (name: string): boolean => allowAutoCreate && (!authz.enabled || authz.mayCreateTopic(name));
      const creatable = [...names].filter((name) => !denied.has(name) && mayCreate(name));
      const lookOnly = [...names].filter((name) => !denied.has(name) && !creatable.includes(name));
      result = cluster.metadata(context.brokerId, creatable, allowAutoCreate);
      const looked = lookOnly.length > 0 ? cluster.metadata(context.brokerId, lookOnly, false).topics : [];
      const byName = new Map([...result.topics, ...looked].map((t) => [t.name, t]));
      topics = order.map(({ name, topicId, byId }) => {
        if (name !== null && denied.has(name)) return missing('TOPIC_AUTHORIZATION_FAILED', byId ? null : name, topicId);
        if (name !== null && !byId && validateTopicName(name) !== null) {
          // A name Kafka's Topic.validate refuses (empty, "." or "..", over 249 characters, a
          // character other than [a-zA-Z0-9._-]) answers INVALID_TOPIC_EXCEPTION whether or not
          // auto-creation is allowed (KafkaApis.getTopicMetadata; AutoTopicCreationManager's
          // filterCreatableTopics, before it asks the controller); authorization is checked first.
          if (allowAutoCreate && authz.enabled && !mayCreate(name)) return missing('TOPIC_AUTHORIZATION_FAILED', name, ZERO_UUID);
          return missing('INVALID_TOPIC_EXCEPTION', name, ZERO_UUID);
        }
        const found = name !== null ? byName.get(name) : undefined;
        if (found) return topicEntry(found, v, ops(found.name));
        // Missing and not allowed to create it: Kafka answers TOPIC_AUTHORIZATION_FAILED.
        if (!byId && allowAutoCreate && authz.enabled && name !== null && !mayCreate(name)) return missing('TOPIC_AUTHORIZATION_FAILED', name, ZERO_UUID);
        return byId ? missing('UNKNOWN_TOPIC_ID', null, topicId) : missing('UNKNOWN_TOPIC_OR_PARTITION', name, ZERO_UUID);
      });
      if (result.topics.length > 0) context.services.kick();
    }
    return {
      throttleTimeMs: 0,
      brokers: result.brokers.map((b) => onListener(context, b)).map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack })),
      clusterId: result.clusterId,
      controllerId: result.controllerId,
      topics,
      clusterAuthorizedOperations: authz.clusterAuthorizedOperations(v >= 8 && v <= 10 && request.includeClusterAuthorizedOperations),
    };
  },
});

function topicEntry(t: MetadataTopic, v: number, topicAuthorizedOperations: number): MetadataResponseTopic {
  return {
    errorCode: code(t.errorName),
    name: t.name,
    topicId: v >= 10 ? t.topicId : ZERO_UUID,
    isInternal: t.isInternal,
    partitions: t.partitions.map((p) => ({
      errorCode: code(p.errorName),
      partitionIndex: p.partition,
      leaderId: p.leaderId,
      leaderEpoch: p.leaderEpoch,
      replicaNodes: p.replicas,
      isrNodes: p.inSyncReplicas,
      offlineReplicas: p.offlineReplicas,
    })),
    topicAuthorizedOperations,
  };
}

function missing(errorName: string, name: string | null, topicId: string): MetadataResponseTopic {
  return { errorCode: code(errorName), name, topicId, isInternal: false, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
}
