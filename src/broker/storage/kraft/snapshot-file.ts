/**
 * A KRaft snapshot file, `<endOffset, 20 digits>-<epoch, 10 digits>.checkpoint` in
 * `__cluster_metadata-0/` (Kafka's Snapshots.filenameFromSnapshotId, SnapshotPath), laid out as
 * RecordsSnapshotWriter writes one: RecordBatch v2 batches whose partitionLeaderEpoch is the
 * snapshot's epoch and whose offsets run from 0 — first a control batch holding the
 * SnapshotHeaderRecord, then the metadata records in data batches (null keys), last a control batch
 * holding the SnapshotFooterRecord. Uncompressed, producerId -1, CreateTime.
 *
 * Reading is strict, as Kafka's RecordsSnapshotReader is: a bad CRC, a torn batch, a missing header
 * or footer, records after the footer or an undecodable record is a MetadataRecordError naming the
 * byte position or offset.
 */
import { decodeRecordBatch, encodeRecordBatch, scanBatches, type RecordInput } from '../../protocol/records/index';
import {
  CONTROL_TYPE_NAMES, CONTROL_TYPE_SNAPSHOT_FOOTER, CONTROL_TYPE_SNAPSHOT_HEADER, MetadataRecordError,
  controlRecordKey, controlRecordType, decodeMetadataRecord, decodeSnapshotFooter, decodeSnapshotHeader,
  encodeSnapshotFooter, encodeSnapshotHeader, type DecodedMetadataRecord,
} from './metadata-record-codec';

export const SNAPSHOT_SUFFIX = '.checkpoint';
/** Kafka's suffix of a snapshot still being written (Snapshots.PARTIAL_SUFFIX). */
export const PARTIAL_SNAPSHOT_SUFFIX = '.checkpoint.part';
/** Kafka's suffix of a snapshot marked for deletion (Snapshots.DELETE_SUFFIX). */
export const DELETED_SNAPSHOT_SUFFIX = '.checkpoint.deleted';

/** Raft's OffsetAndEpoch naming a snapshot: it holds the state up to (not including) endOffset, written in epoch. */
export interface SnapshotId {
  endOffset: number;
  epoch: number;
}

/** Most record bytes per data batch (Kafka's controller batches metadata records up to its max batch size). */
const MAX_BATCH_RECORD_BYTES = 1024 * 1024;

export function snapshotFileName(id: SnapshotId): string {
  return `${String(id.endOffset).padStart(20, '0')}-${String(id.epoch).padStart(10, '0')}${SNAPSHOT_SUFFIX}`;
}

/** The id of a snapshot file name and its state, or null for any other name (Snapshots.parse). */
export function parseSnapshotFileName(name: string): (SnapshotId & { state: 'complete' | 'partial' | 'deleted' }) | null {
  const m = /^(\d{20})-(\d{10})\.checkpoint(\.part|\.deleted)?$/.exec(name);
  if (!m) return null;
  return { endOffset: Number(m[1]), epoch: Number(m[2]), state: m[3] === '.part' ? 'partial' : m[3] === '.deleted' ? 'deleted' : 'complete' };
}

export interface SnapshotWriteOptions {
  id: SnapshotId;
  /** ms since the epoch: the batches' timestamps. */
  timestampMs: number;
  /** SnapshotHeaderRecord.LastContainedLogTimestamp (ms). */
  lastContainedLogTimestamp: number;
}

/** The snapshot file's bytes for these metadata record values (./metadata-record-codec.ts encodeMetadataRecord). */
export function encodeSnapshot(recordValues: readonly Buffer[], opts: SnapshotWriteOptions): Buffer {
  const epoch = opts.id.epoch;
  const t = opts.timestampMs;
  const controlBatch = (baseOffset: number, type: number, value: Buffer): Buffer => encodeRecordBatch({
    baseOffset, partitionLeaderEpoch: epoch, isControl: true, baseTimestamp: t, maxTimestamp: t,
    records: [{ key: controlRecordKey(type), value, timestamp: t }],
  });
  const batches: Buffer[] = [controlBatch(0, CONTROL_TYPE_SNAPSHOT_HEADER, encodeSnapshotHeader(opts.lastContainedLogTimestamp))];
  let offset = 1;
  let pending: RecordInput[] = [];
  let pendingBytes = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    batches.push(encodeRecordBatch({ baseOffset: offset, partitionLeaderEpoch: epoch, baseTimestamp: t, maxTimestamp: t, records: pending }));
    offset += pending.length;
    pending = [];
    pendingBytes = 0;
  };
  for (const value of recordValues) {
    if (pendingBytes + value.length > MAX_BATCH_RECORD_BYTES) flush();
    pending.push({ key: null, value, timestamp: t });
    pendingBytes += value.length;
  }
  flush();
  batches.push(controlBatch(offset, CONTROL_TYPE_SNAPSHOT_FOOTER, encodeSnapshotFooter()));
  return Buffer.concat(batches);
}

