/**
 * Request-level faults (issue 18), for people testing their clients: answer the next N requests of
 * an API with a chosen Kafka error, delay their responses, or close the connection — optionally only
 * for one topic, partition, client.id or broker. What librdkafka's mock cluster
 * (`rd_kafka_mock_push_request_errors`, `rd_kafka_mock_broker_push_request_error_rtts`) and franz-go's
 * kfake (`ControlKey`, `SleepControl`) offer, done the simulation's way: a rule is a cluster command
 * (in the input log, replayable, a scenario step), and each request it hits is an input too, with an
 * event on the timeline naming the client.
 *
 * Text form (the stdin control of `npm run broker`, and `describeRequestFault`):
 *   fail <Api> <ERROR_NAME> [count] [topic=T] [partition=P] [client=ID] [broker=B]
 *   delay <Api> <ms> [count] [...]
 *   disconnect <Api> [count] [...]
 */

/** What a matching request gets instead of (error, disconnect) or after (delay) its normal handling. */
export type RequestFaultAction =
  /** The response in the request's shape with every errorCode set to this Kafka error (its name, e.g. NOT_LEADER_OR_FOLLOWER). */
  | { kind: 'error'; errorName: string }
  /** Handled at once; its response leaves delayMs (wall-clock ms) later, and the connection's later responses wait behind it. */
  | { kind: 'delay'; delayMs: number }
  /** No response: the broker closes the connection, as after a network failure. */
  | { kind: 'disconnect' };

export interface RequestFaultSpec {
  /** The Kafka API by name, e.g. `Produce`, `Fetch`, `JoinGroup` (the request header's apiKey). */
  apiName: string;
  action: RequestFaultAction;
  /** How many matching requests it hits, 1..10,000. */
  count: number;
  /** Only requests naming this topic (any partition unless `partition`). */
  topic?: string;
  partition?: number;
  /** Only requests whose header client.id is this. */
  clientId?: string;
  /** Only requests sent to this broker. */
  brokerId?: number;
}

/** An active rule, as the cluster view shows it. */
export interface RequestFaultView extends RequestFaultSpec {
  faultId: number;
  /** Requests it still hits. */
  remaining: number;
  /** Requests it hit so far. */
  hits: number;
}

export const MAX_REQUEST_FAULT_COUNT = 10_000;
/** Longest response delay, ms (5 minutes: beyond every client's request.timeout.ms default). */
export const MAX_REQUEST_FAULT_DELAY_MS = 300_000;

/** Errors the UI offers first: the retriable ones clients are written to survive, then a few fatal ones. */
export const COMMON_FAULT_ERRORS: readonly string[] = [
  'NOT_LEADER_OR_FOLLOWER', 'LEADER_NOT_AVAILABLE', 'REQUEST_TIMED_OUT', 'NOT_ENOUGH_REPLICAS',
  'NOT_ENOUGH_REPLICAS_AFTER_APPEND', 'COORDINATOR_NOT_AVAILABLE', 'NOT_COORDINATOR',
  'COORDINATOR_LOAD_IN_PROGRESS', 'REBALANCE_IN_PROGRESS', 'UNKNOWN_TOPIC_OR_PARTITION',
  'KAFKA_STORAGE_ERROR', 'THROTTLING_QUOTA_EXCEEDED', 'UNKNOWN_SERVER_ERROR',
  'TOPIC_AUTHORIZATION_FAILED', 'OUT_OF_ORDER_SEQUENCE_NUMBER', 'INVALID_PRODUCER_EPOCH',
];

/** The APIs the UI offers first: what producers, consumers and groups send. */
export const COMMON_FAULT_APIS: readonly string[] = [
  'Produce', 'Fetch', 'ListOffsets', 'Metadata', 'OffsetCommit', 'OffsetFetch', 'FindCoordinator',
  'JoinGroup', 'SyncGroup', 'Heartbeat', 'LeaveGroup', 'InitProducerId', 'AddPartitionsToTxn', 'EndTxn',
  'CreateTopics', 'DeleteTopics', 'DescribeConfigs', 'ApiVersions',
];

/** `fail Produce NOT_LEADER_OR_FOLLOWER ×3 (topic orders, client app-1, broker 2)` */
export function describeRequestFault(spec: RequestFaultSpec): string {
  const a = spec.action;
  const what = a.kind === 'error' ? `fail ${spec.apiName} ${a.errorName}` : a.kind === 'delay' ? `delay ${spec.apiName} ${a.delayMs} ms` : `disconnect ${spec.apiName}`;
  const only = [
    spec.topic !== undefined ? `topic ${spec.topic}${spec.partition !== undefined ? `-${spec.partition}` : ''}` : spec.partition !== undefined ? `partition ${spec.partition}` : null,
    spec.clientId !== undefined ? `client ${spec.clientId}` : null,
    spec.brokerId !== undefined ? `broker ${spec.brokerId}` : null,
  ].filter((s): s is string => s !== null);
  return `${what} ×${spec.count}${only.length ? ` (${only.join(', ')})` : ''}`;
}

export const REQUEST_FAULT_USAGE = 'fail <Api> <ERROR_NAME> [count] | delay <Api> <ms> [count] | disconnect <Api> [count], each optionally followed by topic=T partition=P client=ID broker=B';

/**
 * Parses the text form after its verb (`fail`, `delay`, `disconnect`); the model checks the names
 * (an unknown API or error is refused there, with the list). Returns an error sentence on bad syntax.
 */
export function parseRequestFault(verb: string, args: readonly string[]): RequestFaultSpec | { error: string } {
  const positional = args.filter((a) => !a.includes('='));
  const named = args.filter((a) => a.includes('='));
  const usage = { error: `usage: ${REQUEST_FAULT_USAGE}` };
  const apiName = positional[0];
  if (!apiName) return usage;
  let action: RequestFaultAction;
  let rest: string[];
  switch (verb) {
    case 'fail': {
      const errorName = positional[1];
      if (!errorName || !/^[A-Z_]+$/.test(errorName)) return { error: 'fail needs a Kafka error name in capitals, e.g. fail Produce NOT_LEADER_OR_FOLLOWER 3' };
      action = { kind: 'error', errorName };
      rest = positional.slice(2);
      break;
    }
    case 'delay': {
      const ms = positional[1];
      if (!ms || !/^\d+$/.test(ms)) return { error: 'delay needs a delay in ms, e.g. delay Fetch 2000 3' };
      action = { kind: 'delay', delayMs: Number(ms) };
      rest = positional.slice(2);
      break;
    }
    case 'disconnect':
      action = { kind: 'disconnect' };
      rest = positional.slice(1);
      break;
    default:
      return usage;
  }
  if (rest.length > 1) return usage;
  if (rest.length === 1 && !/^\d+$/.test(rest[0]!)) return { error: `count must be a whole number, not "${rest[0]}"` };
  const spec: RequestFaultSpec = { apiName, action, count: rest.length ? Number(rest[0]) : 1 };
  for (const pair of named) {
    const eq = pair.indexOf('=');
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    if (value === '') return { error: `${key}= needs a value` };
    switch (key) {
      case 'topic': spec.topic = value; break;
      case 'client': spec.clientId = value; break;
      case 'partition':
      case 'broker':
        if (!/^\d+$/.test(value)) return { error: `${key} must be a whole number, not "${value}"` };
        if (key === 'partition') spec.partition = Number(value);
        else spec.brokerId = Number(value);
        break;
      default:
        return { error: `unknown filter "${key}" (topic=, partition=, client=, broker=)` };
    }
  }
  return spec;
}
