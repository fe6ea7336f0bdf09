/**
 * Kafka errors in plain words. The explanation is built from the error name (the broker's
 * error code, as kafkajs reports it) and what a client can learn about the cluster: topic
 * metadata (leader, replicas, inSyncReplicas per partition) and topic configs. Nothing here reads
 * the simulation, so the same words work against a remote cluster.
 */
import type { Admin } from 'kafkajs';
import { partitionForKey } from '../../shared/partitioner';

export interface PartitionFacts {
  partitionId: number;
  leader: number;
  replicas: number[];
  isr: number[];
  offlineReplicas?: number[];
}

export interface ErrorContext {
  topic: string;
  partition: number | null;
  acks: number;
  recordBytes: number;
  /** The record's key: with partition null, the default partitioner's choice is recomputed from it. */
  key?: Uint8Array | null;
  /** null when the topic does not exist (or metadata could not be read). */
  partitions: PartitionFacts[] | null;
  configs: Record<string, string>;
  /** host:port of the broker a connection failed to (NETWORK_EXCEPTION). */
  failedBroker?: string | null;
  /** The producer's compression.type: max.message.bytes applies to the batch after compression. */
  compression?: string;
  /** Brokers and the active controller from Metadata (read for NETWORK_EXCEPTION); controllerId null when there is none. */
  cluster?: ClusterFacts | null;
}

export interface ClusterFacts {
  controllerId: number | null;
  brokers: { nodeId: number; host: string; port: number }[];
}

export interface ExplainedError {
  errorName: string;
  message: string;
  retriable: boolean;
}

interface KafkajsErrorLike {
  name?: string;
  type?: string;
  message?: string;
  retriable?: boolean;
  originalError?: unknown;
  errors?: unknown[];
  cause?: unknown;
}

/** Unwraps kafkajs's retry and aggregate wrappers to the broker's error name (or a client-side one). */
export function kafkaErrorName(error: unknown): ExplainedError {
  let e = error as KafkajsErrorLike | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (e.type && /^[A-Z_]+$/.test(e.type)) return { errorName: e.type, message: e.message ?? e.type, retriable: !!e.retriable };
    const next = e.originalError ?? e.errors?.[0] ?? e.cause;
    if (!next) break;
    e = next as KafkajsErrorLike;
  }
  const top = (e ?? error) as KafkajsErrorLike;
  const message = top?.message ?? String(error);
  switch (top?.name) {
    case 'KafkaJSConnectionError':
    case 'KafkaJSConnectionClosedError':
    case 'KafkaJSNoBrokerAvailableError':
      return { errorName: 'NETWORK_EXCEPTION', message, retriable: true };
    case 'KafkaJSRequestTimeoutError':
    case 'KafkaJSTimeout':
      return { errorName: 'REQUEST_TIMED_OUT', message, retriable: true };
    case 'KafkaJSTopicMetadataNotLoaded':
      return { errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message, retriable: true };
    // kafkajs looks a broker up by the node id Metadata gave (e.g. the controller an idempotent
    // producer's InitProducerId goes to); -1 there means the cluster named none.
    case 'KafkaJSBrokerNotFound':
      return { errorName: 'BROKER_NOT_AVAILABLE', message, retriable: true };
    default:
      return { errorName: 'UNKNOWN_SERVER_ERROR', message, retriable: false };
  }
}

/**
 * The partition a partition-less send went to: murmur2 of the key (Kafka's default partitioner),
 * or, for a null key (round-robin), the first partition that would fail this way.
 */
function likelyPartition(errorName: string, ctx: ErrorContext, minIsr: number): number | null {
  if (!ctx.partitions || ctx.partitions.length === 0) return null;
  if (ctx.key) return partitionForKey(ctx.key, ctx.partitions.length);
  if (errorName.startsWith('NOT_ENOUGH_REPLICAS')) return ctx.partitions.find((x) => x.isr.length < minIsr)?.partitionId ?? null;
  if (errorName === 'LEADER_NOT_AVAILABLE') return ctx.partitions.find((x) => x.leader < 0)?.partitionId ?? null;
  return null;
}

