import { describe, it, expect } from 'vitest';
import { crc32c, crc32cJs, crc32cNative, JS_CRC_CROSSOVER_BYTES } from './crc32c';

// Check values: "123456789" is the standard CRC catalogue check (CRC-32/ISCSI 0xE3069283);
// the others are RFC 3720 (iSCSI) appendix B.4.
const vectors: [string, Buffer, number][] = [
  ['"123456789"', Buffer.from('123456789'), 0xe3069283],
  ['32 zero bytes', Buffer.alloc(32, 0), 0x8a9136aa],
  ['32 0xff bytes', Buffer.alloc(32, 0xff), 0x62a8ab43],
  ['32 ascending bytes', Buffer.from(Array.from({ length: 32 }, (_, i) => i)), 0x46dd794e],
  ['32 descending bytes', Buffer.from(Array.from({ length: 32 }, (_, i) => 31 - i)), 0x113fdb5c],
  ['empty', Buffer.alloc(0), 0],
];

describe('crc32c', () => {
  it.each(vectors)('%s', (_name, input, expected) => {
    expect(crc32c(input)).toBe(expected);
    expect(crc32cJs(input)).toBe(expected);
    expect(crc32cNative(input)).toBe(expected);
  });

  it('RFC 3720 B.4 iSCSI SCSI Read (10) command PDU', () => {
    const pdu = Buffer.from(
      '01c00000000000000000000000000000' + '14000000000004000000001400000018' + '28000000000000000200000000000000', 'hex');
    expect(crc32c(pdu)).toBe(0xd9963a56);
  });

  it('JS and native agree on every length around the crossover and on larger buffers', () => {
    let seed = 12345;
    for (const len of [1, 2, 3, 7, 15, 16, 17, 23, 24, 25, 40, 61, 100, 1000, 4099]) {
      const buf = Buffer.alloc(len);
      for (let i = 0; i < len; i++) buf[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      expect(crc32cJs(buf)).toBe(crc32cNative(buf));
      expect(crc32c(buf)).toBe(crc32cNative(buf));
    }
  });

  it('accepts a plain Uint8Array and a subarray', () => {
    const u8 = new Uint8Array(Buffer.from('xx123456789yy'));
    expect(crc32c(u8.subarray(2, 11))).toBe(0xe3069283);
  });

  // Not an assertion on speed: prints a fresh measurement so JS_CRC_CROSSOVER_BYTES can be rechecked.
  it('prints the JS vs native timing per size', () => {
    const rows: string[] = [];
    for (const size of [8, 16, 24, 32, 64, 256, 1024]) {
      const buf = Buffer.alloc(size, 7);
      const iters = 20000;
      let sink = 0;
      for (let i = 0; i < iters; i++) sink ^= crc32cJs(buf) ^ crc32cNative(buf);
      let t = process.hrtime.bigint();
      for (let i = 0; i < iters; i++) sink ^= crc32cJs(buf);
      const js = Number(process.hrtime.bigint() - t) / iters;
      t = process.hrtime.bigint();
      for (let i = 0; i < iters; i++) sink ^= crc32cNative(buf);
      const native = Number(process.hrtime.bigint() - t) / iters;
      rows.push(`${size} B: js ${js.toFixed(0)} ns, native ${native.toFixed(0)} ns${sink === 0.5 ? '' : ''}`);
    }
    console.log(`crc32c timing (crossover constant ${JS_CRC_CROSSOVER_BYTES} B)\n  ${rows.join('\n  ')}`);
  });
});
