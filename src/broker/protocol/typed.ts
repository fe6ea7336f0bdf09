/**
 * The TypeScript types of message bodies, inferred from the schemas (schema.ts builders keep each
 * field's name, type, versions and options as literal types), so a schema is the single source of
 * its body's shape: `DecodedRequest<typeof metadata>` is what a handler reads, and
 * `EncodableResponse<typeof metadata>` what it may return.
 *
 * - Decoded: what codec.ts decode yields. Every field is present: a field absent from the version
 *   or a tagged field not sent carries its default. `bytes` and `records` are Buffers (subarrays
 *   of the frame).
 * - Encodable: what codec.ts encode accepts. A field may be omitted (undefined = its default)
 *   when it has a default, is tagged, or is not in every valid version of the message; the rest
 *   are required. A record set may be given as its batches (a list of byte arrays).
 *
 * Field values: bool → boolean; int8..int64, uint16, uint32, float64 → number (int64 as a JS
 * number, as the reader yields); string and uuid (base64url) → string; `| null` when the field
 * has nullableVersions.
 */
import type { ApiSchema, FACTS, FieldSchema, MessageSchema, ScalarType } from './schema';

type Simplify<T> = { [K in keyof T]: T[K] } & {};

interface ScalarDecoded {
  bool: boolean; int8: number; int16: number; uint16: number; int32: number; uint32: number;
  int64: number; float64: number; string: string; uuid: string; bytes: Buffer; records: Buffer;
}
interface ScalarEncodable extends Omit<ScalarDecoded, 'bytes' | 'records'> {
  bytes: Uint8Array;
  records: Uint8Array | readonly Uint8Array[];
}

type FactsOf<F> = F extends { readonly [FACTS]?: infer X } ? NonNullable<X> : never;
type OrNull<F, T> = FactsOf<F> extends { nullable: true } ? T | null : T;

/** "0+", or "N+" where N is the message's lowest valid version: the field is in every version. */
type EveryVersion<V, Min extends string> = V extends '0+' ? true : V extends `${Min}+` ? true : false;
type MinOf<VV extends string> = VV extends `${infer A}-${string}` ? A : VV extends `${infer A}+` ? A : VV;
type Required_<F, Min extends string> =
  FactsOf<F> extends { defaulted: true } ? false : FactsOf<F> extends { versions: infer V } ? EveryVersion<V, Min> : false;

type DecodedValue<F> = OrNull<F,
  F extends { kind: 'scalar'; type: infer T extends ScalarType } ? ScalarDecoded[T]
    : F extends { kind: 'struct'; fields: infer Fs extends readonly FieldSchema[] } ? DecodedFields<Fs>
      : FactsOf<F> extends { items: infer I } ? (
        I extends ScalarType ? ScalarDecoded[I][] : I extends readonly FieldSchema[] ? DecodedFields<I>[] : never
      ) : never>;

type EncodableValue<F, Min extends string> = OrNull<F,
  F extends { kind: 'scalar'; type: infer T extends ScalarType } ? ScalarEncodable[T]
    : F extends { kind: 'struct'; fields: infer Fs extends readonly FieldSchema[] } ? EncodableFields<Fs, Min>
      : FactsOf<F> extends { items: infer I } ? (
        I extends ScalarType ? ScalarEncodable[I][] : I extends readonly FieldSchema[] ? EncodableFields<I, Min>[] : never
      ) : never>;

/** A struct's fields as decode yields them. */
export type DecodedFields<Fs extends readonly FieldSchema[]> = Simplify<{
  [F in Fs[number] as F['name']]: DecodedValue<F>;
}>;

/** A struct's fields as encode accepts them (`Min`: the message's lowest valid version). */
export type EncodableFields<Fs extends readonly FieldSchema[], Min extends string = '0'> = Simplify<{
  [F in Fs[number] as Required_<F, Min> extends true ? F['name'] : never]: EncodableValue<F, Min>;
} & {
  [F in Fs[number] as Required_<F, Min> extends true ? never : F['name']]?: EncodableValue<F, Min>;
}>;

type ValidMin<M> = M extends { readonly [FACTS]?: infer X } ? (NonNullable<X> extends { validVersions: infer VV extends string } ? MinOf<VV> : '0') : '0';

/** A message body as decode yields it. */
export type Decoded<M extends MessageSchema> = DecodedFields<M['fields']>;
/** A message body as encode accepts it. */
export type Encodable<M extends MessageSchema> = EncodableFields<M['fields'], ValidMin<M>>;

/** What a broker handler reads: the decoded request of API `A` (`typeof metadata`). */
export type DecodedRequest<A extends ApiSchema> = Decoded<A['request']>;
/** What a broker handler returns: the response of API `A` as the encoder accepts it. */
export type EncodableResponse<A extends ApiSchema> = Encodable<A['response']>;
/** What a client sends: the request of API `A` as the encoder accepts it. */
export type EncodableRequest<A extends ApiSchema> = Encodable<A['request']>;
/** What a client reads: the decoded response of API `A`. */
export type DecodedResponse<A extends ApiSchema> = Decoded<A['response']>;
