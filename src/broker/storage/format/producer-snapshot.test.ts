/**
 * The producer snapshot layout, checked against bytes laid out by hand from Kafka's schema
 * (ProducerStateManager.PID_SNAPSHOT_MAP_SCHEMA, version 1): not our writer against our reader only.
 */
import { describe, expect, it } from 'vitest';
import { crc32c } from '../../protocol/records/crc32c';
import { decodeProducerSnapshot, encodeProducerSnapshot, type ProducerSnapshotEntry } from './producer-snapshot';

const entry: ProducerSnapshotEntry = { producerId: 4001, producerEpoch: 3, lastSequence: 14, lastOffset: 114, offsetDelta: 4, timestampMs: 1_700_000_000_123, coordinatorEpoch: -1, currentTxnFirstOffset: -1 };

/** version int16 | crc uint32 | count int32 | (int64 int16 int32 int64 int32 int64 int32 int64)… */
function byHand(): Buffer {
  const hex = [
    '0001', '00000000', '00000001',
    '0000000000000fa1', '0003', '0000000e', '0000000000000072', '00000004', '0000018bcfe5687b', 'ffffffff', 'ffffffffffffffff',
  ].join('');
  const b = Buffer.from(hex, 'hex');
  b.writeUInt32BE(crc32c(b.subarray(6)), 2);
  return b;
}

describe('producer state snapshot (.snapshot)', () => {
  it('writes Kafka\'s version 1 layout with a CRC-32C over the entries', () => {
    expect(encodeProducerSnapshot([entry]).toString('hex')).toBe(byHand().toString('hex'));
    expect(decodeProducerSnapshot(byHand())).toEqual([entry]);
  });

  it('refuses a corrupt snapshot (CorruptSnapshotException): CRC, version, length', () => {
    const flipped = byHand();
    flipped[20] ^= 1;
    expect(() => decodeProducerSnapshot(flipped)).toThrow(/CRC/);
    const v2 = byHand();
    v2.writeInt16BE(2, 0);
    expect(() => decodeProducerSnapshot(v2)).toThrow(/version 2/);
    expect(() => decodeProducerSnapshot(byHand().subarray(0, 20))).toThrow();
    expect(decodeProducerSnapshot(encodeProducerSnapshot([]))).toEqual([]);
  });
});
