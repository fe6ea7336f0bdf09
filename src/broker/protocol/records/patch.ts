// In-place rewrites of a stored batch. baseOffset and partitionLeaderEpoch lie before the CRC
// region (protocol spec "Record Batch": the CRC covers attributes to the end), so the broker sets
// them on append without touching the checksum, as Kafka's LogValidator does.
import { crc32c } from './crc32c';
import {
  ATTRIBUTES_OFFSET, BASE_OFFSET_OFFSET, CRC_OFFSET, MAX_TIMESTAMP_OFFSET, PARTITION_LEADER_EPOCH_OFFSET,
  RECORD_BATCH_OVERHEAD, TIMESTAMP_TYPE_BIT, type TimestampType,
} from './header';
import { RecordBatchError } from './errors';
import { readInt64, writeInt64 } from './int64';

function requireHeader(batch: Buffer): void {
  if (batch.length < RECORD_BATCH_OVERHEAD) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch of ${batch.length} bytes is shorter than its ${RECORD_BATCH_OVERHEAD}-byte header`);
  }
}

/** Sets baseOffset (int64 at byte 0) in place. The CRC stays valid. */
export function patchBaseOffset(batch: Buffer, baseOffset: number): void {
  requireHeader(batch);
  writeInt64(batch, baseOffset, BASE_OFFSET_OFFSET);
}

/** Sets partitionLeaderEpoch (int32 at byte 12) in place; the leader overwrites whatever the client sent (Sarama 0, franz-go -1). The CRC stays valid. */
export function patchPartitionLeaderEpoch(batch: Buffer, epoch: number): void {
  requireHeader(batch);
  batch.writeInt32BE(epoch, PARTITION_LEADER_EPOCH_OFFSET);
}

/**
 * Kafka's `DefaultRecordBatch.setMaxTimestamp`: sets the timestamp-type attribute bit (3) and
 * maxTimestamp (int64 at byte 35), then recomputes the CRC-32C because both lie inside it.
 * A no-op (returns false) when both already hold these values, so a batch whose header is already
 * right stays byte-for-byte. The broker's LogValidator calls it on every in-place append: with the
 * broker's clock for LogAppendTime topics, with the largest record timestamp for CreateTime.
 * @returns whether the batch was rewritten.
 */
export function setMaxTimestamp(batch: Buffer, timestampType: TimestampType, maxTimestamp: number): boolean {
  requireHeader(batch);
  const attributes = batch.readInt16BE(ATTRIBUTES_OFFSET);
  const newAttributes = timestampType === 'LogAppendTime' ? attributes | TIMESTAMP_TYPE_BIT : attributes & ~TIMESTAMP_TYPE_BIT;
  const current = readInt64(batch, MAX_TIMESTAMP_OFFSET);
  if (newAttributes === attributes && current === maxTimestamp) return false;
  batch.writeInt16BE(newAttributes, ATTRIBUTES_OFFSET);
  writeInt64(batch, maxTimestamp, MAX_TIMESTAMP_OFFSET);
  batch.writeUInt32BE(crc32c(batch.subarray(ATTRIBUTES_OFFSET)), CRC_OFFSET);
  return true;
}

/**
 * For topics with `message.timestamp.type=LogAppendTime`: Kafka's LogValidator stamps the batch
 * with the broker's append time (ms) by setting the LogAppendTime attribute and maxTimestamp and
 * recomputing the CRC; record timestamp deltas stay as sent, and readers then report maxTimestamp
 * as every record's timestamp (DefaultRecordBatch iterator). See setMaxTimestamp.
 * @returns whether the batch was rewritten.
 */
export function patchMaxTimestampLogAppendTime(batch: Buffer, appendTime: number): boolean {
  return setMaxTimestamp(batch, 'LogAppendTime', appendTime);
}
