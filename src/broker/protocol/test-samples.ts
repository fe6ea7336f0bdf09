/**
 * Test helper: builds a sample body for any schema version in which every present field has a
 * non-default value (and every absent field its default), so encode → decode must reproduce it.
 */
import { defaultValue } from './codec';
import { uuidToString } from './primitives';
import { inRange, type FieldSchema, type MessageSchema, type ScalarType } from './schema';

type Obj = Record<string, unknown>;

export interface SampleOptions {
  /** Use null for every field that is nullable in the version. */
  nulls?: boolean;
  /** Elements per array. */
  arrayLength?: number;
}

export function sampleBody(schema: MessageSchema, version: number, o: SampleOptions = {}): Obj {
  const counter = { n: 0 };
  return sampleStruct(schema.fields, version, o, counter);
}

function sampleStruct(fields: readonly FieldSchema[], version: number, o: SampleOptions, c: { n: number }): Obj {
  const out: Obj = {};
  for (const f of fields) {
    out[f.name] = inRange(f.versions, version) ? sampleField(f, version, o, c) : defaultValue(f);
  }
  return out;
}

function sampleField(f: FieldSchema, version: number, o: SampleOptions, c: { n: number }): unknown {
  if (o.nulls && inRange(f.nullableVersions, version)) return null;
  if (f.kind === 'struct') return sampleStruct(f.fields!, version, o, c);
  if (f.kind === 'array') {
    const out: unknown[] = [];
    for (let i = 0; i < (o.arrayLength ?? 2); i++) {
      out.push(f.fields ? sampleStruct(f.fields, version, o, c) : sampleScalar(f.type!, c, undefined));
    }
    return out;
  }
  return sampleScalar(f.type!, c, defaultValue(f));
}

function sampleScalar(t: ScalarType, c: { n: number }, def: unknown): unknown {
  const n = ++c.n;
  let v: unknown;
  switch (t) {
    case 'bool': return def !== true;
    case 'int8': v = (n % 100) + 1; break;
    case 'int16': v = n * 101; break;
    case 'uint16': v = 40000 + n; break;
    case 'int32': v = n % 2 ? n * 100_003 : -n * 7; break;
    case 'uint32': v = 3_000_000_000 + n; break;
    case 'int64': v = n % 2 ? 2 ** 40 + n : -(2 ** 33) - n; break;
    case 'float64': v = n + 0.25; break;
    case 'string': return `s${n}-é✓`;
    case 'bytes': return Buffer.from([n & 0xff, 1, 2, 3]);
    case 'records': return Buffer.from(Array.from({ length: 12 }, (_, i) => (n + i) & 0xff));
    case 'uuid': return uuidToString(Buffer.from(Array.from({ length: 16 }, (_, i) => (n * 17 + i) & 0xff)));
  }
  return v === def ? (v as number) + 1 : v;
}
