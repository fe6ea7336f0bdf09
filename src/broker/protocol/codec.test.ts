import { describe, expect, it } from 'vitest';
import { compile, decodeMessage, encodeMessage } from './codec';
import { apiSchemas } from './messages';
import { ProtocolDecodeError, Reader, Writer } from './primitives';
import { array, field, inRange, message, struct, type MessageSchema } from './schema';
import { sampleBody } from './test-samples';

function encode(schema: MessageSchema, v: number, body: object): Buffer {
  const w = new Writer(16);
  encodeMessage(schema, v, w, body);
  return Buffer.from(w.finish());
}

function versionsOf(schema: MessageSchema): number[] {
  const out: number[] = [];
  for (let v = schema.validVersions.min; v <= schema.validVersions.max; v++) out.push(v);
  return out;
}

const cases = [...apiSchemas.values()].flatMap((api) =>
  (['request', 'response'] as const).flatMap((which) =>
    versionsOf(api[which]).map((v) => ({ label: `${api.name} ${which} v${v}`, schema: api[which], v })),
  ),
);

describe('every schema round-trips in every version', () => {
  it.each(cases)('$label', ({ schema, v }) => {
    const sample = sampleBody(schema, v);
    const bytes = encode(schema, v, sample);
    const r = new Reader(bytes);
    expect(decodeMessage(schema, v, r)).toEqual(sample);
    expect(r.pos).toBe(bytes.length);

    const nulls = sampleBody(schema, v, { nulls: true, arrayLength: 1 });
    expect(decodeMessage(schema, v, new Reader(encode(schema, v, nulls)))).toEqual(nulls);

    const empty = sampleBody(schema, v, { arrayLength: 0 });
    expect(decodeMessage(schema, v, new Reader(encode(schema, v, empty)))).toEqual(empty);
  });

  it.each(cases)('$label: every truncation throws ProtocolDecodeError', ({ schema, v }) => {
    const bytes = encode(schema, v, sampleBody(schema, v, { arrayLength: 1 }));
    for (let len = 0; len < bytes.length; len++) {
      expect(() => decodeMessage(schema, v, new Reader(bytes.subarray(0, len)))).toThrow(ProtocolDecodeError);
    }
  });
});

describe('fields absent from a version', () => {
  const s = message('T', '0-3', '2+', [
    field('a', 'int32', '0+'),
    field('b', 'int64', '1+', { default: -1 }),
    field('c', 'string', '0-1'),
    array('d', 'int32', '3+'),
    field('e', 'string', '2+', { nullable: '2+', default: null }),
  ]);

  it('take their defaults on decode', () => {
    const bytes = encode(s, 0, { a: 5, c: 'x' });
    expect(decodeMessage(s, 0, new Reader(bytes))).toEqual({ a: 5, b: -1, c: 'x', d: [], e: null });
  });

  it('are skipped on encode, whatever their value', () => {
    const withExtras = encode(s, 0, { a: 5, b: 99, c: 'x', d: [1, 2], e: 'y' });
    expect(withExtras).toEqual(encode(s, 0, { a: 5, c: 'x' }));
    expect(withExtras).toEqual(Buffer.from([0, 0, 0, 5, 0, 1, 0x78]));
  });

  it('undefined on encode means the default', () => {
    expect(encode(s, 1, { a: 1, c: '' })).toEqual(Buffer.from([0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0]));
  });

  it('null in a non-nullable field is an encode error naming the field', () => {
    expect(() => encode(s, 0, { a: 1, c: null })).toThrow(/T v0 c: null/);
  });

  it('every API schema declares sane versions', () => {
    for (const api of apiSchemas.values()) {
      for (const m of [api.request, api.response]) {
        for (let v = m.validVersions.min; v <= m.validVersions.max; v++) expect(() => compile(m, v)).not.toThrow();
        expect(() => compile(m, m.validVersions.max + 1)).toThrow(ProtocolDecodeError);
      }
    }
  });
});

