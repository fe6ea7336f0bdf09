/**
 * Kafka's file names in a partition directory (LogFileUtils): segment files are named by their
 * base offset, zero-padded to 20 digits (`00000000000000000042.log`, `.index`, `.timeindex`);
 * `.cleaned` and `.swap` mark the log cleaner's output before and during the swap; `.deleted`
 * marks a segment scheduled for deletion. The directory is `<topic>-<partition>`.
 */

export const LOG_SUFFIX = '.log';
export const INDEX_SUFFIX = '.index';
export const TIME_INDEX_SUFFIX = '.timeindex';
export const CLEANED_SUFFIX = '.cleaned';
export const SWAP_SUFFIX = '.swap';
export const DELETED_SUFFIX = '.deleted';

export const RECOVERY_POINT_CHECKPOINT = 'recovery-point-offset-checkpoint';
export const REPLICATION_OFFSET_CHECKPOINT = 'replication-offset-checkpoint';
export const LOG_START_OFFSET_CHECKPOINT = 'log-start-offset-checkpoint';
export const CLEANER_OFFSET_CHECKPOINT = 'cleaner-offset-checkpoint';
export const LEADER_EPOCH_CHECKPOINT = 'leader-epoch-checkpoint';

/** LogFileUtils.filenamePrefixFromOffset: the offset zero-padded to 20 digits. */
export function offsetFileStem(offset: number): string {
  return String(offset).padStart(20, '0');
}

export function segmentFileName(baseOffset: number, suffix: string): string {
  return offsetFileStem(baseOffset) + suffix;
}

/** The base offset a segment file name encodes, or null when the name is not `<20 digits><suffix>`. */
export function baseOffsetOfFile(name: string, suffix: string): number | null {
  if (!name.endsWith(suffix)) return null;
  const stem = name.slice(0, name.length - suffix.length);
  return /^\d{20}$/.test(stem) ? Number(stem) : null;
}

/** `<topic>-<partition>` (UnifiedLog.logDirName). */
export function partitionDirName(topic: string, partition: number): string {
  return `${topic}-${partition}`;
}

/** Splits a partition directory name at its last '-' (topics may contain '-'); null when it is not one. */
export function parsePartitionDirName(name: string): { topic: string; partition: number } | null {
  const at = name.lastIndexOf('-');
  if (at <= 0) return null;
  const p = name.slice(at + 1);
  if (!/^\d+$/.test(p)) return null;
  return { topic: name.slice(0, at), partition: Number(p) };
}
