/**
 * Public entry of the Kafka protocol codec. The wire layer frames bytes; this module turns a
 * frame (the payload after the int32 size) into a header and a body object and back.
 *
 * Decoded bodies use the spec's field names in camelCase (`topics[].partitions[].partitionIndex`).
 * Fields absent from the version carry their defaults; `records` are subarrays of the frame, so a
 * handler that keeps them beyond the request must copy them (or own the frame).
 *
 * Trailing bytes after a complete body are tolerated, as Kafka's broker does: a body is read
 * field by field and whatever follows is ignored. Every other malformation throws
 * ProtocolDecodeError, whose `reason` is 'unknown-api', 'unsupported-version' or 'malformed'.
 */
import { decodeMessage, encodeMessage } from './codec';
import { readResponseHeader, writeRequestHeader, writeResponseHeader } from './headers';
import { apiSchemas } from './messages';
import { ProtocolDecodeError, Reader, Writer } from './primitives';
import { inRange, type ApiSchema } from './schema';
import type { ApiVersionRange } from './messages/18-api-versions';

export { ProtocolDecodeError, Reader, Writer, ZERO_UUID, uuidFromString, uuidToString } from './primitives';
export {
  decodeRequestHeader, requestHeaderVersion, responseHeaderVersion, type RequestHeader,
} from './headers';
export { errorCode, errorName, errorInfo, ERRORS, type KafkaError } from './error-codes';
export { API_NAMES, apiLabel } from './api-keys';
export { apiSchemas } from './messages';
export * from './messages';
export type { ApiSchema, MessageSchema, FieldSchema, VersionRange } from './schema';
export type {
  Decoded, Encodable, DecodedRequest, EncodableResponse, EncodableRequest, DecodedResponse,
} from './typed';

function schemaFor(apiKey: number, apiVersion: number, which: 'request' | 'response'): ApiSchema {
  const s = apiSchemas.get(apiKey);
  if (s === undefined) throw new ProtocolDecodeError(`no schema for API key ${apiKey}`, 'unknown-api');
  if (!inRange(s[which].validVersions, apiVersion)) {
    throw new ProtocolDecodeError(`${s.name} v${apiVersion} is not supported`, 'unsupported-version');
  }
  return s;
}

/** Decodes a request body starting at `bodyOffset` of `frame` (from decodeRequestHeader). */
export function decodeRequestBody<T = any>(apiKey: number, apiVersion: number, frame: Buffer, bodyOffset: number): T { // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = schemaFor(apiKey, apiVersion, 'request');
  return decodeMessage<T>(s.request, apiVersion, new Reader(frame, bodyOffset));
}

function frameWithSize(w: Writer): Buffer {
  w.buf.writeInt32BE(w.pos - 4, 0);
  return w.finish();
}

/**
 * Encodes a complete response (int32 size, response header, body) as a list of buffers whose
 * concatenation is the frame; record sets of 1 KiB or more are referenced, not copied, so the
 * wire layer can hand them to socket.writev. The caller must not change them until written.
 */
export function encodeResponseChunks(apiKey: number, apiVersion: number, correlationId: number, body: object): Buffer[] {
  const s = schemaFor(apiKey, apiVersion, 'response');
  const w = Writer.chunked(1024);
  const start = w.reserve(4);
  writeResponseHeader(w, apiKey, apiVersion, correlationId);
  encodeMessage(s.response, apiVersion, w, body);
  const size = w.length() - 4;
  const chunks = w.finishChunks();
  chunks[0]!.writeInt32BE(size, start);
  return chunks;
}

/** Encodes a complete response: int32 size, response header, body. Throws TypeError on bad body values. */
export function encodeResponse(apiKey: number, apiVersion: number, correlationId: number, body: object): Buffer {
  const chunks = encodeResponseChunks(apiKey, apiVersion, correlationId, body);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

/** Encodes a complete request: int32 size, request header, body (tests, proxy, fixtures). */
export function encodeRequest(
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
  body: object,
): Buffer {
  const s = schemaFor(apiKey, apiVersion, 'request');
  const w = new Writer(256);
  w.reserve(4);
  writeRequestHeader(w, apiKey, apiVersion, correlationId, clientId);
  encodeMessage(s.request, apiVersion, w, body);
  return frameWithSize(w);
}

/** Decodes a response `frame` (the payload after the int32 size). */
export function decodeResponse<T = any>(apiKey: number, apiVersion: number, frame: Buffer): { correlationId: number; body: T } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const s = schemaFor(apiKey, apiVersion, 'response');
  const r = new Reader(frame);
  let correlationId: number;
  try {
    correlationId = readResponseHeader(r, apiKey, apiVersion);
  } catch (e) {
    if (e instanceof ProtocolDecodeError) throw e;
    throw new ProtocolDecodeError(`response header: ${(e as Error).message}`);
  }
  return { correlationId, body: decodeMessage<T>(s.response, apiVersion, r) };
}

/**
 * The ApiVersions answer to a request whose version is above our max (KIP-511): the v0 body
 * (errorCode, apiKeys) behind a v0 response header, whatever version was asked, so the client
 * can read our ranges and retry with a version we serve. Usually errorCode 35 UNSUPPORTED_VERSION.
 */
export function encodeApiVersionsFallback(correlationId: number, errorCode: number, apiKeys: readonly ApiVersionRange[]): Buffer {
  return encodeResponse(18, 0, correlationId, { errorCode, apiKeys });
}
