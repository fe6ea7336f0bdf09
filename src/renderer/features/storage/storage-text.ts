/** Words the Storage view shows, kept apart from the components so tests and views agree. */
import type { SegmentInfo, StorageInfo } from '../../../shared/storage-contract';
import { formatBytes } from '../../components/format';

/** What a segment, an offset index and a time index are, in one line (Kafka's LogSegment, OffsetIndex, TimeIndex). */
export const SEGMENT_EXPLANATION = 'A partition\'s log is a row of segments: each is a .log file holding record batches exactly as the producer sent them, named by its base offset (the first offset in it). Its offset index (.index) maps offsets to byte positions in the .log, its time index (.timeindex) maps timestamps to offsets. Appends go to the active segment; retention deletes whole older segments.';

export const IN_MEMORY_NOTE = 'This cluster keeps its logs in memory: nothing is written to disk, and every topic, record and committed offset is gone when the process stops. Started on disk (a data directory, without --in-memory), each broker keeps Kafka\'s own segment files instead.';

/** "segment 0 (offsets 0–41)" or the file name. */
export function segmentName(segment: SegmentInfo): string {
  return segment.fileName ?? `segment at offset ${segment.baseOffset}`;
}

/** Offsets the segment holds, e.g. "0 – 41" or "none yet". */
export function segmentOffsets(segment: SegmentInfo): string {
  return segment.nextOffset > segment.baseOffset ? `${segment.baseOffset} – ${segment.nextOffset - 1}` : 'none yet';
}

/** What "Reset lab" deletes, said exactly. */
export function resetLabWarning(info: StorageInfo): string {
  const what = info.kind === 'disk' && info.labDir
    ? `deletes the lab's directory ${info.labDir} (${formatBytes(info.totalBytes)})`
    : `drops the ${formatBytes(info.totalBytes)} of logs held in memory`;
  return `Reset lab ${what}: every topic, record, committed offset and topic config. The cluster starts again empty with the same brokers, controllers and broker configs. This cannot be undone.`;
}

/** What "Delete lab" deletes, said exactly. */
export function deleteLabWarning(lab: StorageInfo['labs'][number]): string {
  return `Delete lab ${lab.name} deletes the directory ${lab.dir} (${formatBytes(lab.bytes)}) from disk, with every topic and record in it. This cannot be undone.`;
}
