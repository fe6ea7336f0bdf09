/**
 * Fuzzing the decoders (ARCHITECTURE §5.4): random and mutated frames only ever produce a
 * ProtocolDecodeError: no other exception, no hang, no allocation beyond the frame's size.
 */
import { describe, expect, it } from 'vitest';
import { decodeRequestBody, decodeRequestHeader, encodeRequest } from './index';
import { apiSchemas } from './messages';
import { ProtocolDecodeError } from './primitives';
import { sampleBody } from './test-samples';

function xorshift(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

function tryDecode(frame: Buffer): 'ok' | 'error' {
  try {
    const { header, bodyOffset } = decodeRequestHeader(frame);
    decodeRequestBody(header.apiKey, header.apiVersion, frame, bodyOffset);
    return 'ok';
  } catch (e) {
    if (!(e instanceof ProtocolDecodeError)) throw e;
    return 'error';
  }
}

const SEED = Number(process.env.SEED ?? 20261121);

describe(`decoder fuzz (SEED=${SEED})`, () => {
  it('mutated valid requests of every API and version', () => {
    const rnd = xorshift(SEED);
    let errors = 0;
    let total = 0;
    for (const api of apiSchemas.values()) {
      for (let v = api.request.validVersions.min; v <= api.request.validVersions.max; v++) {
        const valid = encodeRequest(api.apiKey, v, 1, 'fuzz', sampleBody(api.request, v, { arrayLength: 2 })).subarray(4);
        expect(tryDecode(valid)).toBe('ok');
        for (let i = 0; i < 40; i++) {
          const m = Buffer.from(valid);
          const kind = rnd() % 4;
          if (kind === 0) {
            for (let k = 0; k <= rnd() % 4; k++) m[rnd() % m.length] = rnd() & 0xff;
          } else if (kind === 1) {
            // absurd lengths: 0x7f / 0xff runs where lengths and counts live
            const at = 8 + (rnd() % Math.max(1, m.length - 8));
            m.fill(rnd() % 2 ? 0x7f : 0xff, at, Math.min(m.length, at + 4));
          } else if (kind === 2) {
            total++;
            if (tryDecode(m.subarray(0, rnd() % m.length)) === 'error') errors++;
            continue;
          } else {
            m[6 + (rnd() % 2)] ^= 1 << (rnd() % 8); // version / correlation bits
          }
          total++;
          if (tryDecode(m) === 'error') errors++;
        }
      }
    }
    expect(errors).toBeGreaterThan(total / 10);
  });

  it('random frames, unknown API keys and versions', () => {
    const rnd = xorshift(SEED ^ 0x9e3779b9);
    for (let i = 0; i < 3000; i++) {
      const len = rnd() % 64;
      const frame = Buffer.alloc(len);
      for (let k = 0; k < len; k++) frame[k] = rnd() & 0xff;
      if (len >= 4 && i % 3 === 0) {
        frame.writeInt16BE([0, 1, 3, 18, 999, -1][rnd() % 6]!, 0);
        frame.writeInt16BE(rnd() % 20, 2);
      }
      tryDecode(frame);
    }
  });
});
