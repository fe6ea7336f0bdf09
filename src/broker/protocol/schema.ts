/**
 * The declarative schema format for Kafka request and response bodies.
 *
 * It models the facts of Apache Kafka's message specifications (field, type, versions,
 * nullableVersions, taggedVersions + tag, default, ignorable; flexibleVersions per message;
 * KIP-482 for tagged fields), written by us in a compact TypeScript form. Field names are the
 * spec's names in camelCase, so decoded objects read like the spec.
 *
 * Version strings: "3" (only 3), "3-5", "3+" (3 and above), "none".
 */

export type ScalarType =
  | 'bool' | 'int8' | 'int16' | 'uint16' | 'int32' | 'uint32' | 'int64' | 'float64'
  | 'string' | 'bytes' | 'records' | 'uuid';

export interface VersionRange {
  readonly min: number;
  /** Infinity for an open range ("3+"). */
  readonly max: number;
}

export interface FieldSchema {
  readonly name: string;
  /** scalar: one value; array: a list of `type` or of structs (`fields`); struct: one nested struct. */
  readonly kind: 'scalar' | 'array' | 'struct';
  /** The scalar type, or the element type of an array of scalars; absent for structs. */
  readonly type?: ScalarType;
  /** Struct fields (kind 'struct', or an array of structs). */
  readonly fields?: readonly FieldSchema[];
  readonly versions: VersionRange;
  readonly nullableVersions?: VersionRange;
  readonly taggedVersions?: VersionRange;
  readonly tag?: number;
  /** Value when absent from a version or tagged and not sent. Type default when undefined. */
  readonly default?: unknown;
  /** Kafka may drop this field silently when encoding a version without it. Informational here. */
  readonly ignorable?: boolean;
}

export interface MessageSchema {
  readonly name: string;
  readonly validVersions: VersionRange;
  /** Versions using compact types and tagged fields (KIP-482); null when none. */
  readonly flexibleVersions: VersionRange | null;
  readonly fields: readonly FieldSchema[];
}

export interface ApiSchema {
  readonly apiKey: number;
  readonly name: string;
  readonly request: MessageSchema;
  readonly response: MessageSchema;
}

export const NO_VERSIONS: VersionRange = { min: 0, max: -1 };

export function parseVersions(s: string): VersionRange {
  if (s === 'none') return NO_VERSIONS;
  const m = /^(\d+)(?:(\+)|-(\d+))?$/.exec(s);
  if (m === null) throw new Error(`bad version range ${JSON.stringify(s)}`);
  const min = Number(m[1]);
  return { min, max: m[2] !== undefined ? Infinity : m[3] !== undefined ? Number(m[3]) : min };
}

export function inRange(r: VersionRange | null | undefined, v: number): boolean {
  return r != null && v >= r.min && v <= r.max;
}

export function formatVersions(r: VersionRange): string {
  if (r.max < r.min) return 'none';
  if (r.max === Infinity) return `${r.min}+`;
  return r.min === r.max ? `${r.min}` : `${r.min}-${r.max}`;
}

export interface FieldOptions {
  /** nullableVersions, e.g. '1+'. */
  nullable?: string;
  /** taggedVersions; requires `tag`. */
  tagged?: string;
  tag?: number;
  default?: unknown;
  ignorable?: boolean;
}

function opts(o: FieldOptions | undefined): Partial<FieldSchema> {
  if (o === undefined) return {};
  const out: { -readonly [K in keyof FieldSchema]?: FieldSchema[K] } = {};
  if (o.nullable !== undefined) out.nullableVersions = parseVersions(o.nullable);
  if (o.tagged !== undefined) {
    if (o.tag === undefined) throw new Error('a tagged field needs a tag');
    out.taggedVersions = parseVersions(o.tagged);
    out.tag = o.tag;
  }
  if ('default' in o) out.default = o.default;
  if (o.ignorable) out.ignorable = true;
  return out;
}

/** A scalar field. */
export function field(name: string, type: ScalarType, versions: string, o?: FieldOptions): FieldSchema {
  return { name, kind: 'scalar', type, versions: parseVersions(versions), ...opts(o) };
}

/** An array of scalars (`'int32'`) or of structs (a field list). */
export function array(
  name: string,
  items: ScalarType | readonly FieldSchema[],
  versions: string,
  o?: FieldOptions,
): FieldSchema {
  const elem = typeof items === 'string' ? { type: items } : { fields: items };
  return { name, kind: 'array', ...elem, versions: parseVersions(versions), ...opts(o) };
}

/** A nested struct (not an array). */
export function struct(name: string, fields: readonly FieldSchema[], versions: string, o?: FieldOptions): FieldSchema {
  return { name, kind: 'struct', fields, versions: parseVersions(versions), ...opts(o) };
}

export function message(
  name: string,
  validVersions: string,
  flexibleVersions: string,
  fields: readonly FieldSchema[],
): MessageSchema {
  const flex = parseVersions(flexibleVersions);
  return {
    name,
    validVersions: parseVersions(validVersions),
    flexibleVersions: flex.max < flex.min ? null : flex,
    fields,
  };
}

export function api(apiKey: number, name: string, request: MessageSchema, response: MessageSchema): ApiSchema {
  return { apiKey, name, request, response };
}
