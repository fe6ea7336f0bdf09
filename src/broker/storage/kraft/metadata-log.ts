/**
 * The `__cluster_metadata-0` log of the lab's controller: segments `<baseOffset, 20 digits>.log` of
 * RecordBatch v2 batches, as KafkaRaftClient appends them (KafkaMetadataLog over UnifiedLog):
 * each batch's partitionLeaderEpoch is the quorum epoch it was written in, the first batch of an
 * epoch is a control batch holding Raft's LeaderChangeMessage (control type 2), and the data batches
 * hold metadata records (null key, value framed by MetadataRecordSerde). Uncompressed, producerId -1.
 *
 * No `.index` / `.timeindex` files are written beside the segments: the lab reads the metadata log
 * only whole, at start (Kafka rebuilds missing index files on load too). Writes go to the page
 * cache without fsync (the lab's "kill" is a process crash, which keeps them).
 *
 * Recovery (LogLoader.recoverSegment): batches are read in order; at the first batch that is torn
 * (the file ends inside it), fails its CRC or does not continue the offsets, that segment is cut
 * there and later segments deleted — the bytes dropped are reported. A CRC-valid batch whose record
 * does not decode is not a torn write: it refuses the start (Kafka's controller fails its replay).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeRecordBatch, encodeRecordBatch, scanBatches, type RecordInput } from '../../protocol/records/index';
import { baseOffsetOfFile, segmentFileName } from '../format/file-names';
import { encodeMessage } from '../../protocol/codec';
import { Writer } from '../../protocol/primitives';
import { controlRecordKey, decodeMetadataRecord } from './metadata-record-codec';
import { leaderChangeMessage } from './metadata-schemas';
import type { MetadataRecordAt } from './snapshot-file';

export const METADATA_LOG_SUFFIX = '.log';
/** ControlRecordType.LEADER_CHANGE. */
export const CONTROL_TYPE_LEADER_CHANGE = 2;
/** Most record bytes per data batch (KafkaRaftClient's MAX_BATCH_SIZE_BYTES is 8 MiB; the lab's batches are far smaller). */
const MAX_BATCH_RECORD_BYTES = 1024 * 1024;

/** What recovery found in the metadata log. */
export interface RecoveredMetadataLog {
  /** Data records at or after `fromOffset`, in offset order. */
  records: MetadataRecordAt[];
  /** The offset the next record takes (the log end offset). */
  logEndOffset: number;
  /** The base offset of the first segment (the log start offset); logEndOffset when empty. */
  logStartOffset: number;
  /** The epoch of the last batch (-1 for an empty log). */
  lastEpoch: number;
  /** Bytes cut from a torn or corrupt tail (0 when the log was whole), and why. */
  truncatedBytes: number;
  truncationReason: string | null;
}

/** Segment files of `dir`, by base offset. */
export function listMetadataSegments(dir: string): { baseOffset: number; file: string }[] {
  if (!fs.existsSync(dir)) return [];
  const out: { baseOffset: number; file: string }[] = [];
  for (const name of fs.readdirSync(dir)) {
    const baseOffset = baseOffsetOfFile(name, METADATA_LOG_SUFFIX);
    if (baseOffset !== null) out.push({ baseOffset, file: path.join(dir, name) });
  }
  return out.sort((a, b) => a.baseOffset - b.baseOffset);
}

/** The LeaderChangeMessage v0 value: the leader, the voters, and the voters that granted its election. */
export function encodeLeaderChange(leaderId: number, voters: readonly number[]): Buffer {
  const w = new Writer(32);
  const list = voters.map((voterId) => ({ voterId }));
  encodeMessage(leaderChangeMessage, 0, w, { version: 0, leaderId, voters: list, grantingVoters: list });
  return w.finish();
}

/**
 * Reads and repairs the log of `dir`: records at or after `fromOffset` (a snapshot's endOffset).
 * @throws Error `KAFKA_STORAGE_ERROR: <file>: …` for a record that does not decode in a CRC-valid batch.
 */
