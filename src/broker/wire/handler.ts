/**
 * The shape every API handler has (handlers/NN-api-name.ts, one per API key) and what it is given.
 *
 * A handler receives the decoded request body (the codec's object: the spec's field names in
 * camelCase, int64 as JS numbers, UUIDs as base64url strings, records as Buffers) and returns the
 * response body, a Promise of it (long-poll Fetch, acks=all Produce), or NO_RESPONSE (Produce with
 * acks=0, which Kafka never answers). The router encodes the body in the request's version.
 */
import type { ApiSchema, DecodedRequest, EncodableResponse } from '../protocol';
import type { ConnectionSecurity } from '../cluster/security/principal';
import type { BrokerServices } from './broker-services';

/** Returned by a handler when Kafka sends no response at all (Produce acks=0). */
export const NO_RESPONSE: unique symbol = Symbol('no-response');
export type NoResponse = typeof NO_RESPONSE;

/**
 * Thrown by a handler for a request that decodes but is invalid for its version, where Kafka
 * throws InvalidRequestException and the connection ends (e.g. Metadata v10-11 naming a topic by
 * id only). The router closes the connection without logging it as a failure.
 */
export class InvalidRequestError extends Error {
  override readonly name = 'InvalidRequestError';
}

/** Decoded bodies are plain objects keyed by the spec's camelCase field names. */
export type Body = Record<string, unknown>;

export interface RequestContext {
  readonly brokerId: number;
  readonly connectionId: string;
  readonly clientId: string | null;
  /** `ip:port` of the client. */
  readonly clientAddress: string;
  readonly apiVersion: number;
  readonly correlationId: number;
  readonly services: BrokerServices;
  /** The connection's listener, security protocol and principal (cluster/security/principal.ts). */
  readonly security: ConnectionSecurity;
  /** Issue 16: mutes the connection for a client quota's throttle time after this response (KIP-219); absent in unit harnesses. */
  readonly muteChannel?: (ms: number) => void;
  /**
   * Issue 16 (KIP-124): records the request's thread time so far against request_percentage once
   * and returns the throttle time (ms); the router calls it for every response, Fetch earlier (a
   * throttled Fetch is answered empty). Absent in unit harnesses.
   */
  readonly requestThrottleTimeMs?: () => number;
}

export interface VersionRangeInclusive {
  readonly min: number;
  readonly max: number;
}

export interface ApiHandler<Request = Body, Response = Body> {
  readonly apiKey: number;
  /** Kafka's API name, e.g. `Produce`, `ApiVersions`. */
  readonly apiName: string;
  /** The API's schema (protocol/messages/NN-*.ts): the source of apiKey, apiName and both body types. */
  readonly schema: ApiSchema;
  /** The range advertised in ApiVersions: the handler registry is its only source. */
  readonly advertised: VersionRangeInclusive;
  /**
   * Lowest version actually served, when it is above advertised.min. Only Produce uses it:
   * 0-2 are advertised for librdkafka's sake but carry magic 0/1 message sets (KAFKA-18659).
   */
  readonly servedMin?: number;
  /**
   * The handler keeps no byte field of its request past handle() (Produce: cluster.produce copies
   * each record set into log memory before it returns), so the router passes a split frame's
   * views of the shared scratch (frame-decoder.ts) as they are instead of rehoming them first.
   */
  readonly keepsNoRequestBytes?: true;
  handle(request: Request, context: RequestContext): Response | Promise<Response> | NoResponse;
}

/** What a handler file writes: everything but what its schema gives (apiKey, apiName, schema). */
export type HandlerSpec<A extends ApiSchema, R = EncodableResponse<A>> =
  Omit<ApiHandler<DecodedRequest<A>, R>, 'apiKey' | 'apiName' | 'schema' | 'handle'> & {
    handle(request: DecodedRequest<A>, context: RequestContext): R | Promise<R> | NoResponse;
  };

/** `T` with every property the schema's shape `S` lacks turned to `never` (nested structs and arrays included). */
type WithinSchema<T, S> =
  T extends Uint8Array | string | number | boolean | null | undefined | symbol ? T
    : T extends readonly (infer E)[] ? (NonNullable<S> extends readonly (infer SE)[] ? WithinSchema<E, SE>[] : T)
      : T extends object ? { [K in keyof T]: K extends keyof NonNullable<S> ? WithinSchema<T[K], NonNullable<S>[K]> : never }
        : T;

/** Fails to compile (a missing `fieldsNotInSchema` property) when a returned body has a field its schema lacks. */
type SchemaFieldsOnly<R, S> = [R] extends [WithinSchema<R, S>] ? unknown : { fieldsNotInSchema: never };

/**
 * Defines the handler of `schema`'s API, typed by it: `handle` reads the request as the codec
 * decodes it (DecodedRequest) and returns the response as the codec encodes it
 * (EncodableResponse); reading or returning a field the schema lacks fails to compile. apiKey
 * and apiName come from the schema.
 */
export function defineHandler<const A extends ApiSchema, R extends EncodableResponse<A>>(
  schema: A,
  spec: HandlerSpec<A, R> & SchemaFieldsOnly<R, EncodableResponse<A>>,
): ApiHandler<DecodedRequest<A>, EncodableResponse<A>> {
  return { ...spec, apiKey: schema.apiKey, apiName: schema.name, schema };
}
