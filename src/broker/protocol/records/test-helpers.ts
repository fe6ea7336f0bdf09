// Test-only helpers: kafkajs's own RecordBatch v2 writer and reader (node_modules/kafkajs/src),
// an implementation independent of ours, so cross-checks are not our writer against our reader.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface KafkajsRecord { offsetDelta?: number; timestampDelta?: number; key: Buffer | null; value: Buffer | null; headers?: Record<string, Buffer | string> }
interface KafkajsBatchInput {
  compression?: number; firstOffset?: unknown; firstTimestamp: number; maxTimestamp: number; partitionLeaderEpoch?: number;
  lastOffsetDelta?: number; transactional?: boolean; producerId?: unknown; producerEpoch?: number; firstSequence?: number; records: unknown[];
}
const Long = require('kafkajs/src/utils/long') as { fromValue(v: number | string): unknown; fromNumber(v: number): unknown };
const kafkajsRecord = require('kafkajs/src/protocol/recordBatch/record/v0') as (r: KafkajsRecord) => unknown;
const { RecordBatch: kafkajsBatch } = require('kafkajs/src/protocol/recordBatch/v0') as { RecordBatch: (b: KafkajsBatchInput) => Promise<{ buffer: Buffer }> };
const kafkajsDecodeBatch = require('kafkajs/src/protocol/recordBatch/v0/decoder') as (d: unknown) => Promise<KafkajsDecodedBatch>;
const KafkajsDecoder = require('kafkajs/src/protocol/decoder') as new (b: Buffer) => unknown;

export interface KafkajsDecodedBatch {
  firstOffset: string; firstTimestamp: string; maxTimestamp: string; partitionLeaderEpoch: number; inTransaction: boolean;
  isControlBatch: boolean; lastOffsetDelta: number; producerId: string; producerEpoch: number; firstSequence: number; timestampType: number;
  records: { key: Buffer | null; value: Buffer | null; headers: Record<string, Buffer>; offset: string; timestamp: string }[];
}

/** Encodes a batch with kafkajs (gzip is its only built-in codec: compression 0 or 1). */
export async function kafkajsEncode(opts: {
  firstOffset: number; firstTimestamp: number; maxTimestamp: number; partitionLeaderEpoch: number; producerId: number;
  producerEpoch: number; firstSequence: number; transactional: boolean; compression?: number;
  records: KafkajsRecord[];
}): Promise<Buffer> {
  const enc = await kafkajsBatch({
    ...opts,
    firstOffset: Long.fromValue(opts.firstOffset),
    producerId: Long.fromValue(opts.producerId),
    lastOffsetDelta: opts.records.length - 1,
    records: opts.records.map(kafkajsRecord),
  });
  return enc.buffer;
}

/** Decodes a batch with kafkajs (it does not check CRCs). */
export function kafkajsDecode(batch: Buffer): Promise<KafkajsDecodedBatch> {
  return kafkajsDecodeBatch(new KafkajsDecoder(batch));
}
