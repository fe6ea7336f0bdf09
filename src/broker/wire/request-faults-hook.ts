/**
 * Where the wire meets the request fault rules (issue 18; cluster/faults/request-faults.ts): before
 * a decoded request reaches its handler, the router asks the cluster whether a rule hits it, and
 * turns the action into what the client sees:
 * - error: the response in the request's own shape with every errorCode set to the error (as Kafka's
 *   `AbstractRequest.getErrorResponse`, error-response.ts); Produce with acks=0 gets none, as always;
 *   a response with no place for an error code (Metadata for all topics) closes the connection;
 * - delay: the request is handled at once and its response leaves `delayMs` (wall-clock ms) later —
 *   the connection's later responses wait behind it, since responses keep request order
 *   (librdkafka mock's `rd_kafka_mock_broker_push_request_error_rtts` delays the same way);
 * - disconnect: the connection closes without a response.
 */
import type { RequestFaultAction } from '../../shared/request-faults';
import type { BrokerServices } from './broker-services';
import type { Body } from './handler';

type Obj = Record<string, unknown>;

/**
 * The topics and partitions a request names, read generically from its first list of topic structs
 * (Produce `topicData`, Fetch/Metadata/ListOffsets/OffsetCommit `topics`…): a topic by `name`/`topic`
 * or by `topicId` (through the broker's topic id index), its partitions by
 * `partitionIndex`/`partition`/`index`/`partitions` (a list of numbers).
 */
export function requestTopics(body: Body, brokerId: number, services: BrokerServices): { topic: string; partitions: number[] }[] {
  const list = topicList(body);
  if (!list) return [];
  const out: { topic: string; partitions: number[] }[] = [];
  for (const element of list) {
    if (element === null || typeof element !== 'object') continue;
    const t = element as Obj;
    const named = typeof t.name === 'string' ? t.name : typeof t.topic === 'string' ? t.topic : null;
    const topic = named ?? (typeof t.topicId === 'string' ? services.topicIds?.name(brokerId, t.topicId) ?? null : null);
    if (topic === null) continue;
    out.push({ topic, partitions: partitionsOf(t) });
  }
  return out;
}

function topicList(body: Body): unknown[] | null {
  for (const key of ['topicData', 'topics']) {
    const v = body[key];
    if (Array.isArray(v)) return v;
  }
  return null;
}

function partitionsOf(topic: Obj): number[] {
  for (const key of ['partitionData', 'partitions', 'partitionIndexes']) {
    const v = topic[key];
    if (!Array.isArray(v)) continue;
    const out: number[] = [];
    for (const p of v) {
      if (typeof p === 'number') out.push(p);
      else if (p !== null && typeof p === 'object') {
        const o = p as Obj;
        const index = o.partitionIndex ?? o.partition ?? o.index;
        if (typeof index === 'number') out.push(index);
      }
    }
    return out;
  }
  return [];
}

/** Asks the cluster for the action of the rule that hits this request (consuming it), if any. */
export function takeRequestFault(services: BrokerServices, brokerId: number, apiName: string, clientId: string | null, body: Body): RequestFaultAction | null {
  // Read at most once, and only when a rule of this API filters by topic.
  let topics: { topic: string; partitions: number[] }[] | undefined;
  return services.cluster.takeRequestFault({ brokerId, apiName, clientId, topics: () => (topics ??= requestTopics(body, brokerId, services)) });
}

/** Resolves after `ms` wall-clock ms (the delay action; outside the model, which never sleeps). */
export function afterWallMs<T>(ms: number, value: T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    setTimeout(() => Promise.resolve(value).then(resolve, reject), ms).unref?.();
  });
}
