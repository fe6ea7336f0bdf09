/**
 * The answer to a request whose handler failed unexpectedly: Kafka's `AbstractRequest.getErrorResponse`
 * answers UNKNOWN_SERVER_ERROR (-1, "The server experienced an unexpected error when processing
 * the request") in the request's own shape instead of closing the connection. Kafka writes one
 * getErrorResponse per API; we derive it from the response schema of the request's version:
 *
 * - every `errorCode` field (top level, per topic, per partition…) is set to the error code;
 * - a response list of structs mirrors the request's list of the same name, else its first list of
 *   structs at that level (Produce `topicData` → `responses`, `partitionData` → `partitionResponses`),
 *   copying the identity fields (`name`/`topic`/`topicId`, `partitionIndex`/`partition`/`index`, …);
 * - a request list of strings (DeleteTopics `topicNames`, DescribeGroups `groups`) becomes response
 *   elements (those with an `errorCode`) whose first string field holds the string;
 * - everything else takes its schema default (the codec encodes `undefined` as the default).
 *
 * Returns null when no `errorCode` field could be set (e.g. Metadata for all topics, whose
 * response has no top-level error): the router then closes the connection, as before.
 */
import { inRange, type FieldSchema, type MessageSchema } from '../protocol/schema';
import type { Body } from './handler';

/** Request field names that carry the same identity as a response field of another name. */
const ALIASES: Record<string, readonly string[]> = {
  partitionIndex: ['partition', 'index', 'partitionId'],
  partition: ['partitionIndex', 'index'],
  index: ['partitionIndex', 'partition'],
  name: ['topic', 'topicName'],
  topic: ['name', 'topicName'],
  topicName: ['name', 'topic'],
};

/** Response fields copied from the request: what names the topic, partition, group or key answered. */
const IDENTITY = new Set([...Object.keys(ALIASES), 'topicId', 'groupId', 'transactionalId', 'key', 'resourceType', 'resourceName']);

type Obj = Record<string, unknown>;

export function errorResponseBody(response: MessageSchema, apiVersion: number, request: Body, code: number): Body | null {
  const counter = { errorCodes: 0 };
  const body = fill(response.fields, apiVersion, request, code, counter);
  return counter.errorCodes > 0 ? body : null;
}

function fill(fields: readonly FieldSchema[], version: number, request: Obj, code: number, counter: { errorCodes: number }): Obj {
  const out: Obj = {};
  const requestLists = Object.entries(request).filter(([, v]) => Array.isArray(v));
  for (const f of fields) {
    if (!inRange(f.versions, version) || f.taggedVersions) continue;
    if (f.kind === 'scalar') {
      if (f.name === 'errorCode') {
        out[f.name] = code;
        counter.errorCodes++;
      } else if (IDENTITY.has(f.name)) {
        const copied = identity(request, f);
        if (copied !== undefined) out[f.name] = copied;
      }
    } else if (f.kind === 'array' && f.fields) {
      const source = (Array.isArray(request[f.name]) ? request[f.name] : requestLists.find(([, v]) => (v as unknown[]).some((e) => e !== null && typeof e === 'object'))?.[1]) as unknown[] | undefined;
      const scalars = requestLists.find(([, v]) => (v as unknown[]).length > 0 && (v as unknown[]).every((e) => typeof e === 'string'))?.[1] as string[] | undefined;
      if (source && source.length > 0 && typeof source[0] === 'object') {
        out[f.name] = source.map((element) => fill(f.fields!, version, element as Obj, code, counter));
      } else if (scalars && f.fields.some((s) => s.name === 'errorCode' && inRange(s.versions, version))) {
        const keyField = f.fields.find((s) => s.kind === 'scalar' && s.type === 'string' && inRange(s.versions, version));
        if (keyField) out[f.name] = scalars.map((key) => ({ ...fill(f.fields!, version, {}, code, counter), [keyField.name]: key }));
      }
    }
  }
  return out;
}

/** The request's value for a response identity field (same name or an alias), if its type fits. */
function identity(request: Obj, f: FieldSchema): unknown {
  for (const name of [f.name, ...(ALIASES[f.name] ?? [])]) {
    const v = request[name];
    if (v === undefined || v === null) continue;
    if ((f.type === 'string' || f.type === 'uuid') && typeof v === 'string') return v;
    if (f.type?.startsWith('int') && typeof v === 'number') return v;
  }
  return undefined;
}
