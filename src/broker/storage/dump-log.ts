/**
 * `npm run dump-log -- <file>`'s output, as Kafka's DumpLogSegments (`kafka-dump-log --files`)
 * prints it: for a `.log` file one line per batch (baseOffset, lastOffset, count, sequences,
 * producerId, producerEpoch, partitionLeaderEpoch, isTransactional, isControl, position,
 * CreateTime/LogAppendTime, size, magic, compresscodec, crc, isvalid) and, with
 * `--print-data-log`, a `| offset: …` line per record with its key, payload and headers (or the
 * transaction marker of a control record); for `.index` the entries `offset: N position: P`; for
 * `.timeindex` `timestamp: T offset: N`; for a producer `.snapshot` one line per producer. A torn or corrupt tail ends the listing with its
 * position and size ("Found N invalid bytes at the end of …", as DumpLogSegments reports it).
 * A KRaft metadata snapshot (`<endOffset>-<epoch>.checkpoint`) is listed like a log, starting
 * with `Snapshot end offset: N, epoch: E`; its records, and those of a `.log` in
 * `__cluster_metadata-0/`, are decoded by name as `--cluster-metadata-decoder` does
 * (./kraft/metadata-dump.ts), which implies --print-data-log.
 *
 * Pure: file name and bytes in, lines out (the CLI, ./dump-log-cli.ts, reads the file).
 */
import { decodeControlRecord, decodeRecordBatch, type KafkaRecord } from '../protocol/records/index';
import type { SegmentBatch } from '../../shared/storage-contract';
import { summariseLog } from './format/batch-summary';
import { INDEX_SUFFIX, LOG_SUFFIX, TIME_INDEX_SUFFIX } from './format/file-names';
import { decodeOffsetIndex, OFFSET_INDEX_ENTRY_BYTES } from './format/offset-index';
import { decodeTimeIndex, TIME_INDEX_ENTRY_BYTES } from './format/time-index';
import { metadataControlText, metadataPayloadText } from './kraft/metadata-dump';
import { parseSnapshotFileName, SNAPSHOT_SUFFIX } from './kraft/snapshot-file';
import { METADATA_PARTITION_DIR } from './kraft/metadata-log-dir';
import { decodeProducerSnapshot, PRODUCER_SNAPSHOT_SUFFIX, type ProducerSnapshotEntry } from './format/producer-snapshot';

/** `snapshot`: a KRaft metadata snapshot (`.checkpoint`); `producer-snapshot`: a replica's producer state (`.snapshot`). */
export type DumpKind = 'log' | 'index' | 'timeindex' | 'snapshot' | 'producer-snapshot';

export interface DumpOptions {
  /** Print every record of every batch (`--print-data-log`). */
  printDataLog?: boolean;
  /** Decode records as KRaft metadata records (`--cluster-metadata-decoder`); implies printDataLog. */
  clusterMetadataDecoder?: boolean;
}

/** Whether a file holds KRaft metadata records: a snapshot, or a log of the `__cluster_metadata-0` directory. */
export function isClusterMetadataFile(filePath: string): boolean {
  const parts = filePath.split(/[\\/]/);
  return parts[parts.length - 1]!.endsWith(SNAPSHOT_SUFFIX) || parts[parts.length - 2] === METADATA_PARTITION_DIR;
}

/** Batches decoded per page while listing a `.log` file (bounds the work held at once). */
const PAGE = 1000;

/** What a file name says it holds, or null for any other file. */
export function dumpKindOf(fileName: string): DumpKind | null {
  if (fileName.endsWith(LOG_SUFFIX)) return 'log';
  if (fileName.endsWith(SNAPSHOT_SUFFIX)) return 'snapshot';
  if (fileName.endsWith(TIME_INDEX_SUFFIX)) return 'timeindex';
  if (fileName.endsWith(INDEX_SUFFIX)) return 'index';
  if (fileName.endsWith(PRODUCER_SNAPSHOT_SUFFIX)) return 'producer-snapshot';
  return null;
}

/** The segment's base offset from a Kafka segment file name (20 digits), or 0 for other names. */
export function baseOffsetOfName(fileName: string): number {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const digits = /^(\d{1,20})\./.exec(base)?.[1];
  return digits === undefined ? 0 : Number(digits);
}

/** The lines of the dump; `displayName` is how the file is named in them. */
export function* dumpFile(displayName: string, bytes: Buffer, kind: DumpKind, options: DumpOptions = {}): Generator<string> {
  yield `Dumping ${displayName}`;
  const baseOffset = baseOffsetOfName(displayName);
  if (kind === 'log') {
    yield `Log starting offset: ${baseOffset}`;
    yield* dumpLogBytes(displayName, bytes, options);
  } else if (kind === 'snapshot') {
    const id = parseSnapshotFileName(displayName.split(/[\\/]/).pop() ?? '');
    yield id ? `Snapshot end offset: ${id.endOffset}, epoch: ${id.epoch}` : 'KRaft bootstrap snapshot';
    yield* dumpLogBytes(displayName, bytes, { ...options, clusterMetadataDecoder: true });
  } else if (kind === 'index') {
    for (const e of decodeOffsetIndex(baseOffset, bytes)) yield `offset: ${e.offset} position: ${e.position}`;
    yield* partialEntry(displayName, bytes.length, OFFSET_INDEX_ENTRY_BYTES);
  } else if (kind === 'producer-snapshot') {
    yield* dumpProducerSnapshot(bytes);
  } else {
    for (const e of decodeTimeIndex(baseOffset, bytes)) yield `timestamp: ${e.timestampMs} offset: ${e.offset}`;
    yield* partialEntry(displayName, bytes.length, TIME_INDEX_ENTRY_BYTES);
  }
}