/** A metadata record as read from a snapshot or log: its offset and its decoded value. */
export interface MetadataRecordAt extends DecodedMetadataRecord {
  offset: number;
}

export interface DecodedSnapshot {
  header: { version: number; lastContainedLogTimestamp: number };
  records: MetadataRecordAt[];
  /** Control records other than header and footer (KRaftVersion, KRaftVoters), by name. */
  otherControlRecords: { offset: number; name: string }[];
}

/**
 * Reads a whole snapshot file.
 * @throws MetadataRecordError: not a sequence of whole, CRC-valid batches; offsets not contiguous
 *   from 0; first record not a SnapshotHeaderRecord; last not a SnapshotFooterRecord; a record after
 *   the footer; a data record with a key or an undecodable value.
 */
export function decodeSnapshot(bytes: Buffer): DecodedSnapshot {
  const scan = scanBatches(bytes);
  if (scan.corrupt) throw new MetadataRecordError(scan.corrupt);
  if (scan.trailingBytes > 0) throw new MetadataRecordError(`truncated: ${scan.trailingBytes} byte(s) at position ${bytes.length - scan.trailingBytes} are not a whole record batch`);
  if (scan.batches.length === 0) throw new MetadataRecordError('empty: no SnapshotHeaderRecord');
  let header: DecodedSnapshot['header'] | null = null;
  let footerSeen = false;
  let nextOffset = 0;
  let position = 0;
  const records: MetadataRecordAt[] = [];
  const otherControlRecords: DecodedSnapshot['otherControlRecords'] = [];
  for (const batch of scan.batches) {
    let decoded: ReturnType<typeof decodeRecordBatch>;
    try {
      decoded = decodeRecordBatch(batch, { verifyCrc: true });
    } catch (e) {
      throw new MetadataRecordError(`batch at position ${position}: ${(e as Error).message}`, { cause: e });
    }
    for (const r of decoded.records) {
      const at = `record at offset ${r.offset}`;
      if (r.offset !== nextOffset) throw new MetadataRecordError(`${at}: expected offset ${nextOffset} (snapshot offsets run from 0 without gaps)`);
      nextOffset++;
      if (footerSeen) throw new MetadataRecordError(`${at} follows the SnapshotFooterRecord`);
      try {
        if (decoded.header.isControl) {
          const type = controlRecordType(r.key);
          if (header === null && type !== CONTROL_TYPE_SNAPSHOT_HEADER) throw new MetadataRecordError(`the first record is control type ${type}, not a SnapshotHeaderRecord`);
          if (type === CONTROL_TYPE_SNAPSHOT_HEADER) {
            if (header !== null) throw new MetadataRecordError('a second SnapshotHeaderRecord');
            header = decodeSnapshotHeader(r.value);
          } else if (type === CONTROL_TYPE_SNAPSHOT_FOOTER) {
            decodeSnapshotFooter(r.value);
            footerSeen = true;
          } else {
            otherControlRecords.push({ offset: r.offset, name: CONTROL_TYPE_NAMES.get(type) ?? `control type ${type}` });
          }
        } else {
          if (header === null) throw new MetadataRecordError('the first record is not a SnapshotHeaderRecord');
          if (r.key !== null) throw new MetadataRecordError('a metadata record has a key (they have none)');
          if (r.value === null) throw new MetadataRecordError('a metadata record has no value');
          records.push({ offset: r.offset, ...decodeMetadataRecord(r.value) });
        }
      } catch (e) {
        if (e instanceof MetadataRecordError && !e.message.startsWith('record at offset')) throw new MetadataRecordError(`${at}: ${e.message}`, { cause: e });
        throw e;
      }
    }
    position += batch.length;
  }
  if (header === null) throw new MetadataRecordError('no SnapshotHeaderRecord');
  if (!footerSeen) throw new MetadataRecordError(`no SnapshotFooterRecord after offset ${nextOffset - 1}: the snapshot is incomplete`);
  return { header, records, otherControlRecords };
}
