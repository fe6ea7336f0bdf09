/**
 * The group view's time lag reads the record at the committed position from the leader's log.
 * Issue 11: a stored batch whose compressed records do not decode made TimestampCache throw, and
 * with it every ClusterView snapshot (found by the semantic fuzzer, src/broker/fuzz).
 */
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { crc32c, encodeRecordBatch } from '../../protocol/records';
import type { CoordinatorHost } from './host';
import { TimestampCache } from './view';

function fakeHost(batches: Buffer[], reads: { count: number }): CoordinatorHost {
  const host: Partial<CoordinatorHost> = {
    leaderOf: () => 1,
    readLog: () => {
      reads.count++;
      return batches;
    },
  };
  return host as CoordinatorHost;
}

/** A gzip batch whose payload is a truncated gzip stream, with a correct CRC, as a producer could send it. */
function undecodableGzipBatch(): Buffer {
  const b = encodeRecordBatch({ compression: 'gzip', records: [{ key: Buffer.from('k'), value: Buffer.from('v'), timestamp: 1_700_000_000_000 }] });
  const truncated = gzipSync(Buffer.from('records that will never be read')).subarray(0, 12);
  const out = Buffer.concat([b.subarray(0, 61), truncated]);
  out.writeInt32BE(out.length - 12, 8);
  out.writeUInt32BE(crc32c(out.subarray(21)), 17);
  return out;
}

describe('TimestampCache', () => {
  it('reads the timestamp of the first record at or after the offset', () => {
    const batch = encodeRecordBatch({ records: [{ key: null, value: Buffer.from('a'), timestamp: 1_700_000_000_123 }] });
    expect(new TimestampCache(fakeHost([batch], { count: 0 })).timestampAt('t', 0, 0)).toBe(1_700_000_000_123);
  });

  it('answers null for a batch whose records do not decode, and does not decode it again', () => {
    const reads = { count: 0 };
    const cache = new TimestampCache(fakeHost([undecodableGzipBatch()], reads));
    expect(cache.timestampAt('t', 0, 0)).toBeNull();
    expect(cache.timestampAt('t', 0, 0)).toBeNull();
    expect(reads.count).toBe(1);
  });
});
