/**
 * Request and response headers (Kafka protocol guide, "Headers"; KIP-482).
 *
 * Request header v0: api_key int16, api_version int16, correlation_id int32.
 *   v1: + client_id NULLABLE_STRING (int16 length). v2: v1 + tagged fields. client_id stays an
 *   int16-length string in v2 (not compact): the header must be readable before its version is known.
 * Response header v0: correlation_id int32. v1: + tagged fields.
 * Version choice: v2 / v1 for flexible request versions, else v1 / v0; ControlledShutdown v0 uses
 * request header v0; the ApiVersions response header is always v0 so that a client can read the
 * error and ranges whatever version it sent (KIP-511; redpanda-data/redpanda#296).
 */
import { flexibleFrom } from './api-keys';
import { ProtocolDecodeError, Reader, Writer } from './primitives';

export interface RequestHeader {
  apiKey: number;
  apiVersion: number;
  correlationId: number;
  clientId: string | null;
  /** 0, 1 or 2, as derived by requestHeaderVersion. */
  headerVersion: number;
}

const API_VERSIONS = 18;
const CONTROLLED_SHUTDOWN = 7;

function isFlexible(apiKey: number, apiVersion: number): boolean {
  const f = flexibleFrom(apiKey);
  return f !== undefined && f >= 0 && apiVersion >= f;
}

/** Header version of a request. Unknown API keys get v1, the most a broker can parse without a spec. */
export function requestHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === CONTROLLED_SHUTDOWN && apiVersion === 0) return 0;
  return isFlexible(apiKey, apiVersion) ? 2 : 1;
}

/** Header version of a response: v1 for flexible versions, v0 otherwise and always for ApiVersions. */
export function responseHeaderVersion(apiKey: number, apiVersion: number): number {
  if (apiKey === API_VERSIONS) return 0;
  return isFlexible(apiKey, apiVersion) ? 1 : 0;
}

/**
 * Decodes the request header at the start of `frame` (the payload after the int32 size).
 * Unknown tagged header fields are skipped. Throws ProtocolDecodeError when truncated.
 */
export function decodeRequestHeader(frame: Buffer): { header: RequestHeader; bodyOffset: number } {
  const r = new Reader(frame);
  try {
    const apiKey = r.int16();
    const apiVersion = r.int16();
    const correlationId = r.int32();
    const headerVersion = requestHeaderVersion(apiKey, apiVersion);
    const clientId = headerVersion >= 1 ? r.nullableString() : null;
    if (headerVersion >= 2) r.taggedFields();
    return { header: { apiKey, apiVersion, correlationId, clientId, headerVersion }, bodyOffset: r.pos };
  } catch (e) {
    if (e instanceof ProtocolDecodeError) throw e;
    throw new ProtocolDecodeError(`request header: ${(e as Error).message}`);
  }
}

export function writeRequestHeader(
  w: Writer,
  apiKey: number,
  apiVersion: number,
  correlationId: number,
  clientId: string | null,
): void {
  const hv = requestHeaderVersion(apiKey, apiVersion);
  w.int16(apiKey);
  w.int16(apiVersion);
  w.int32(correlationId);
  if (hv >= 1) w.nullableString(clientId);
  if (hv >= 2) w.uvarint(0);
}

export function writeResponseHeader(w: Writer, apiKey: number, apiVersion: number, correlationId: number): void {
  w.int32(correlationId);
  if (responseHeaderVersion(apiKey, apiVersion) >= 1) w.uvarint(0);
}

/** Reads a response header; returns the correlation id. */
export function readResponseHeader(r: Reader, apiKey: number, apiVersion: number): number {
  const correlationId = r.int32();
  if (responseHeaderVersion(apiKey, apiVersion) >= 1) r.taggedFields();
  return correlationId;
}
