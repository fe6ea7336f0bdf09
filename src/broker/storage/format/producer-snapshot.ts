/**
 * Kafka's producer state snapshot (`<offset>.snapshot` in a partition directory, written by
 * ProducerStateManager.writeSnapshot, format version 1), all big-endian:
 *
 *   version int16 (1) | crc uint32 | producer_entries: int32 count, then per entry
 *   producer_id int64 | epoch int16 | last_sequence int32 | last_offset int64 |
 *   offset_delta int32 | timestamp int64 | coordinator_epoch int32 | current_txn_first_offset int64
 *
 * The CRC is CRC-32C of the bytes after it (from the entry count to the end). `offset_delta` is
 * last_sequence minus the first sequence of the producer's last batch (= its last offset minus its
 * base offset); `timestamp` is that batch's max timestamp; current_txn_first_offset is −1 outside a
 * transaction. The file name's offset is the log end offset the snapshot was taken at.
 */
import { crc32c } from '../../protocol/records/crc32c';
import type { ProducerSnapshotRow } from '../../cluster/producers/producer-state';

export const PRODUCER_SNAPSHOT_SUFFIX = '.snapshot';
export const PRODUCER_SNAPSHOT_VERSION = 1;
const CRC_OFFSET = 2;
const ENTRIES_OFFSET = 6;
export const PRODUCER_SNAPSHOT_ENTRY_BYTES = 8 + 2 + 4 + 8 + 4 + 8 + 4 + 8;

/** One producer's row: its last batch only (Kafka keeps no more across a snapshot); the model's ProducerSnapshotRow. */
export type ProducerSnapshotEntry = ProducerSnapshotRow;

export class ProducerSnapshotError extends Error {
  override name = 'ProducerSnapshotError';
}

export function encodeProducerSnapshot(entries: readonly ProducerSnapshotEntry[]): Buffer {
  const out = Buffer.alloc(ENTRIES_OFFSET + 4 + entries.length * PRODUCER_SNAPSHOT_ENTRY_BYTES);
  out.writeInt16BE(PRODUCER_SNAPSHOT_VERSION, 0);
  out.writeInt32BE(entries.length, ENTRIES_OFFSET);
  let at = ENTRIES_OFFSET + 4;
  for (const e of entries) {
    out.writeBigInt64BE(BigInt(e.producerId), at);
    out.writeInt16BE(e.producerEpoch, at + 8);
    out.writeInt32BE(e.lastSequence, at + 10);
    out.writeBigInt64BE(BigInt(e.lastOffset), at + 14);
    out.writeInt32BE(e.offsetDelta, at + 22);
    out.writeBigInt64BE(BigInt(e.timestampMs), at + 26);
    out.writeInt32BE(e.coordinatorEpoch, at + 34);
    out.writeBigInt64BE(BigInt(e.currentTxnFirstOffset), at + 38);
    at += PRODUCER_SNAPSHOT_ENTRY_BYTES;
  }
  out.writeUInt32BE(crc32c(out.subarray(ENTRIES_OFFSET)), CRC_OFFSET);
  return out;
}

/**
 * Reads a snapshot; throws ProducerSnapshotError on a wrong version, a CRC mismatch or a length that
 * does not match the entry count (Kafka's CorruptSnapshotException: the snapshot is then deleted
 * and the state rebuilt from the log).
 */
export function decodeProducerSnapshot(bytes: Buffer): ProducerSnapshotEntry[] {
  if (bytes.length < ENTRIES_OFFSET + 4) throw new ProducerSnapshotError(`snapshot of ${bytes.length} bytes is shorter than its header`);
  const version = bytes.readInt16BE(0);
  if (version !== PRODUCER_SNAPSHOT_VERSION) throw new ProducerSnapshotError(`snapshot contained an unknown file version ${version}`);
  const crc = bytes.readUInt32BE(CRC_OFFSET);
  const computed = crc32c(bytes.subarray(ENTRIES_OFFSET));
  if (crc !== computed) throw new ProducerSnapshotError(`snapshot is corrupt (CRC is no longer valid). Stored crc: ${crc}. Computed crc: ${computed}`);
  const count = bytes.readInt32BE(ENTRIES_OFFSET);
  if (count < 0 || bytes.length !== ENTRIES_OFFSET + 4 + count * PRODUCER_SNAPSHOT_ENTRY_BYTES) throw new ProducerSnapshotError(`snapshot says ${count} entries but holds ${bytes.length - ENTRIES_OFFSET - 4} bytes of them`);
  const out: ProducerSnapshotEntry[] = [];
  for (let i = 0, at = ENTRIES_OFFSET + 4; i < count; i++, at += PRODUCER_SNAPSHOT_ENTRY_BYTES) {
    out.push({
      producerId: Number(bytes.readBigInt64BE(at)),
      producerEpoch: bytes.readInt16BE(at + 8),
      lastSequence: bytes.readInt32BE(at + 10),
      lastOffset: Number(bytes.readBigInt64BE(at + 14)),
      offsetDelta: bytes.readInt32BE(at + 22),
      timestampMs: Number(bytes.readBigInt64BE(at + 26)),
      coordinatorEpoch: bytes.readInt32BE(at + 34),
      currentTxnFirstOffset: Number(bytes.readBigInt64BE(at + 38)),
    });
  }
  return out;
}
