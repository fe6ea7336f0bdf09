// Metadata (key 3), versions 0-12: brokers as this broker knows them, topics with leaders, leader epochs (v7+), offline replicas (v5+), topic ids (v10+).
// Auto-creates requested topics when allowed (always before v4; allowAutoTopicCreation from v4; broker config auto.create.topics.enable); v10+ may name topics by id.
import type { MetadataRequest, MetadataResponse, MetadataResponseTopic } from '../../protocol';
import { AUTHORIZED_OPERATIONS_OMITTED, ZERO_UUID } from '../../protocol';
import type { MetadataTopic } from '../../cluster/api';
import { defineHandler, InvalidRequestError } from '../handler';
import { code } from './common';

export const metadataHandler = defineHandler<MetadataRequest, MetadataResponse>({
  apiKey: 3,
  apiName: 'Metadata',
  advertised: { min: 0, max: 12 },
  handle(request, context) {
    const v = context.apiVersion;
    const { cluster } = context.services;
    // v0: an empty list means all topics; v1+: null means all, empty means none.
    const all = request.topics === null || (v === 0 && request.topics.length === 0);
    const allowAutoCreate = v < 4 ? true : request.allowAutoTopicCreation;
    let topics: MetadataResponseTopic[];
    let result;
    if (all) {
      result = cluster.metadata(context.brokerId, null, false);
      topics = result.topics.map((t) => topicEntry(t, v));
    } else {
      const requested = request.topics!;
      // Topic ids alone name a topic only from v12 (KIP-516); Kafka throws InvalidRequestException before.
      if (v < 12 && requested.some((t) => t.name === null)) throw new InvalidRequestError('topic name can not be null before v12');
      const byIdNeeded = requested.some((t) => t.name === null && t.topicId !== ZERO_UUID);
      const known = byIdNeeded ? new Map(cluster.metadata(context.brokerId, null, false).topics.map((t) => [t.topicId, t.name])) : null;
      const names: string[] = [];
      for (const t of requested) {
        const name = t.name ?? known?.get(t.topicId);
        if (name !== undefined && name !== null && !names.includes(name)) names.push(name);
      }
      result = cluster.metadata(context.brokerId, names, allowAutoCreate);
      const byName = new Map(result.topics.map((t) => [t.name, t]));
      topics = [];
      for (const t of requested) {
        const name = t.name ?? known?.get(t.topicId);
        const found = name !== undefined && name !== null ? byName.get(name) : undefined;
        if (found) topics.push(topicEntry(found, v));
        else if (t.name === null) topics.push(missing('UNKNOWN_TOPIC_ID', null, t.topicId));
        else topics.push(missing('UNKNOWN_TOPIC_OR_PARTITION', t.name, ZERO_UUID));
      }
      // Requests may repeat a name; Kafka answers each topic once.
      topics = topics.filter((t, i) => t.name === null || topics.findIndex((o) => o.name === t.name) === i);
      if (result.topics.length > 0) context.services.kick();
    }
    return {
      throttleTimeMs: 0,
      brokers: result.brokers.map((b) => ({ nodeId: b.brokerId, host: b.host, port: b.port, rack: b.rack })),
      clusterId: result.clusterId,
      controllerId: result.controllerId,
      topics,
      clusterAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
    };
  },
});

function topicEntry(t: MetadataTopic, v: number): MetadataResponseTopic {
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
    topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED,
  };
}

function missing(errorName: string, name: string | null, topicId: string): MetadataResponseTopic {
  return { errorCode: code(errorName), name, topicId, isInternal: false, partitions: [], topicAuthorizedOperations: AUTHORIZED_OPERATIONS_OMITTED };
}
