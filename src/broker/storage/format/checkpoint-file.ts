/**
 * Kafka's text checkpoint files (org.apache.kafka.server.common.CheckpointFile): a version line, a
 * count line, then one entry per line with space-separated fields. Kafka writes them to `<name>.tmp`,
 * fsyncs and renames over the old file, so a reader sees the old or the new file, never half of one.
 *
 * - `recovery-point-offset-checkpoint`, `replication-offset-checkpoint` (highWatermarks),
 *   `log-start-offset-checkpoint`, `cleaner-offset-checkpoint`: version 0, entries `topic partition offset`
 *   (OffsetCheckpointFile).
 * - `leader-epoch-checkpoint` in each partition directory: version 0, entries `epoch startOffset`
 *   (LeaderEpochCheckpointFile).
 */

export class CheckpointFormatError extends Error {
  override name = 'CheckpointFormatError';
}

export const CHECKPOINT_VERSION = 0;

/** The file's text for entries already rendered as their field lists. */
export function encodeCheckpoint(version: number, entries: readonly (readonly (string | number)[])[]): string {
  const lines = [String(version), String(entries.length), ...entries.map((e) => e.join(' '))];
  return lines.join('\n') + '\n';
}

/**
 * Parses a checkpoint: each entry's fields (`fieldsPerEntry` of them). Throws CheckpointFormatError
 * naming the line on an unknown version, a count that does not match the entries, or a malformed
 * line (Kafka's CheckpointReadBuffer throws "Malformed line in checkpoint file").
 */
export function decodeCheckpoint(text: string, fieldsPerEntry: number, expectedVersion = CHECKPOINT_VERSION): string[][] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length < 2) throw new CheckpointFormatError('checkpoint file is missing its version and count lines');
  const version = strictInt(lines[0]!, 1);
  if (version !== expectedVersion) throw new CheckpointFormatError(`unrecognised checkpoint version ${version} (expected ${expectedVersion})`);
  const count = strictInt(lines[1]!, 2);
  const body = lines.slice(2);
  if (body.length !== count) throw new CheckpointFormatError(`checkpoint says ${count} entries but holds ${body.length}`);
  return body.map((line, i) => {
    const fields = line.split(' ');
    if (fields.length !== fieldsPerEntry || fields.some((f) => f === '')) throw new CheckpointFormatError(`malformed line ${i + 3} in checkpoint file: ${JSON.stringify(line)}`);
    return fields;
  });
}

function strictInt(s: string, lineNo: number): number {
  if (!/^-?\d+$/.test(s)) throw new CheckpointFormatError(`malformed line ${lineNo} in checkpoint file: ${JSON.stringify(s)}`);
  return Number(s);
}

/** One partition's offset in an OffsetCheckpointFile. */
export interface PartitionOffset {
  topic: string;
  partition: number;
  offset: number;
}

/** OffsetCheckpointFile text, entries sorted by topic then partition so the bytes are stable. */
export function encodeOffsetCheckpoint(entries: readonly PartitionOffset[]): string {
  const sorted = [...entries].sort((a, b) => (a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : a.partition - b.partition));
  return encodeCheckpoint(CHECKPOINT_VERSION, sorted.map((e) => [e.topic, e.partition, e.offset]));
}

export function decodeOffsetCheckpoint(text: string): PartitionOffset[] {
  return decodeCheckpoint(text, 3).map(([topic, partition, offset], i) => ({ topic: topic!, partition: fieldInt(partition!, i), offset: fieldInt(offset!, i) }));
}

/** One LeaderEpochFileCache entry. */
export interface EpochStartOffset {
  epoch: number;
  startOffset: number;
}

export function encodeLeaderEpochCheckpoint(entries: readonly EpochStartOffset[]): string {
  return encodeCheckpoint(CHECKPOINT_VERSION, entries.map((e) => [e.epoch, e.startOffset]));
}

export function decodeLeaderEpochCheckpoint(text: string): EpochStartOffset[] {
  return decodeCheckpoint(text, 2).map(([epoch, startOffset], i) => ({ epoch: fieldInt(epoch!, i), startOffset: fieldInt(startOffset!, i) }));
}

function fieldInt(s: string, entry: number): number {
  if (!/^-?\d+$/.test(s)) throw new CheckpointFormatError(`malformed line ${entry + 3} in checkpoint file: ${JSON.stringify(s)} is not a number`);
  return Number(s);
}
