import { describe, expect, it } from 'vitest';
import { FrameDecoder, FrameSizeError } from './frame-decoder';

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
    const out: Buffer[] = [];
    for (const byte of stream) out.push(...d.push(Buffer.from([byte])));
    expect(out.map(String)).toEqual(['abc', 'defgh']);
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
});
