import { describe, it, expect } from 'vitest';
import { ONE_RECORD_BATCH } from './golden';
import { crc32c, encodeControlBatch, encodeRecordBatch, validateBatch } from './index';

const MAX = 1_048_588;

function withCrc(b: Buffer): Buffer {
  b.writeUInt32BE(crc32c(b.subarray(21)), 17);
  return b;
}

function mutate(f: (b: Buffer) => void, fixCrc = true, src = ONE_RECORD_BATCH): Buffer {
  const b = Buffer.from(src);
  f(b);
  return fixCrc ? withCrc(b) : b;
}

function errorOf(b: Buffer, opts: Partial<Parameters<typeof validateBatch>[1]> = {}): string {
  const r = validateBatch(b, { maxMessageBytes: MAX, ...opts });
  return r.ok ? 'ok' : r.error;
}

describe('validateBatch', () => {
  it('accepts the golden batch and returns its header', () => {
    const r = validateBatch(ONE_RECORD_BATCH, { maxMessageBytes: MAX });
    expect(r.ok && r.header.recordCount).toBe(1);
  });

  it('CORRUPT_MESSAGE: a flipped bit anywhere in the CRC region', () => {
    for (const at of [21, 30, 60, 61, 70, ONE_RECORD_BATCH.length - 1]) {
      expect(errorOf(mutate((b) => { b[at]! ^= 1; }, false))).toBe('CORRUPT_MESSAGE');
    }
  });

  it('CORRUPT_MESSAGE: length inconsistencies', () => {
    expect(errorOf(ONE_RECORD_BATCH.subarray(0, 70))).toBe('CORRUPT_MESSAGE');
    expect(errorOf(Buffer.concat([ONE_RECORD_BATCH, Buffer.alloc(1)]))).toBe('CORRUPT_MESSAGE');
    expect(errorOf(ONE_RECORD_BATCH.subarray(0, 5))).toBe('CORRUPT_MESSAGE');
    expect(errorOf(mutate((b) => b.writeInt32BE(13, 8), false))).toBe('CORRUPT_MESSAGE');
    const short = Buffer.alloc(40); short.writeInt32BE(28, 8); short[16] = 2;
    expect(errorOf(short)).toBe('CORRUPT_MESSAGE');
  });

  it('magic: 0 and 1 are INVALID_RECORD (Produce v3+), anything else CORRUPT_MESSAGE', () => {
    expect(errorOf(mutate((b) => { b[16] = 1; }, false))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b[16] = 0; }, false))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b[16] = 3; }, false))).toBe('CORRUPT_MESSAGE');
    expect(errorOf(mutate((b) => { b[16] = 0xff; }, false))).toBe('CORRUPT_MESSAGE');
  });

  it('MESSAGE_TOO_LARGE above max.message.bytes (whole batch size, log overhead included)', () => {
    expect(errorOf(ONE_RECORD_BATCH, { maxMessageBytes: ONE_RECORD_BATCH.length })).toBe('ok');
    expect(errorOf(ONE_RECORD_BATCH, { maxMessageBytes: ONE_RECORD_BATCH.length - 1 })).toBe('MESSAGE_TOO_LARGE');
  });

  it('UNSUPPORTED_COMPRESSION_TYPE for codec ids 5-7', () => {
    for (const id of [5, 6, 7]) expect(errorOf(mutate((b) => { b[22] = id; }))).toBe('UNSUPPORTED_COMPRESSION_TYPE');
  });

  it('INVALID_RECORD: lastOffsetDelta != recordCount - 1, empty batches, bad counts', () => {
    expect(errorOf(mutate((b) => b.writeInt32BE(1, 23)))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => b.writeInt32BE(-1, 23)))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => b.writeInt32BE(0, 57)))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b.writeInt32BE(1, 23); b.writeInt32BE(2, 57); }))).toBe('INVALID_RECORD');
    expect(errorOf(encodeRecordBatch({ records: [] }))).toBe('INVALID_RECORD');
  });

  it('INVALID_RECORD: records that do not fill the batch or are malformed', () => {
    expect(errorOf(mutate((b) => { b[61] = 0x42; }))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b[61] = 0x3e; }))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b[65] = 0x7f; }))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b[65] = 0x7f; }), { checkRecords: false })).toBe('ok');
  });

  it('INVALID_RECORD: a producerId with a negative baseSequence', () => {
    expect(errorOf(mutate((b) => b.writeInt32BE(-1, 53)))).toBe('INVALID_RECORD');
    expect(errorOf(mutate((b) => { b.writeBigInt64BE(-1n, 43); b.writeInt32BE(-1, 53); }))).toBe('ok');
  });

  it('INVALID_RECORD: control batches from clients, accepted with allowControl', () => {
    const marker = encodeControlBatch({ type: 'commit', coordinatorEpoch: 3, producerId: 9, producerEpoch: 1, baseOffset: 0, partitionLeaderEpoch: 0, timestamp: 1 });
    expect(errorOf(marker)).toBe('INVALID_RECORD');
    expect(errorOf(marker, { allowControl: true })).toBe('ok');
  });

  it('never throws on garbage', () => {
    let seed = 99;
    const rand = () => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 8;
    const outcomes = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      let b: Buffer;
      if (i % 3 === 0) {
        b = Buffer.alloc(rand() % 120);
        for (let j = 0; j < b.length; j++) b[j] = rand() & 0xff;
        if (b.length >= 12 && i % 2 === 0) b.writeInt32BE(b.length - 12, 8);
        if (b.length > 16 && i % 4 === 0) b[16] = 2;
      } else {
        b = Buffer.from(ONE_RECORD_BATCH);
        for (let k = 0; k <= rand() % 3; k++) b[rand() % b.length] = rand() & 0xff;
        if (i % 3 === 1) withCrc(b);
      }
      const r = validateBatch(b, { maxMessageBytes: MAX });
      outcomes.add(r.ok ? 'ok' : r.error);
    }
    expect([...outcomes].every((o) => ['ok', 'CORRUPT_MESSAGE', 'INVALID_RECORD', 'MESSAGE_TOO_LARGE', 'UNSUPPORTED_COMPRESSION_TYPE'].includes(o))).toBe(true);
    expect(outcomes.has('CORRUPT_MESSAGE') && outcomes.has('INVALID_RECORD')).toBe(true);
  });
});

describe('validateBatch on compressed batches', () => {
  it('always decompresses and reads the records; an undecodable payload is CORRUPT_MESSAGE', () => {
    const good = encodeRecordBatch({ compression: 'lz4', records: [{ key: null, value: Buffer.from('x') }] });
    expect(errorOf(good)).toBe('ok');
    const bad = Buffer.concat([good.subarray(0, 61), Buffer.from('not an lz4 frame')]);
    bad.writeInt32BE(bad.length - 12, 8);
    withCrc(bad);
    expect(errorOf(bad)).toBe('CORRUPT_MESSAGE');
    expect(errorOf(bad, { checkRecords: false })).toBe('ok');
    const twoClaimed = encodeRecordBatch({ compression: 'zstd', records: [{ key: null, value: Buffer.from('x') }] });
    twoClaimed.writeInt32BE(2, 57);
    twoClaimed.writeInt32BE(1, 23);
    withCrc(twoClaimed);
    expect(errorOf(twoClaimed)).toBe('INVALID_RECORD');
  });
});
