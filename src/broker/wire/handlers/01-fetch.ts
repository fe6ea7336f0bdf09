// Fetch (key 1), versions 4-16: consumer fetch from this broker as leader, long-polling up to MaxWaitMs (simulated time) until MinBytes;
// v11+ (KIP-392) also from a follower up to its highWatermark, and a leader with replica.selector.class may name a preferredReadReplica.
// Sessions are declined (sessionId 0, KIP-227); the response lists exactly the requested partitions; v13+ addresses topics by id (UNKNOWN_TOPIC_ID).
import { fetchApi, type FetchRequest, type FetchResponse, type FetchResponsePartition } from '../../protocol';
import type { FetchPartitionRequest, FetchResult } from '../../cluster/api';
import { defineHandler, type RequestContext } from '../handler';
import { requestAuthorizer } from './authorize';
import { fetchMaxBytesWithinQuota, throttleTimeMs, unrecordFetchBytes } from './client-quotas';
import { code, currentLeader, flowClient, nodeEndpoint } from './common';

const EMPTY_RECORDS = Buffer.alloc(0);

/** One requested partition, with where its answer comes from. */
interface Wanted {
  topicIndex: number;
  partition: number;
  /** Index into the model request, or -1 when answered locally (unknown topic id). */
  modelIndex: number;
  errorName: string;
}

export const fetchHandler = defineHandler(fetchApi, {
  advertised: { min: 4, max: 16 },
  handle(request, context) {
    const { cluster } = context.services;
    const byId = context.apiVersion >= 13 ? topicNamesById(context) : null;
    const nameOf = (t: { topic: string; topicId: string }): string | undefined => (byId ? byId(t.topicId) : t.topic);
    // Kafka declines a session it does not know: FETCH_SESSION_ID_NOT_FOUND (KIP-227).
    if (request.sessionId !== 0) {
      return { throttleTimeMs: 0, errorCode: code('FETCH_SESSION_ID_NOT_FOUND'), sessionId: 0, responses: [] };
    }
    const modelPartitions: FetchPartitionRequest[] = [];
    const wanted: Wanted[] = [];
    // Issue 16: READ on each topic (KafkaApis.handleFetchRequest); denied partitions are answered here.
    const authz = requestAuthorizer(context, 'Fetch');
    const readable = new Map<string, boolean>();
    request.topics.forEach((t, topicIndex) => {
      const name = nameOf(t);
      let denied = false;
      if (name !== undefined && authz.enabled) {
        if (!readable.has(name)) readable.set(name, authz.topic('READ', name));
        denied = !readable.get(name);
      }
      for (const p of t.partitions) {
        if (name === undefined || denied) {
          wanted.push({ topicIndex, partition: p.partition, modelIndex: -1, errorName: denied ? 'TOPIC_AUTHORIZATION_FAILED' : 'UNKNOWN_TOPIC_ID' });
          continue;
        }
        wanted.push({ topicIndex, partition: p.partition, modelIndex: modelPartitions.length, errorName: 'NONE' });
        modelPartitions.push({
          topic: name,
          partition: p.partition,
          fetchOffset: p.fetchOffset,
          currentLeaderEpoch: p.currentLeaderEpoch,
          partitionMaxBytes: p.partitionMaxBytes,
        });
      }
    });
    const modelRequest = {
      isolationLevel: (request.isolationLevel === 1 ? 1 : 0) as 0 | 1,
      // KIP-392: KafkaApis gives v11+ fetches client metadata (the rack may be empty).
      ...(context.apiVersion >= 11 ? { clientMetadata: { rackId: request.rackId } } : {}),
      // Issue 16: a consumer's maxBytes is capped to what its consumer_byte_rate allows in the quota window (KafkaApis).
      maxBytes: fetchMaxBytesWithinQuota(context, request.maxBytes),
      partitions: modelPartitions,
    };
    const client = flowClient(context);
    const read = (): FetchResult => cluster.fetch(context.brokerId, modelRequest, client);
    const first = read();
    if (isComplete(first, request.minBytes) || request.maxWaitMs <= 0 || modelPartitions.length === 0) {
      return toResponse(request, context, wanted, first);
    }
    const deadline = cluster.now() + request.maxWaitMs;
    const targets = modelPartitions.map((p) => ({ topic: p.topic, partition: p.partition }));
    return new Promise<FetchResponse>((resolve) => {
      const waitOnce = (): void => {
        const remaining = deadline - cluster.now();
        let untrack = (): void => {};
        const wait = cluster.waitForData(context.brokerId, targets, Math.max(0, remaining), (reason) => {
          untrack();
          const result = read();
          if (reason === 'timeout' || isComplete(result, request.minBytes) || deadline - cluster.now() <= 0) {
            resolve(toResponse(request, context, wanted, result));
          } else {
            waitOnce();
          }
        });
        untrack = context.services.trackWait(context.connectionId, wait);
      };
      waitOnce();
    });
  },
});