function* partialEntry(displayName: string, length: number, entryBytes: number): Generator<string> {
  const extra = length % entryBytes;
  if (extra > 0) yield `Found ${extra} invalid bytes at the end of ${displayName}: position ${length - extra}, not a whole ${entryBytes}-byte entry`;
}

function* dumpLogBytes(displayName: string, bytes: Buffer, options: DumpOptions): Generator<string> {
  let from = 0;
  while (true) {
    const page = summariseLog(bytes, { fromBatch: from, limit: PAGE });
    for (const batch of page.batches) {
      yield batchLine(batch);
      if (options.printDataLog || options.clusterMetadataDecoder) yield* recordLines(bytes.subarray(batch.position, batch.position + batch.sizeBytes), options.clusterMetadataDecoder === true);
    }
    from += page.batches.length;
    if (page.batches.length === 0 || from >= page.totalBatches) {
      if (page.tail) yield `Found ${page.tail.bytes} invalid bytes at the end of ${displayName}: ${page.tail.kind} at position ${page.tail.position} (${page.tail.reason})`;
      return;
    }
  }
}

/** DumpLogSegments' batch line. */
export function batchLine(b: SegmentBatch): string {
  const lastSequence = b.baseSequence < 0 ? -1 : b.baseSequence + (b.lastOffset - b.baseOffset);
  return `baseOffset: ${b.baseOffset} lastOffset: ${b.lastOffset} count: ${b.count} baseSequence: ${b.baseSequence} lastSequence: ${lastSequence}`
    + ` producerId: ${b.producerId} producerEpoch: ${b.producerEpoch} partitionLeaderEpoch: ${b.partitionLeaderEpoch}`
    + ` isTransactional: ${b.isTransactional} isControl: ${b.isControl} position: ${b.position} ${b.timestampType}: ${b.maxTimestampMs}`
    + ` size: ${b.sizeBytes} magic: ${b.magic} compresscodec: ${b.compression} isvalid: ${b.crcValid}`;
}

function* recordLines(batch: Buffer, metadata: boolean): Generator<string> {
  let decoded: ReturnType<typeof decodeRecordBatch>;
  try {
    // The batch line already says whether the CRC holds; the records are listed either way.
    decoded = decodeRecordBatch(batch, { verifyCrc: false });
  } catch (error) {
    yield `| records could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return;
  }
  const { header, records } = decoded;
  for (const [i, r] of records.entries()) {
    const sequence = header.baseSequence < 0 ? -1 : header.baseSequence + i;
    const start = `| offset: ${r.offset} ${header.timestampType}: ${r.timestamp} keySize: ${r.key?.length ?? -1} valueSize: ${r.value?.length ?? -1} sequence: ${sequence} headerKeys: [${r.headers.map((h) => h.key).join(',')}]`;
    if (metadata) yield `${start}${header.isControl ? metadataControlText(r) : metadataPayloadText(r)}`;
    else yield header.isControl ? `${start} ${controlText(r)}` : `${start}${dataText(r)}`;
  }
}

function controlText(r: KafkaRecord): string {
  try {
    const marker = decodeControlRecord(r);
    return `endTxnMarker: ${marker.type.toUpperCase()} coordinatorEpoch: ${marker.coordinatorEpoch}`;
  } catch (error) {
    return `unknown control record: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function dataText(r: KafkaRecord): string {
  const key = r.key === null ? '' : ` key: ${r.key.toString('utf8')}`;
  const payload = r.value === null ? ' payload: null' : ` payload: ${r.value.toString('utf8')}`;
  const headers = r.headers.length === 0 ? '' : ` headers: ${r.headers.map((h) => `${h.key}=${h.value === null ? 'null' : h.value.toString('utf8')}`).join(',')}`;
  return `${key}${payload}${headers}`;
}

/**
 * A producer state snapshot as DumpLogSegments.dumpProducerIdSnapshot prints it: one line per
 * producer, its last batch's sequences and offsets; a corrupt snapshot is reported, not thrown.
 */
function* dumpProducerSnapshot(bytes: Buffer): Generator<string> {
  let entries: ProducerSnapshotEntry[];
  try {
    entries = decodeProducerSnapshot(bytes);
  } catch (e) {
    yield `Corrupt producer snapshot: ${(e as Error).message}`;
    return;
  }
  for (const e of entries) {
    const head = `producerId: ${e.producerId} producerEpoch: ${e.producerEpoch} coordinatorEpoch: ${e.coordinatorEpoch} currentTxnFirstOffset: ${e.currentTxnFirstOffset} lastTimestamp: ${e.timestampMs}`;
    yield e.lastSequence < 0 ? head : `${head} firstSequence: ${e.lastSequence - e.offsetDelta} lastSequence: ${e.lastSequence} lastOffset: ${e.lastOffset} offsetDelta: ${e.offsetDelta} timestamp: ${e.timestampMs}`;
  }
}
