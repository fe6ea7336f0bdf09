import { describe, it, expect } from 'vitest';
import { LIBRDKAFKA_BATCHES, LIBRDKAFKA_TEXT_1, LIBRDKAFKA_TEXT_2 } from './golden';
import { decodeRecordBatch, decompress, encodeRecordBatch, readBatchHeader, splitBatches, validateBatch, type CompressionCodec } from './index';

const codecs = Object.keys(LIBRDKAFKA_BATCHES) as CompressionCodec[];
const headers = [{ key: 'trace', value: Buffer.from('abc') }, { key: 'empty', value: Buffer.alloc(0) }];

describe('batches written by librdkafka (kcat), one per codec', () => {
  it.each(codecs)('%s: validates, including its compressed records', (codec) => {
    const r = validateBatch(LIBRDKAFKA_BATCHES[codec], { maxMessageBytes: 1_048_588 });
    expect(r.ok).toBe(true);
    expect(splitBatches(LIBRDKAFKA_BATCHES[codec])).toHaveLength(1);
  });

  it.each(codecs)('%s: decodes to the four records kcat was given', (codec) => {
    const { header, records } = decodeRecordBatch(LIBRDKAFKA_BATCHES[codec]);
    expect(header).toMatchObject({
      baseOffset: 0, partitionLeaderEpoch: 0, magic: 2, compression: codec, timestampType: 'CreateTime', isTransactional: false,
      isControl: false, lastOffsetDelta: 3, producerId: -1, producerEpoch: -1, baseSequence: -1, recordCount: 4,
    });
    expect(header.maxTimestamp).toBe(header.baseTimestamp);
    expect(records.map((r) => [r.offset, r.timestamp - header.baseTimestamp, r.key?.toString() ?? null, r.value?.toString() ?? null])).toEqual([
      [0, 0, 'k1', LIBRDKAFKA_TEXT_1],
      [1, 0, 'k2', LIBRDKAFKA_TEXT_2],
      [2, 0, null, 'value with a null key'],
      [3, 0, 'k3', null],
    ]);
    for (const r of records) expect(r.headers).toEqual(headers);
  });

  it('our encoder reproduces the uncompressed batch byte for byte', () => {
    const golden = LIBRDKAFKA_BATCHES.none;
    const h = readBatchHeader(golden);
    const ours = encodeRecordBatch({
      partitionLeaderEpoch: 0, baseTimestamp: h.baseTimestamp,
      records: decodeRecordBatch(golden).records.map((r) => ({ key: r.key, value: r.value, headers: r.headers, timestamp: r.timestamp })),
    });
    expect(ours.toString('hex')).toBe(golden.toString('hex'));
  });

  it.each(codecs.filter((c) => c !== 'none'))('%s: the decompressed records section equals librdkafka’s uncompressed one', (codec) => {
    const payload = decompress(codec, LIBRDKAFKA_BATCHES[codec].subarray(61));
    expect(payload.toString('hex')).toBe(LIBRDKAFKA_BATCHES.none.subarray(61).toString('hex'));
  });
});