export function recoverMetadataLog(dir: string, fromOffset: number): RecoveredMetadataLog {
  const segments = listMetadataSegments(dir);
  const out: RecoveredMetadataLog = { records: [], logEndOffset: segments[0]?.baseOffset ?? 0, logStartOffset: segments[0]?.baseOffset ?? 0, lastEpoch: -1, truncatedBytes: 0, truncationReason: null };
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    const bytes = fs.readFileSync(seg.file);
    const scan = scanBatches(bytes);
    let position = 0;
    let cut: string | null = seg.baseOffset !== out.logEndOffset ? `segment ${path.basename(seg.file)} starts at offset ${seg.baseOffset}, not at the log end offset ${out.logEndOffset}` : null;
    for (const batch of cut ? [] : scan.batches) {
      let decoded: ReturnType<typeof decodeRecordBatch>;
      try {
        decoded = decodeRecordBatch(batch, { verifyCrc: true });
      } catch (e) {
        cut = `batch at position ${position}: ${(e as Error).message}`;
        break;
      }
      if (decoded.header.baseOffset !== out.logEndOffset) {
        cut = `batch at position ${position} has baseOffset ${decoded.header.baseOffset}, expected ${out.logEndOffset}`;
        break;
      }
      if (!decoded.header.isControl) {
        for (const r of decoded.records) {
          if (r.offset < fromOffset) continue;
          try {
            if (r.value === null) throw new Error('a metadata record has no value');
            out.records.push({ offset: r.offset, ...decodeMetadataRecord(r.value) });
          } catch (e) {
            throw new Error(`KAFKA_STORAGE_ERROR: ${seg.file}: record at offset ${r.offset}: ${(e as Error).message}. Kafka Lab refuses to start on it rather than lose the lab's metadata (restore the file from a copy, or reset the lab to start afresh)`, { cause: e });
          }
        }
      }
      out.logEndOffset = decoded.header.baseOffset + decoded.header.lastOffsetDelta + 1;
      out.lastEpoch = decoded.header.partitionLeaderEpoch;
      position += batch.length;
    }
    if (!cut && scan.corrupt) cut = scan.corrupt;
    if (!cut && position < bytes.length) cut = `${bytes.length - position} byte(s) at position ${position} are not a whole record batch`;
    if (cut) {
      out.truncatedBytes += bytes.length - position;
      fs.truncateSync(seg.file, position);
      for (const later of segments.slice(s + 1)) {
        out.truncatedBytes += fs.statSync(later.file).size;
        fs.rmSync(later.file, { force: true });
      }
      out.truncationReason = `${path.basename(seg.file)}: ${cut}`;
      break;
    }
  }
  return out;
}

/** Appends to the active (last) segment of the metadata log. */
export class MetadataLogWriter {
  private activeFile: string;

  constructor(
    private readonly dir: string,
    /** The offset the next record takes. */
    public logEndOffset: number,
    /** The epoch of the last batch written (-1: none yet). */
    public lastEpoch: number,
  ) {
    fs.mkdirSync(dir, { recursive: true });
    const segments = listMetadataSegments(dir);
    this.activeFile = segments[segments.length - 1]?.file ?? path.join(dir, segmentFileName(logEndOffset, METADATA_LOG_SUFFIX));
  }

  /** The offsets `count` record values would take if appended now in `epoch` (after a LeaderChange control record when the epoch is new). */
  offsetsOf(count: number, epoch: number): number[] {
    const first = this.logEndOffset + (epoch !== this.lastEpoch ? 1 : 0);
    return Array.from({ length: count }, (_, i) => first + i);
  }

  /**
   * Appends record values as one or more data batches in `epoch`, preceded by a LeaderChangeMessage
   * control batch when the epoch is new. Returns the bytes written and the offset of each value.
   */
  append(values: readonly Buffer[], epoch: number, leader: { leaderId: number; voters: readonly number[] }, timestampMs: number): { bytes: number; offsets: number[] } {
    const batches: Buffer[] = [];
    const offsets: number[] = [];
    if (epoch !== this.lastEpoch) {
      batches.push(encodeRecordBatch({
        baseOffset: this.logEndOffset, partitionLeaderEpoch: epoch, isControl: true, baseTimestamp: timestampMs, maxTimestamp: timestampMs,
        records: [{ key: controlRecordKey(CONTROL_TYPE_LEADER_CHANGE), value: encodeLeaderChange(leader.leaderId, leader.voters), timestamp: timestampMs }],
      }));
      this.logEndOffset++;
      this.lastEpoch = epoch;
    }
    let pending: RecordInput[] = [];
    let pendingBytes = 0;
    const flush = (): void => {
      if (pending.length === 0) return;
      batches.push(encodeRecordBatch({ baseOffset: this.logEndOffset, partitionLeaderEpoch: epoch, baseTimestamp: timestampMs, maxTimestamp: timestampMs, records: pending }));
      this.logEndOffset += pending.length;
      pending = [];
      pendingBytes = 0;
    };
    for (const value of values) {
      if (pendingBytes + value.length > MAX_BATCH_RECORD_BYTES) flush();
      offsets.push(this.logEndOffset + pending.length);
      pending.push({ key: null, value, timestamp: timestampMs });
      pendingBytes += value.length;
    }
    flush();
    const bytes = Buffer.concat(batches);
    fs.appendFileSync(this.activeFile, bytes);
    return { bytes: bytes.length, offsets };
  }

  /** Starts a new, empty segment at the log end offset (none when the active segment already starts there). */
  roll(): void {
    this.activeFile = path.join(this.dir, segmentFileName(this.logEndOffset, METADATA_LOG_SUFFIX));
    if (!fs.existsSync(this.activeFile)) fs.writeFileSync(this.activeFile, Buffer.alloc(0));
  }

  /** Deletes the segments wholly below `offset` (each one followed by a segment starting at or before it). Returns their names. */
  deleteSegmentsBelow(offset: number): string[] {
    const segments = listMetadataSegments(this.dir);
    const deleted: string[] = [];
    for (let i = 0; i + 1 < segments.length; i++) {
      if (segments[i + 1]!.baseOffset > offset || segments[i]!.file === this.activeFile) break;
      fs.rmSync(segments[i]!.file, { force: true });
      deleted.push(path.basename(segments[i]!.file));
    }
    return deleted;
  }
}
