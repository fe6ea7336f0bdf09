// Transaction markers (KIP-98): a control batch (attributes bits 4 and 5: transactional, control)
// holding one record whose key is [int16 version 0][int16 type: 0 abort, 1 commit] and whose value
// is [int16 version 0][int32 coordinatorEpoch]. Its CRC must be right: Java read_committed
// consumers verify it (librdkafka's mock cluster writes 0 and is rejected).
import { RecordBatchError } from './errors';
import { encodeRecordBatch } from './encode';
import type { KafkaRecord } from './record';

export type ControlType = 'abort' | 'commit';

const CONTROL_TYPES: Record<ControlType, number> = { abort: 0, commit: 1 };

export interface ControlBatchOptions {
  type: ControlType;
  coordinatorEpoch: number;
  producerId: number;
  producerEpoch: number;
  baseOffset: number;
  partitionLeaderEpoch: number;
  /** ms since the epoch; the marker's baseTimestamp, maxTimestamp and record timestamp. */
  timestamp: number;
}

/** Encodes an end-transaction marker batch (transactional + control, baseSequence -1, one record). */
export function encodeControlBatch(opts: ControlBatchOptions): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(CONTROL_TYPES[opts.type], 2);
  const value = Buffer.alloc(6);
  value.writeInt16BE(0, 0);
  value.writeInt32BE(opts.coordinatorEpoch, 2);
  return encodeRecordBatch({
    baseOffset: opts.baseOffset,
    partitionLeaderEpoch: opts.partitionLeaderEpoch,
    isTransactional: true,
    isControl: true,
    producerId: opts.producerId,
    producerEpoch: opts.producerEpoch,
    baseSequence: -1,
    baseTimestamp: opts.timestamp,
    maxTimestamp: opts.timestamp,
    records: [{ key, value, timestamp: opts.timestamp }],
  });
}

/**
 * Reads the marker of a control batch's record.
 * @throws RecordBatchError INVALID_RECORD when the key or value is too short or the control type
 *   is not abort (0) or commit (1) (types 2+ are KRaft metadata control records, not markers).
 */
export function decodeControlRecord(record: KafkaRecord): { type: ControlType; coordinatorEpoch: number } {
  if (record.key === null || record.key.length < 4) throw new RecordBatchError('INVALID_RECORD', 'control record key must hold [int16 version][int16 type]');
  const typeId = record.key.readInt16BE(2);
  const type = typeId === 0 ? 'abort' : typeId === 1 ? 'commit' : undefined;
  if (type === undefined) throw new RecordBatchError('INVALID_RECORD', `control record type ${typeId} is not a transaction marker`);
  if (record.value === null || record.value.length < 6) {
    throw new RecordBatchError('INVALID_RECORD', 'end transaction marker value must hold [int16 version][int32 coordinatorEpoch]');
  }
  return { type, coordinatorEpoch: record.value.readInt32BE(2) };
}
