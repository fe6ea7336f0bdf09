/**
 * Helpers shared by the group and transaction handlers (issue 4): reaching the coordinators,
 * Kafka's clientHost form ("/127.0.0.1"), copying byte fields out of the request frame (the
 * coordinator keeps member metadata and assignments after the frame's buffer is gone), and
 * turning the coordinators' callback answers into a value or a Promise while kicking the
 * host's driver so the __consumer_offsets / __transaction_state writes replicate promptly.
 */
import {
  applyCoordinatorInput, COORDINATORS_EXTENSION, type CoordinatorApi, type CoordinatorInput, type CoordinatorInputs,
} from '../../cluster/transactions/coordinator-inputs';
import type { RequestContext } from '../handler';
import type { WireCoordinators } from '../coordinator-services';
import { completion } from './common';

/** Answered by every coordinator API while the host has no coordinators (clients retry it). */
export const NO_COORDINATOR = 'COORDINATOR_NOT_AVAILABLE';

export function coordinators(context: RequestContext): WireCoordinators | null {
  return context.services.coordinators ?? null;
}

/** Kafka records a member's host as InetAddress.toString(): "/" + address, without the port. */
export function clientHost(context: RequestContext): string {
  const address = context.clientAddress;
  const colon = address.lastIndexOf(':');
  return `/${colon > 0 ? address.slice(0, colon) : address}`;
}

/** A private copy of bytes decoded from the request frame. */
export function copyBytes(bytes: Buffer | null | undefined): Buffer {
  return bytes ? Buffer.from(bytes) : Buffer.alloc(0);
}

/**
 * Runs a coordinator call that answers through a callback (often inside later simulated-time
 * processing), kicks the driver so its log writes make progress, and maps the answer.
 */
export function answer<T, R>(context: RequestContext, start: (done: (value: T) => void) => void, map: (value: T) => R): R | Promise<R> {
  const result = completion<T>(start);
  context.services.kick();
  return result instanceof Promise ? result.then(map) : map(result);
}

/**
 * Sends a state-changing request to the coordinators as a model input (logged with
 * cluster.extensionInput so a trace replays it, ARCHITECTURE §2) and maps the answer.
 */
export function coordinatorRequest<A extends CoordinatorApi, R>(context: RequestContext, c: WireCoordinators, input: CoordinatorInput<A>, map: (answer: CoordinatorInputs[A]['answer']) => R): R | Promise<R> {
  return answer<CoordinatorInputs[A]['answer'], R>(context, (done) => context.services.cluster.extensionInput(COORDINATORS_EXTENSION, input, () => applyCoordinatorInput(c, input, done)), map);
}

/**
 * KIP-588: PRODUCER_FENCED exists from InitProducerId v4, AddPartitionsToTxn v2, AddOffsetsToTxn v2
 * and EndTxn v2; Kafka answers older versions INVALID_PRODUCER_EPOCH instead (kafkajs, which
 * uses v1, does not know code 90).
 */
export function producerFencedAs(errorName: string, apiVersion: number, firstVersionWithProducerFenced: number): string {
  return errorName === 'PRODUCER_FENCED' && apiVersion < firstVersionWithProducerFenced ? 'INVALID_PRODUCER_EPOCH' : errorName;
}
