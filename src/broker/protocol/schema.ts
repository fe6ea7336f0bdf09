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

/** Literal facts of a field's options the types below need (nullable, defaulted). */
export interface FieldFacts<V extends string, O> {
  readonly versions: V;
  readonly nullable: O extends { nullable: infer X extends string } ? (X extends 'none' ? false : true) : false;
  /** A default is given, or the field is tagged: omitting it on encode is meant. */
  readonly defaulted: O extends { default: unknown } ? true : O extends { tagged: string } ? true : false;
}

/** Type-only brand: a field's literal facts for the types of typed.ts; never present at run time. */
export declare const FACTS: unique symbol;

/** A scalar field. */
export function field<const N extends string, const T extends ScalarType, const V extends string, const O extends FieldOptions = object>(
  name: N, type: T, versions: V, o?: O,
): FieldSchema & { readonly name: N; readonly kind: 'scalar'; readonly type: T; readonly [FACTS]?: FieldFacts<V, O> } {
  return { ...opts(o), name, kind: 'scalar', type, versions: parseVersions(versions) };
}

/** An array of scalars (`'int32'`) or of structs (a field list). */
export function array<const N extends string, const I extends ScalarType | readonly FieldSchema[], const V extends string, const O extends FieldOptions = object>(
  name: N, items: I, versions: V, o?: O,
): FieldSchema & { readonly name: N; readonly kind: 'array'; readonly [FACTS]?: FieldFacts<V, O> & { readonly items: I } } {
  const elem = typeof items === 'string' ? { type: items as ScalarType } : { fields: items as readonly FieldSchema[] };
  return { ...opts(o), name, kind: 'array', ...elem, versions: parseVersions(versions) };
}

/** A nested struct (not an array). */
export function struct<const N extends string, const Fs extends readonly FieldSchema[], const V extends string, const O extends FieldOptions = object>(
  name: N, fields: Fs, versions: V, o?: O,
): FieldSchema & { readonly name: N; readonly kind: 'struct'; readonly fields: Fs; readonly [FACTS]?: FieldFacts<V, O> } {
  return { ...opts(o), name, kind: 'struct', fields, versions: parseVersions(versions) };
}

export function message<const N extends string, const VV extends string, const Fs extends readonly FieldSchema[]>(
  name: N,
  validVersions: VV,
  flexibleVersions: string,
  fields: Fs,
): MessageSchema & { readonly name: N; readonly fields: Fs; readonly [FACTS]?: { readonly validVersions: VV } } {
  const flex = parseVersions(flexibleVersions);
  return {
    name,
    validVersions: parseVersions(validVersions),
    flexibleVersions: flex.max < flex.min ? null : flex,
    fields,
  };
}

export function api<const K extends number, const N extends string, const Req extends MessageSchema, const Res extends MessageSchema>(
  apiKey: K, name: N, request: Req, response: Res,
): { readonly apiKey: K; readonly name: N; readonly request: Req; readonly response: Res } {
  return { apiKey, name, request, response };
}
