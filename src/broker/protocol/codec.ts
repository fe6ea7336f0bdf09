/**
 * The one generic reader/writer: interprets any MessageSchema at any version.
 *
 * Each (schema, version) compiles once, on first use, into closures, so the hot path is a
 * loop over prepared field codecs with no per-field version checks. Rules (Kafka protocol
 * guide; KIP-482 for flexible versions):
 * - a field absent from the version takes its default on decode and is skipped on encode;
 * - in flexible versions strings, bytes and arrays are compact (uvarint length + 1, 0 = null)
 *   and every struct ends with tagged fields; a tagged field is written only when it differs
 *   from its default; unknown tags are skipped on read;
 * - `records` decodes to a subarray of the input (no copy) or null;
 * - on encode, `undefined` means "the default", so handlers may omit defaulted fields.
 */
import { ProtocolDecodeError, Reader, Writer, ZERO_UUID } from './primitives';
import { inRange, type FieldSchema, type MessageSchema, type ScalarType } from './schema';

type Obj = Record<string, unknown>;

interface FieldCodec {
  readonly name: string;
  read(r: Reader): unknown;
  write(w: Writer, v: unknown): void;
  makeDefault(): unknown;
  isDefault(v: unknown): boolean;
  readonly minSize: number;
  readonly tag: number;
  readonly tagged: boolean;
}

export interface CompiledMessage {
  decode(r: Reader): Obj;
  encode(w: Writer, v: object): void;
}

const EMPTY = Buffer.alloc(0);

function scalarDefault(t: ScalarType): unknown {
  switch (t) {
    case 'bool': return false;
    case 'string': return '';
    case 'bytes': return EMPTY;
    case 'records': return null;
    case 'uuid': return ZERO_UUID;
    default: return 0;
  }
}

function nullError(): TypeError {
  return new TypeError('null is not allowed in this version');
}

function scalarCodec(t: ScalarType, nullable: boolean, flex: boolean): Pick<FieldCodec, 'read' | 'write' | 'minSize'> {
  switch (t) {
    case 'bool': return { read: (r) => r.bool(), write: (w, v) => w.bool(v as boolean), minSize: 1 };
    case 'int8': return { read: (r) => r.int8(), write: (w, v) => w.int8(v as number), minSize: 1 };
    case 'int16': return { read: (r) => r.int16(), write: (w, v) => w.int16(v as number), minSize: 2 };
    case 'uint16': return { read: (r) => r.uint16(), write: (w, v) => w.uint16(v as number), minSize: 2 };
    case 'int32': return { read: (r) => r.int32(), write: (w, v) => w.int32(v as number), minSize: 4 };
    case 'uint32': return { read: (r) => r.uint32(), write: (w, v) => w.uint32(v as number), minSize: 4 };
    case 'int64': return { read: (r) => r.int64(), write: (w, v) => w.int64(v as number), minSize: 8 };
    case 'float64': return { read: (r) => r.float64(), write: (w, v) => w.float64(v as number), minSize: 8 };
    case 'uuid': return { read: (r) => r.uuid(), write: (w, v) => w.uuid(v as string), minSize: 16 };
    case 'string': {
      const read = flex
        ? nullable ? (r: Reader) => r.compactNullableString() : (r: Reader) => r.compactString()
        : nullable ? (r: Reader) => r.nullableString() : (r: Reader) => r.string();
      const write = (w: Writer, v: unknown): void => {
        if (v === null && !nullable) throw nullError();
        if (flex) w.compactNullableString(v as string | null);
        else w.nullableString(v as string | null);
      };
      return { read, write, minSize: flex ? 1 : 2 };
    }
    case 'bytes':
    case 'records': {
      const read = flex
        ? nullable ? (r: Reader) => r.compactNullableBytes() : (r: Reader) => r.compactBytes()
        : nullable ? (r: Reader) => r.nullableBytes() : (r: Reader) => r.bytes();
      const write = (w: Writer, v: unknown): void => {
        if (v === null && !nullable) throw nullError();
        // A record set may be given as its batches (Fetch responses): written in order, not concatenated.
        if (t === 'records' && Array.isArray(v)) w.bytesList(v as Uint8Array[], flex);
        else if (flex) w.compactNullableBytes(v as Uint8Array | null);
        else w.nullableBytes(v as Uint8Array | null);
      };
      return { read, write, minSize: flex ? 1 : 4 };
    }
  }
}

