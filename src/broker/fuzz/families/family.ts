/**
 * What a family of fuzz cases is given and what it is: each family targets one area (an API
 * family, or one kind of hostile record batch) and makes one case at a time from the seeded
 * Hostile values. A case is a short script over real sockets; requests it does not await are
 * pipelined on the lane's connections.
 */
import type { Hostile } from '../hostile';
import type { Answer, Body } from '../lane';

export interface CallOptions {
  /** Default: a version drawn from the handler's advertised range. */
  version?: number;
  /** Default: the leader of `topic`/`partition` when given, else a random broker. */
  broker?: number;
  topic?: string;
  partition?: number;
  /** The request header's client id (default 'kafka-lab-fuzz'); null, empty, long and unicode ones show in views. */
  clientId?: string | null;
}

export interface CaseIO {
  readonly h: Hostile;
  /** Encodes and sends `body` (fields absent from the version are ignored) and resolves with the answer. */
  call(apiKey: number, body: Body | ((version: number) => Body), options?: CallOptions): Promise<Answer>;
  /** A version of `apiKey` from its advertised range, optionally narrowed to [min, max]. */
  version(apiKey: number, min?: number, max?: number): number;
  /** The node FindCoordinator names for `key` (keyType 0 group, 1 transaction), or a random broker. */
  coordinator(key: string, keyType: 0 | 1): Promise<number>;
}

/**
 * Thrown by a case whose answer is not the one Kafka gives (a family that checks outcomes, such as
 * sasl-exchange): the runner reports it as the `outcome` invariant, not as the fuzzer's own bug.
 */
export class CaseViolation extends Error {
  override readonly name = 'CaseViolation';
}

export interface Family {
  readonly name: string;
  /** Relative share of the cases. */
  readonly weight: number;
  /** The API keys it sends (the coverage report checks every served API is in some family). */
  readonly apiKeys: readonly number[];
  run(io: CaseIO, caseIndex: number): Promise<void>;
  /** Releases what the family started for itself (a host of its own), at the end of the run. */
  close?(): Promise<void>;
}

/** The response body, or null when there was none. */
export function bodyOf(answer: Answer): Body | null {
  return answer.kind === 'response' ? answer.body : null;
}

/** Every errorCode in a response body, nested anywhere. */
export function errorCodes(body: unknown, out: number[] = []): number[] {
  if (Array.isArray(body)) for (const item of body) errorCodes(item, out);
  else if (body && typeof body === 'object' && !Buffer.isBuffer(body)) {
    for (const [k, v] of Object.entries(body)) {
      if (k === 'errorCode' && typeof v === 'number') out.push(v);
      else if (typeof v === 'object') errorCodes(v, out);
    }
  }
  return out;
}