describe('tagged fields', () => {
  const s = message('Tagged', '0-1', '1+', [
    field('a', 'int16', '0+'),
    field('t0', 'int32', '1+', { tagged: '1+', tag: 0, default: -1 }),
    struct('t5', [field('x', 'int32', '1+', { default: -1 }), field('y', 'string', '1+')], '1+', { tagged: '1+', tag: 5 }),
    array('inner', [field('k', 'int8', '0+'), field('t1', 'string', '1+', { tagged: '1+', tag: 1, nullable: '1+', default: null })], '0+'),
  ]);

  it('are written only when not default, in tag order', () => {
    expect(encode(s, 1, { a: 1, inner: [] })).toEqual(Buffer.from([0, 1, 1, 0]));
    const bytes = encode(s, 1, { a: 1, t0: 7, t5: { x: 2, y: 'h' }, inner: [{ k: 3, t1: 'z' }] });
    expect(bytes).toEqual(Buffer.from([
      0, 1, // a
      2, 3, 1, 0x7a, 0, // inner: 2 = length 1; k=3; 1 tag; tag 1, size 1... (checked below)
    ]).length === 0 ? Buffer.alloc(0) : bytes);
    // Hand-derived: a=0x0001; inner compact len 2; k=3; tags: count 1, tag 1, size 2, "z" compact (2,'z'); struct end.
    // Top-level tags: count 2; tag 0 size 4 int32 7; tag 5 size 7: x int32 2, y compact "h" (2,'h'), struct tags 0.
    expect([...bytes]).toEqual([
      0, 1,
      2, 3, 1, 1, 2, 2, 0x7a,
      2, 0, 4, 0, 0, 0, 7, 5, 7, 0, 0, 0, 2, 2, 0x68, 0,
    ]);
    expect(decodeMessage(s, 1, new Reader(bytes))).toEqual({ a: 1, t0: 7, t5: { x: 2, y: 'h' }, inner: [{ k: 3, t1: 'z' }] });
  });

  it('take defaults when not sent', () => {
    expect(decodeMessage(s, 1, new Reader(Buffer.from([0, 1, 1, 0])))).toEqual({ a: 1, t0: -1, t5: { x: -1, y: '' }, inner: [] });
  });

  it('unknown tags are skipped', () => {
    const bytes = Buffer.from([0, 1, 1, 3, 0, 4, 0, 0, 0, 9, 3, 2, 0xaa, 0xbb, 90, 0]);
    const r = new Reader(bytes);
    expect(decodeMessage(s, 1, r)).toMatchObject({ a: 1, t0: 9, inner: [] });
    expect(r.pos).toBe(bytes.length - 0);
  });

  it('a tagged field that overruns its declared size is malformed', () => {
    const bytes = Buffer.from([0, 1, 1, 1, 0, 2, 0, 0, 0, 9]);
    expect(() => decodeMessage(s, 1, new Reader(bytes))).toThrow(ProtocolDecodeError);
  });

  it('are not part of non-flexible versions', () => {
    expect(encode(s, 0, { a: 1, t0: 5, inner: [{ k: 1 }] })).toEqual(Buffer.from([0, 1, 0, 0, 0, 1, 1]));
  });
});

describe('hostile lengths', () => {
  const s = message('Arr', '0-1', '1+', [array('items', [field('x', 'int64', '0+')], '0+'), field('s', 'string', '0+')]);

  it('an array count larger than the bytes left throws before allocating', () => {
    expect(() => decodeMessage(s, 0, new Reader(Buffer.from([0x7f, 0xff, 0xff, 0xff, 1, 2, 3])))).toThrow(ProtocolDecodeError);
    expect(() => decodeMessage(s, 1, new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f])))).toThrow(ProtocolDecodeError);
    // 2 elements of int64 need 16 bytes, only 10 are left
    expect(() => decodeMessage(s, 0, new Reader(Buffer.from([0, 0, 0, 2, ...new Array(10).fill(0)])))).toThrow(/cannot fit/);
  });

  it('a string length beyond the frame throws', () => {
    expect(() => decodeMessage(s, 0, new Reader(Buffer.from([0, 0, 0, 0, 0x7f, 0xff, 0x41])))).toThrow(ProtocolDecodeError);
  });

  it('a null non-nullable array throws', () => {
    expect(() => decodeMessage(s, 0, new Reader(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0])))).toThrow(ProtocolDecodeError);
  });

  it('records decode to a view of the input, not a copy', () => {
    const produce = apiSchemas.get(0)!.request;
    const body = { transactionalId: null, acks: -1, timeoutMs: 1000, topicData: [{ name: 't', partitionData: [{ index: 0, records: Buffer.from('abc') }] }] };
    const bytes = encode(produce, 9, body);
    const got = decodeMessage<typeof body>(produce, 9, new Reader(bytes));
    const rec = got.topicData[0]!.partitionData[0]!.records;
    expect(rec.buffer).toBe(bytes.buffer);
    expect(inRange(produce.flexibleVersions, 9)).toBe(true);
  });
});
