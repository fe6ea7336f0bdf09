/**
 * Reads Apache Kafka's JSON message specifications (clients/src/main/resources/common/message/
 * *Request.json, *Response.json): JSON with `//` line comments. The facts kept are those our
 * schemas model (schema.ts): validVersions, flexibleVersions, and per field name, type, versions,
 * nullableVersions, taggedVersions, tag and default; struct types named in `commonStructs` are
 * resolved into the field that uses them. Source: Kafka's generator, org.apache.kafka.message
 * (MessageSpec, FieldSpec, FieldType, StructRegistry).
 */
import { parseVersions, type VersionRange } from '../schema';

export interface KafkaFieldSpec {
  /** Kafka's name (PascalCase, e.g. `ThrottleTimeMs`). */
  readonly name: string;
  /** `int32`, `[]int32`, `[]SomeStruct`, `SomeStruct`, `string`, `bytes`, `records`, `uuid`, ... */
  readonly type: string;
  readonly versions: VersionRange;
  readonly nullableVersions: VersionRange | null;
  readonly taggedVersions: VersionRange | null;
  readonly tag: number | null;
  /** The spec's `default` as written (a string, number or boolean), or undefined. */
  readonly default: string | number | boolean | undefined;
  /** Struct fields (inline or resolved from commonStructs), or null for scalars and scalar arrays. */
  readonly fields: readonly KafkaFieldSpec[] | null;
}

export interface KafkaMessageSpec {
  readonly apiKey: number;
  readonly type: 'request' | 'response';
  readonly name: string;
  readonly validVersions: VersionRange;
  readonly flexibleVersions: VersionRange | null;
  readonly fields: readonly KafkaFieldSpec[];
}

/** Removes `//` comments outside JSON strings (Kafka's specs are JSON with line comments). */
export function stripLineComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else {
      out += c;
    }
  }
  return out;
}

interface RawField {
  name?: unknown; type?: unknown; versions?: unknown; nullableVersions?: unknown;
  taggedVersions?: unknown; tag?: unknown; default?: unknown; fields?: unknown;
}

function optionalVersions(v: unknown, where: string): VersionRange | null {
  if (v === undefined) return null;
  if (typeof v !== 'string') throw new Error(`${where}: versions must be a string`);
  const r = parseVersions(v);
  return r.max < r.min ? null : r;
}

function structName(type: string): string | null {
  const t = type.startsWith('[]') ? type.slice(2) : type;
  return /^[A-Z]/.test(t) ? t : null;
}

function readField(raw: RawField, common: ReadonlyMap<string, readonly RawField[]>, path: string): KafkaFieldSpec {
  if (typeof raw.name !== 'string' || typeof raw.type !== 'string' || typeof raw.versions !== 'string') {
    throw new Error(`${path}: a field needs string name, type and versions`);
  }
  const where = `${path}.${raw.name}`;
  const struct = structName(raw.type);
  let fields: KafkaFieldSpec[] | null = null;
  if (struct !== null) {
    const rawFields = Array.isArray(raw.fields) ? (raw.fields as RawField[]) : common.get(struct);
    if (rawFields === undefined) throw new Error(`${where}: struct type ${struct} has no fields and is not a common struct`);
    fields = rawFields.map((f) => readField(f, common, where));
  }
  const d = raw.default;
  return {
    name: raw.name,
    type: raw.type,
    versions: parseVersions(raw.versions),
    nullableVersions: optionalVersions(raw.nullableVersions, where),
    taggedVersions: optionalVersions(raw.taggedVersions, where),
    tag: typeof raw.tag === 'number' ? raw.tag : null,
    default: typeof d === 'string' || typeof d === 'number' || typeof d === 'boolean' ? d : undefined,
    fields,
  };
}

/** Parses one spec file's text. Throws Error naming the file and field on a spec it cannot read. */
export function parseKafkaSpec(text: string, file = 'spec'): KafkaMessageSpec {
  const json = JSON.parse(stripLineComments(text)) as Record<string, unknown>;
  const { apiKey, type, name, validVersions, flexibleVersions } = json;
  if (typeof apiKey !== 'number' || (type !== 'request' && type !== 'response') || typeof name !== 'string' || typeof validVersions !== 'string') {
    throw new Error(`${file}: not a request or response spec (apiKey, type, name, validVersions)`);
  }
  const common = new Map<string, readonly RawField[]>();
  for (const s of (Array.isArray(json.commonStructs) ? json.commonStructs : []) as { name?: unknown; fields?: unknown }[]) {
    if (typeof s.name === 'string' && Array.isArray(s.fields)) common.set(s.name, s.fields as RawField[]);
  }
  const fields = (Array.isArray(json.fields) ? json.fields : []) as RawField[];
  return {
    apiKey,
    type,
    name,
    validVersions: parseVersions(validVersions),
    flexibleVersions: typeof flexibleVersions === 'string' ? optionalVersions(flexibleVersions, file) : null,
    fields: fields.map((f) => readField(f, common, name)),
  };
}