function defaultFactory(f: FieldSchema): () => unknown {
  if ('default' in f && f.default !== undefined) {
    const d = f.default;
    if (d === null || typeof d !== 'object') return () => d;
  }
  if (f.kind === 'array') return () => [];
  if (f.kind === 'struct') {
    const subs = f.fields!.map((s) => [s.name, defaultFactory(s)] as const);
    return () => {
      const o: Obj = {};
      for (const [n, mk] of subs) o[n] = mk();
      return o;
    };
  }
  const d = scalarDefault(f.type!);
  return () => d;
}

function defaultTest(f: FieldSchema): (v: unknown) => boolean {
  const mk = defaultFactory(f);
  const d = mk();
  if (d === null) return (v) => v === null;
  if (f.kind === 'array') return (v) => Array.isArray(v) && v.length === 0;
  if (f.kind === 'struct') {
    const subs = f.fields!.map((s) => [s.name, defaultTest(s)] as const);
    return (v) =>
      v !== null && typeof v === 'object' &&
      subs.every(([n, t]) => {
        const x = (v as Obj)[n];
        return x === undefined || t(x);
      });
  }
  if (d instanceof Uint8Array) return (v) => v instanceof Uint8Array && v.length === 0;
  return (v) => v === d;
}

function compileField(f: FieldSchema, version: number, flex: boolean): FieldCodec {
  const nullable = inRange(f.nullableVersions, version);
  const tagged = flex && inRange(f.taggedVersions, version);
  const makeDefault = defaultFactory(f);
  const isDefault = defaultTest(f);
  const base = { name: f.name, makeDefault, isDefault, tagged, tag: f.tag ?? -1 };
  const name = f.name;

  if (f.kind === 'scalar') return { ...base, ...scalarCodec(f.type!, nullable, flex) };

  const elem = f.fields !== undefined
    ? compileStruct(f.fields, version, flex, name)
    : scalarCodec(f.type!, false, flex);

  if (f.kind === 'struct') {
    if (!nullable) return { ...base, read: elem.read, write: elem.write, minSize: elem.minSize };
    // A nullable struct carries an int8 marker: −1 null, 1 present (Kafka message generator).
    return {
      ...base,
      minSize: 1,
      read: (r) => (r.int8() < 0 ? null : elem.read(r)),
      write: (w, v) => {
        if (v === null) return w.int8(-1);
        w.int8(1);
        elem.write(w, v);
      },
    };
  }

  const readElem = elem.read;
  const writeElem = elem.write;
  const minElem = elem.minSize;
  return {
    ...base,
    minSize: flex ? 1 : 4,
    read(r) {
      const n = r.arrayLength(flex, minElem);
      if (n < 0) {
        if (nullable) return null;
        throw new ProtocolDecodeError(`${name}: null array in a version where it is not nullable`);
      }
      const out: unknown[] = [];
      for (let i = 0; i < n; i++) out.push(readElem(r));
      return out;
    },
    write(w, v) {
      if (v === null) {
        if (!nullable) throw nullError();
        return w.arrayLength(null, flex);
      }
      const a = v as unknown[];
      w.arrayLength(a.length, flex);
      for (let i = 0; i < a.length; i++) writeElem(w, a[i]);
    },
  };
}

/** Records the field path of an encode error; encodeMessage puts it in the message once. */
function annotate(e: unknown, name: string): unknown {
  if (e instanceof Error) {
    const withPath = e as Error & { kafkaPath?: string[] };
    (withPath.kafkaPath ??= []).unshift(name);
  }
  return e;
}