/**
 * Kafka answers at once when the request needs no data (MinBytes ≤ 0), when MinBytes is met, or
 * when any partition has an error or names a preferred read replica (ReplicaManager.fetchMessages,
 * DelayedFetch.tryComplete).
 */
function isComplete(result: FetchResult, minBytes: number): boolean {
  let bytes = 0;
  for (const p of result.partitions) {
    if (p.errorName !== 'NONE' || p.preferredReadReplica >= 0) return true;
    bytes += p.recordsBytes;
  }
  return minBytes <= 0 || bytes >= minBytes;
}

function topicNamesById(context: RequestContext): (topicId: string) => string | undefined {
  // The model's per-broker index, cached per metadata offset: no metadata is built per request.
  const { cluster } = context.services;
  return (topicId) => cluster.topicNameById(context.brokerId, topicId) ?? undefined;
}

function toResponse(request: FetchRequest, context: RequestContext, wanted: Wanted[], result: FetchResult): FetchResponse {
  const byTopic: FetchResponsePartition[][] = request.topics.map(() => []);
  for (const w of wanted) {
    const p = w.modelIndex >= 0 ? result.partitions[w.modelIndex] : undefined;
    if (!p) {
      byTopic[w.topicIndex]!.push({
        partitionIndex: w.partition,
        errorCode: code(w.errorName === 'NONE' ? 'UNKNOWN_SERVER_ERROR' : w.errorName),
        highWatermark: -1,
        lastStableOffset: -1,
        logStartOffset: -1,
        abortedTransactions: null,
        preferredReadReplica: -1,
        records: EMPTY_RECORDS,
      });
      continue;
    }
    byTopic[w.topicIndex]!.push({
      partitionIndex: p.partition,
      errorCode: code(p.errorName),
      highWatermark: p.highWatermark,
      lastStableOffset: p.lastStableOffset,
      logStartOffset: p.logStartOffset,
      currentLeader: currentLeader(p.currentLeader),
      abortedTransactions: request.isolationLevel === 1 ? p.abortedTransactions : null,
      preferredReadReplica: p.preferredReadReplica,
      records: p.records.length === 0 ? EMPTY_RECORDS : p.records.length === 1 ? p.records[0]! : p.records,
    });
  }
  const v13 = context.apiVersion >= 13;
  // Issue 16: consumer_byte_rate on the response's record bytes, and request_percentage; when
  // either throttles, Kafka answers empty (FetchContext.getThrottledResponse: no partitions) and
  // unrecords the bytes, so the consumer fetches them again once unmuted (KafkaApis.handleFetchRequest).
  let recordBytes = 0;
  for (const p of result.partitions) for (const r of p.records) recordBytes += r.length;
  const requestThrottleMs = context.requestThrottleTimeMs?.() ?? 0;
  const bandwidthThrottleMs = throttleTimeMs(context, 'fetch', recordBytes);
  const throttle = Math.max(requestThrottleMs, bandwidthThrottleMs);
  if (throttle > 0) unrecordFetchBytes(context, recordBytes);
  return {
    throttleTimeMs: throttle,
    errorCode: 0,
    sessionId: 0,
    responses: throttle > 0 ? [] : request.topics.map((t, i) => (v13 ? { topicId: t.topicId, partitions: byTopic[i]! } : { topic: t.topic, partitions: byTopic[i]! })),
    nodeEndpoints: result.nodeEndpoints.map((e) => nodeEndpoint(e, context)),
  };
}