/**
 * LEADER_NOT_AVAILABLE in the partition's own terms. Kafka keeps the last in-sync replica in the ISR
 * while it is down (it waits for it rather than elect an out-of-sync copy), so "in sync: 3" for a
 * partition whose broker 3 is stopped would mislead: the broker Metadata reports offline is named.
 */
function leaderNotAvailable(where: string, p: PartitionFacts | null): string {
  if (!p) return `${where} has no leader at the moment: an election is in progress or every in-sync replica is down.`;
  const offline = p.offlineReplicas ?? [];
  const down = '(stopped, or cut off from the controller)';
  if (p.replicas.length === 1 && offline.includes(p.replicas[0]!)) {
    const b = p.replicas[0]!;
    return `${where} has no leader: its only replica, broker ${b}, is offline ${down}. With replication factor 1 there is no other copy to elect; the partition is unavailable until broker ${b} is back.`;
  }
  const isrDown = p.isr.filter((b) => offline.includes(b));
  if (p.isr.length > 0 && isrDown.length === p.isr.length) {
    const up = p.replicas.filter((b) => !offline.includes(b));
    const who = isrDown.length === 1 ? `its last in-sync replica, broker ${isrDown[0]}, is` : `its last in-sync replicas, brokers ${isrDown.join(', ')}, are`;
    return `${where} has no leader: ${who} offline ${down}. Kafka waits for ${isrDown.length === 1 ? 'it' : 'one of them'} to come back rather than elect an out-of-sync replica (unclean.leader.election.enable=false)${up.length > 0 ? `; ${up.length === 1 ? `broker ${up[0]} is` : `brokers ${up.join(', ')} are`} up but out of sync` : ''}.`;
  }
  const offlineText = offline.length > 0 ? `; offline: ${offline.map((b) => `broker ${b}`).join(', ')}` : '';
  return `${where} has no leader at the moment (replicas ${p.replicas.join(', ')}; in sync: ${p.isr.join(', ') || 'none'}${offlineText}): an election is in progress or every in-sync replica is down.`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * MESSAGE_TOO_LARGE: the broker compares the record batch (after compression) with the topic's
 * max.message.bytes, whose default is the broker's message.max.bytes (1048588). kafkajs has no
 * client-side size limit and sends it; Kafka's Java producer would refuse the record itself with
 * RecordTooLargeException (larger than max.request.size, default 1048576) before sending.
 */
function messageTooLarge(ctx: ErrorContext): string {
  const limit = ctx.configs['max.message.bytes'];
  const limitText = limit === undefined ? 'max.message.bytes (could not be read; Kafka\'s default is 1048588)' : `max.message.bytes=${limit}`;
  const compressed = ctx.compression && ctx.compression !== 'none' ? ` before ${ctx.compression} compression (the limit applies to the compressed batch)` : '';
  return `The record (about ${ctx.recordBytes} bytes of key and value${compressed}) makes a record batch larger than topic ${ctx.topic} accepts: ${limitText}, the topic's setting whose default is the broker's message.max.bytes. The broker refused it and appended nothing. kafkajs has no client-side limit and sent it; Kafka's Java producer would have refused it before sending (RecordTooLargeException, max.request.size=1048576).`;
}

/**
 * NETWORK_EXCEPTION in the cluster's terms: which broker the client could not reach and why the
 * metadata still sent it there. With no active controller (no majority of KRaft voters), no
 * leader can be elected and no broker fenced, so Metadata keeps naming a stopped broker as leader.
 */
function networkException(ctx: ErrorContext, where: string, p: PartitionFacts | null): string {
  const broker = ctx.failedBroker ? ctx.cluster?.brokers.find((b) => `${b.host}:${b.port}` === ctx.failedBroker) : undefined;
  const who = broker ? `broker ${broker.nodeId} (${ctx.failedBroker})` : ctx.failedBroker ? `the broker at ${ctx.failedBroker}` : 'the broker';
  let text = `The client could not connect to ${who}: it is stopped, isolated, or the address is wrong.`;
  if (broker && p && p.leader === broker.nodeId) text += ` The cluster's metadata still names broker ${broker.nodeId} as the leader of ${where}.`;
  if (ctx.cluster && ctx.cluster.controllerId === null) {
    text += ' Metadata reports no active controller: the KRaft quorum has no majority of its voters reachable, so no new leader can be elected and the metadata cannot change until enough voters are back.';
  }
  return text;
}

/** A sentence or two saying why the request failed, in the cluster's own numbers where they help. */
export function explainKafkaError(errorName: string, given: ErrorContext): string {
  const minIsrText = given.configs['min.insync.replicas'];
  const minIsr = Number(minIsrText ?? '1');
  const ctx = { ...given, partition: given.partition ?? likelyPartition(errorName, given, minIsr) };
  const p = ctx.partition === null ? null : ctx.partitions?.find((x) => x.partitionId === ctx.partition) ?? null;
  const where = ctx.partition === null ? `topic ${ctx.topic}` : `${ctx.topic}-${ctx.partition}`;
  const inSync = p ? `only ${p.isr.length} of ${plural(p.replicas.length, 'replica')} in sync` : 'too few replicas in sync';
  switch (errorName) {
    case 'NOT_ENOUGH_REPLICAS':
      return `${inSync}, ${minIsrText === undefined ? 'fewer than the topic requires (min.insync.replicas could not be read)' : `topic requires ${minIsr} (min.insync.replicas)`} for acks=all. The leader refused the write and appended nothing; it succeeds again once followers catch up and rejoin the ISR, or with acks=1.`;
    case 'NOT_ENOUGH_REPLICAS_AFTER_APPEND':
      return `The leader appended the record, but the ISR shrank below min.insync.replicas=${minIsr} before it was replicated (${p ? `now ${p.isr.length} of ${p.replicas.length} in sync` : 'ISR shrank'}). The record may be in the log although the producer was told it failed; a retry can duplicate it unless the producer is idempotent.`;
    case 'UNKNOWN_TOPIC_OR_PARTITION':
      if (!ctx.partitions) return `Topic ${ctx.topic} does not exist (and the broker does not create topics on produce from this panel).`;
      return `${where} does not exist: topic ${ctx.topic} has ${plural(ctx.partitions.length, 'partition')} (0..${ctx.partitions.length - 1}).`;
    case 'NOT_LEADER_OR_FOLLOWER':
    case 'NOT_LEADER_FOR_PARTITION':
      return `The broker asked is no longer the leader of ${where}${p ? `; the leader is now broker ${p.leader}` : ''}. Clients refresh metadata and retry; this shows up after a broker stop or a leader election.`;
    case 'LEADER_NOT_AVAILABLE':
      return leaderNotAvailable(where, p);
    case 'REQUEST_TIMED_OUT': {
      const noQuorum = ctx.cluster && ctx.cluster.controllerId === null
        ? ' Metadata reports no active controller: the KRaft quorum has no majority of its voters reachable, so the ISR cannot shrink (every ISR change goes through the controller) and the leader keeps waiting for the stopped replicas.'
        : '';
      return ctx.acks === -1
        ? `No answer within the request's timeout: with acks=all the leader waits for every in-sync replica${p ? ` (${p.isr.join(', ')})` : ''}, and a slow or cut follower stalls the write until it drops out of the ISR (replica.lag.time.max.ms).${noQuorum}`
        : `No answer within the request timeout: the leader is unreachable, paused or overloaded.${noQuorum}`;
    }
    case 'MESSAGE_TOO_LARGE':
    case 'RECORD_LIST_TOO_LARGE':
      return messageTooLarge(ctx);
    case 'INVALID_REQUIRED_ACKS':
      return `acks=${ctx.acks} is not one of -1 (all), 0 or 1.`;
    case 'CORRUPT_MESSAGE':
    case 'INVALID_RECORD':
      return 'The broker rejected the batch as malformed (CRC, compression or record framing). This is a client or codec bug, never the data.';
    case 'KAFKA_STORAGE_ERROR':
      return `The leader of ${where} cannot write to its log directory.`;
    case 'PRODUCER_FENCED':
    case 'INVALID_PRODUCER_EPOCH':
      return 'Another producer with the same transactional.id started (InitProducerId bumped the epoch): this one is a zombie and may not write any more.';
    case 'OUT_OF_ORDER_SEQUENCE_NUMBER':
      return 'The broker saw a gap in this idempotent producer\'s sequence numbers: records were lost between the producer and the log (for example after an unclean election).';
    case 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED':
    case 'TOPIC_AUTHORIZATION_FAILED':
    case 'CLUSTER_AUTHORIZATION_FAILED':
      return 'Not allowed: the viewer has no permission for this action (serve mode without the access token is read-only).';
    case 'COORDINATOR_NOT_AVAILABLE':
    case 'NOT_COORDINATOR':
      return 'The transaction coordinator is not available: its __transaction_state partition has no leader yet, or the broker does not serve transactions.';
    case 'UNSUPPORTED_VERSION':
    case 'UNSUPPORTED_FOR_MESSAGE_FORMAT':
      return 'The broker does not serve the request version this client needs (see the clients view for the APIs each connection uses).';
    case 'NETWORK_EXCEPTION':
      return networkException(ctx, where, p);
    case 'BROKER_NOT_AVAILABLE':
      return ctx.cluster && ctx.cluster.controllerId === null
        ? `The client needed a broker the metadata does not name: Metadata reports no active controller (controllerId -1), so the KRaft quorum has no majority of its voters reachable. kafkajs sends an idempotent producer's InitProducerId to the controller and cannot get a producerId until a quorum is back.`
        : 'The client looked for a broker its metadata does not name (kafkajs asked for the controller or a coordinator that is not known yet).';
    default:
      return `The broker answered ${errorName}.`;
  }
}

/**
 * Reads what the explanation needs through an admin client; never throws. Pass a fresh admin:
 * kafkajs refreshes metadata for every topic a client has touched, and one leaderless partition
 * among them (the very situation being explained) makes that refresh fail for all.
 */
export async function gatherErrorContext(admin: Admin, base: Omit<ErrorContext, 'partitions' | 'configs'>, options: { cluster?: boolean } = {}): Promise<ErrorContext> {
  let partitions: PartitionFacts[] | null = null;
  const configs: Record<string, string> = {};
  let cluster: ClusterFacts | null = null;
  if (options.cluster) {
    try {
      const described = await admin.describeCluster();
      cluster = { controllerId: described.controller === null || described.controller < 0 ? null : described.controller, brokers: described.brokers };
    } catch {
      // Unreachable cluster: the explanation names the address alone.
    }
  }
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [base.topic] });
    partitions = meta.topics[0]?.partitions.map((p) => ({ partitionId: p.partitionId, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas })) ?? null;
  } catch {
    // Unknown topic or unreachable cluster: the explanation says so from the error name alone.
  }
  if (partitions) {
    try {
      // describeConfigs refreshes the admin's metadata for its target topics, or for every topic
      // when it has none yet — and any leaderless partition anywhere fails that. fetchTopicOffsets
      // makes this topic the admin's only target first.
      await admin.fetchTopicOffsets(base.topic).catch(() => {});
      const described = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: 2 /* ConfigResourceTypes.TOPIC */, name: base.topic, configNames: ['min.insync.replicas', 'max.message.bytes'] }] });
      for (const entry of described.resources[0]?.configEntries ?? []) configs[entry.configName] = entry.configValue;
    } catch {
      // Explanations then say the setting could not be read.
    }
  }
  return { ...base, partitions, configs, cluster };
}