function compileStruct(
  fields: readonly FieldSchema[],
  version: number,
  flex: boolean,
  path: string,
): Pick<FieldCodec, 'read' | 'write' | 'minSize'> {
  const all: { codec: FieldCodec; present: boolean }[] = fields.map((f) => ({
    codec: compileField(f, version, flex),
    present: inRange(f.versions, version),
  }));
  const regular = all.filter((x) => x.present && !x.codec.tagged).map((x) => x.codec);
  const tagged = all.filter((x) => x.present && x.codec.tagged).map((x) => x.codec).sort((a, b) => a.tag - b.tag);
  const readPlan = all.map((x) => ({ codec: x.codec, read: x.present && !x.codec.tagged }));
  const byTag = new Map(tagged.map((c) => [c.tag, c]));
  const minSize = regular.reduce((s, c) => s + c.minSize, flex ? 1 : 0);

  function read(r: Reader): Obj {
    const o: Obj = {};
    for (let i = 0; i < readPlan.length; i++) {
      const p = readPlan[i]!;
      o[p.codec.name] = p.read ? p.codec.read(r) : p.codec.makeDefault();
    }
    if (flex) readTagged(r, o);
    return o;
  }

  function readTagged(r: Reader, o: Obj): void {
    const count = r.uvarint();
    if (count === 0) return;
    if (count > r.remaining()) throw new ProtocolDecodeError(`${path}: ${count} tagged fields cannot fit`);
    for (let i = 0; i < count; i++) {
      const tag = r.uvarint();
      const size = r.uvarint();
      const start = r.take(size);
      const c = byTag.get(tag);
      if (c === undefined) continue;
      const outerEnd = r.end;
      r.pos = start;
      r.end = start + size;
      try {
        o[c.name] = c.read(r);
        if (r.pos !== r.end) throw new ProtocolDecodeError(`${path}.${c.name}: tagged field size mismatch`);
      } finally {
        r.end = outerEnd;
        r.pos = start + size;
      }
    }
  }

  function write(w: Writer, value: unknown): void {
    if (value === null || typeof value !== 'object') throw new TypeError(`${path}: expected an object, got ${value}`);
    const o = value as Obj;
    for (let i = 0; i < regular.length; i++) {
      const c = regular[i]!;
      let v = o[c.name];
      if (v === undefined) v = c.makeDefault();
      try {
        c.write(w, v);
      } catch (e) {
        throw annotate(e, c.name);
      }
    }
    if (!flex) return;
    let count = 0;
    for (const c of tagged) {
      const v = o[c.name];
      if (v !== undefined && !c.isDefault(v)) count++;
    }
    w.uvarint(count);
    if (count === 0) return;
    for (const c of tagged) {
      const v = o[c.name];
      if (v === undefined || c.isDefault(v)) continue;
      const tmp = new Writer(64);
      c.write(tmp, v);
      w.uvarint(c.tag);
      w.uvarint(tmp.pos);
      w.raw(tmp.finish());
    }
  }

  return { read, write, minSize };
}

const cache = new WeakMap<MessageSchema, (CompiledMessage | undefined)[]>();

/** The compiled codec of `schema` at `version` (compiled on first use, then cached). */
export function compile(schema: MessageSchema, version: number): CompiledMessage {
  let byVersion = cache.get(schema);
  if (byVersion === undefined) cache.set(schema, (byVersion = []));
  let c = byVersion[version];
  if (c === undefined) {
    if (!inRange(schema.validVersions, version)) {
      throw new ProtocolDecodeError(`${schema.name} v${version} is not supported`, 'unsupported-version');
    }
    const s = compileStruct(schema.fields, version, inRange(schema.flexibleVersions, version), schema.name);
    c = byVersion[version] = { decode: s.read as (r: Reader) => Obj, encode: s.write };
  }
  return c;
}

/** Decodes one message body from `r` (advancing it). Throws ProtocolDecodeError on any malformed input. */
export function decodeMessage<T = Obj>(schema: MessageSchema, version: number, r: Reader): T {
  const c = compile(schema, version);
  try {
    return c.decode(r) as T;
  } catch (e) {
    if (e instanceof ProtocolDecodeError) throw e;
    throw new ProtocolDecodeError(`${schema.name} v${version}: ${(e as Error).message}`);
  }
}

/** Encodes `value` into `w`. Throws TypeError/RangeError (annotated with the field path) on bad values. */
export function encodeMessage(schema: MessageSchema, version: number, w: Writer, value: object): void {
  try {
    compile(schema, version).encode(w, value);
  } catch (e) {
    if (e instanceof Error) {
      const path = (e as Error & { kafkaPath?: string[] }).kafkaPath ?? [];
      e.message = `${schema.name} v${version} ${path.join('.')}: ${e.message}`;
    }
    throw e;
  }
}

/** A fresh default value of a field (what decode yields when the field is absent or not sent). */
export function defaultValue(f: FieldSchema): unknown {
  return defaultFactory(f)();
}

/** A body with every field at its default (what decode yields for absent fields). */
export function defaultsOf(schema: MessageSchema): Obj {
  const o: Obj = {};
  for (const f of schema.fields) o[f.name] = defaultFactory(f)();
  return o;
}
