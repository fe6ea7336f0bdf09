import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameSizeError, isScratchView, SCRATCH_MAX_BYTES } from './frame-decoder';
import { dropByteFields, rehomeScratchViews } from './split-frame';

function frame(payload: string): Buffer {
  const body = Buffer.from(payload);
  const size = Buffer.alloc(4);
  size.writeInt32BE(body.length);
  return Buffer.concat([size, body]);
}

describe('FrameDecoder', () => {
  it('returns several frames from one read', () => {
    const d = new FrameDecoder();
    const out = d.push(Buffer.concat([frame('one'), frame('two'), frame('three')]));
    expect(out.map(String)).toEqual(['one', 'two', 'three']);
    expect(d.pendingBytes).toBe(0);
  });

  it('reassembles frames split at every byte boundary', () => {
    const stream = Buffer.concat([frame('hello world'), frame(''), frame('x'.repeat(300))]);
    for (let cut = 1; cut < stream.length; cut++) {
      const d = new FrameDecoder();
      const out = [...d.push(stream.subarray(0, cut)), ...d.push(stream.subarray(cut))];
      expect(out.map(String)).toEqual(['hello world', '', 'x'.repeat(300)]);
    }
  });

  it('reassembles a stream fed one byte at a time', () => {
    const stream = Buffer.concat([frame('abc'), frame('defgh')]);
    const d = new FrameDecoder();
    const out: string[] = [];
    // A split frame is a scratch view valid until the next push: read it at once.
    for (const byte of stream) out.push(...d.push(Buffer.from([byte])).map(String));
    expect(out).toEqual(['abc', 'defgh']);
  });

  it('rejects an oversized size before allocating it', () => {
    const d = new FrameDecoder(1024);
    const huge = Buffer.alloc(4);
    huge.writeInt32BE(0x7fffffff);
    expect(() => d.push(huge)).toThrow(FrameSizeError);
  });

  it('rejects a negative size, even when it arrives split', () => {
    const d = new FrameDecoder();
    d.push(frame('ok').subarray(0, 6));
    expect(() => d.push(Buffer.concat([Buffer.from([0x6b]), Buffer.from([0xff, 0xff]), Buffer.from([0xff, 0xfe])]))).toThrow(FrameSizeError);
  });

  it('assembles a split frame in the shared scratch and reports the pieces it came from', () => {
    const stream = Buffer.concat([frame('head'), frame('a split payload'), frame('tail')]);
    const cut = 4 + 4 + 4 + 5; // inside the second frame's payload
    const d = new FrameDecoder();
    expect(d.push(stream.subarray(0, cut)).map(String)).toEqual(['head']);
    expect(d.lastSplit).toBeNull();
    const second = Buffer.allocUnsafeSlow(stream.length - cut);
    stream.copy(second, 0, cut);
    const out = d.push(second);
    expect(out.map(String)).toEqual(['a split payload', 'tail']);
    expect(d.lastSplit?.payload).toBe(out[0]);
    expect(isScratchView(out[0]!)).toBe(true);
    expect(isScratchView(out[1]!)).toBe(false);
    expect(Buffer.concat(d.lastSplit!.pieces).equals(stream.subarray(8, 8 + 4 + 15))).toBe(true);
    expect(d.lastSplit!.pieces[1]!.buffer).toBe(second.buffer);
  });

  it('gives a split frame above the scratch limit a buffer of its own', () => {
    const big = frame('y'.repeat(SCRATCH_MAX_BYTES));
    const d = new FrameDecoder();
    d.push(big.subarray(0, 100));
    const [out] = d.push(big.subarray(100));
    expect(out!.length).toBe(SCRATCH_MAX_BYTES);
    expect(isScratchView(out!)).toBe(false);
    expect(d.lastSplit).toBeNull();
  });
});

describe('byte fields of decoded requests (split-frame.ts)', () => {
  it('rehomeScratchViews points byte fields back at the received pieces and copies only the one straddling a read', () => {
    // payload: [aaaa][bbbbbbbb][cccc], cut after 10 payload bytes: "b…" straddles the cut.
    const stream = frame('aaaabbbbbbbbcccc');
    // Chunks with their own ArrayBuffers, as socket reads have (small Buffer.from shares a pool).
    const own = (b: Buffer): Buffer => {
      const out = Buffer.allocUnsafeSlow(b.length);
      b.copy(out);
      return out;
    };
    const first = own(stream.subarray(0, 14));
    const second = own(stream.subarray(14));
    const d = new FrameDecoder();
    d.push(first);
    const [payload] = d.push(second);
    const split = d.lastSplit!;
    const body = { topics: [{ a: payload!.subarray(0, 4), b: payload!.subarray(4, 12), c: payload!.subarray(12, 16), n: 3, s: 'x', none: null }] };
    rehomeScratchViews(body, split);
    const t = body.topics[0]!;
    expect([String(t.a), String(t.b), String(t.c)]).toEqual(['aaaa', 'bbbbbbbb', 'cccc']);
    expect(t.a.buffer).toBe(first.buffer);
    expect(t.c.buffer).toBe(second.buffer);
    expect(isScratchView(t.b)).toBe(false);
    expect([t.b.buffer === first.buffer, t.b.buffer === second.buffer]).toEqual([false, false]);
    expect([t.n, t.s, t.none]).toEqual([3, 'x', null]);
  });

  it('dropByteFields drops every byte field of a decoded request and keeps its shape', () => {
    const chunk = Buffer.from('0123456789');
    const body = { transactionalId: null, acks: -1, topicData: [{ name: 't', partitionData: [{ index: 0, records: chunk.subarray(2, 6) }, { index: 1, records: null }] }] };
    expect(dropByteFields(body)).toBe(body);
    expect(body).toEqual({ transactionalId: null, acks: -1, topicData: [{ name: 't', partitionData: [{ index: 0, records: null }, { index: 1, records: null }] }] });
  });
});
