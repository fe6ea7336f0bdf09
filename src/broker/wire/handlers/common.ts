/**
 * Small helpers shared by the handlers: Kafka error names → codes, endpoints in the wire shape,
 * and turning the model's callback completions into a value or a Promise.
 */
import { errorCode } from '../../protocol';
import type { BrokerEndpoint, CurrentLeader } from '../../cluster/api';
import type { FlowClientRef } from '../../cluster/flow/flow-recorder';
import type { RequestContext } from '../handler';

/** The code of a Kafka error name; 'NONE' is 0; an unknown name is UNKNOWN_SERVER_ERROR (-1). */
export function code(name: string): number {
  if (name === 'NONE') return 0;
  try {
    return errorCode(name);
  } catch {
    return -1;
  }
}

/** KIP-951 NodeEndpoints entry, on the listener of the request (`context`). */
export function nodeEndpoint(e: BrokerEndpoint, context?: RequestContext): { nodeId: number; host: string; port: number; rack: string | null } {
  const on = context ? onListener(context, e) : e;
  return { nodeId: on.brokerId, host: on.host, port: on.port, rack: on.rack };
}

/**
 * Issue 16: a broker's endpoint on the listener the request came in on (BrokerServices.listenerEndpoint),
 * as Kafka's MetadataCache answers by the request's listener name.
 */
export function onListener<E extends { brokerId: number; host: string; port: number }>(context: RequestContext, e: E): E {
  const other = context.services.listenerEndpoint?.(context.security.listenerName, e.brokerId);
  return other ? { ...e, host: other.host, port: other.port } : e;
}

/** KIP-951 currentLeader: omitted (the tagged default -1/-1) when the model knows none. */
export function currentLeader(leader: CurrentLeader | null): { leaderId: number; leaderEpoch: number } | undefined {
  return leader ? { leaderId: leader.leaderId, leaderEpoch: leader.leaderEpoch } : undefined;
}

/**
 * Calls `start(done)`; when the model completes synchronously returns the value, otherwise a
 * Promise of it (acks=all produce, delete records waiting for followers).
 */
export function completion<T>(start: (done: (value: T) => void) => void): T | Promise<T> {
  let syncValue: { value: T } | null = null;
  let resolveLater: ((value: T) => void) | null = null;
  start((value) => {
    if (resolveLater) resolveLater(value);
    else syncValue ??= { value };
  });
  if (syncValue) return (syncValue as { value: T }).value;
  return new Promise<T>((resolve) => {
    resolveLater = resolve;
  });
}

/** Maps a value or a Promise of it. */
export function thenMap<T, U>(value: T | Promise<T>, map: (v: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(map) : map(value);
}

/** Groups items by topic, keeping the first-seen order of topics (responses mirror request order). */
export function groupByTopic<T extends { topic: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    let list = out.get(item.topic);
    if (!list) out.set(item.topic, (list = []));
    list.push(item);
  }
  return out;
}

/**
 * The sender as the flow sample names it (src/broker/cluster/flow/flow-recorder.ts): the
 * connection's clientId (empty when none) and its address without the port, as the connection
 * registry shows them.
 */
export function flowClient(context: RequestContext): FlowClientRef {
  const address = context.clientAddress;
  const colon = address.lastIndexOf(':');
  const host = colon > 0 ? address.slice(0, colon) : address;
  return { clientId: context.clientId ?? '', host: host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host };
}
