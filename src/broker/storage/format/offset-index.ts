/**
 * Kafka's offset index (`NNNNNNNNNNNNNNNNNNNN.index`, org.apache.kafka.storage.internals.log.OffsetIndex):
 * a sparse map from offset to byte position in the segment's `.log`, one 8-byte big-endian entry
 * per `index.interval.bytes` of appended batches: relative offset (int32, offset − segment
 * baseOffset) then position (int32, bytes from the start of the `.log`). Entries rise strictly in
 * both fields. Kafka preallocates the file to `segment.index.bytes` and trims it to the entries on
 * roll or close; we write only the entries, so a file's length is always 8 × entries.
 */

/** One offset index entry with the absolute offset restored (baseOffset + relative offset). */
export interface OffsetIndexEntry {
  offset: number;
  position: number;
}

export const OFFSET_INDEX_ENTRY_BYTES = 8;

/** Encodes entries of a segment whose baseOffset is `baseOffset` (RangeError when an offset does not fit int32 relative to it). */
export function encodeOffsetIndex(baseOffset: number, entries: readonly OffsetIndexEntry[]): Buffer {
  const out = Buffer.alloc(entries.length * OFFSET_INDEX_ENTRY_BYTES);
  entries.forEach((e, i) => writeOffsetIndexEntry(out, i * OFFSET_INDEX_ENTRY_BYTES, baseOffset, e));
  return out;
}

/** Writes one entry at `at` (OffsetIndex.append). */
export function writeOffsetIndexEntry(out: Buffer, at: number, baseOffset: number, e: OffsetIndexEntry): void {
  const relative = e.offset - baseOffset;
  if (relative < 0 || relative > 0x7fffffff) throw new RangeError(`offset ${e.offset} is not within int32 of segment base ${baseOffset} (IndexOffsetOverflowException)`);
  out.writeInt32BE(relative, at);
  out.writeInt32BE(e.position, at + 4);
}

/**
 * Decodes an index file. A trailing partial entry (a torn write) is ignored, as Kafka's
 * AbstractIndex rounds the size down to whole entries; all-zero entries after the first (the
 * preallocated tail of an index Kafka did not trim, e.g. after a crash) end the list.
 */
export function decodeOffsetIndex(baseOffset: number, bytes: Uint8Array): OffsetIndexEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = Math.floor(buf.length / OFFSET_INDEX_ENTRY_BYTES);
  const out: OffsetIndexEntry[] = [];
  for (let i = 0; i < n; i++) {
    const relative = buf.readInt32BE(i * 8);
    const position = buf.readInt32BE(i * 8 + 4);
    if (i > 0 && relative === 0 && position === 0) break;
    out.push({ offset: baseOffset + relative, position });
  }
  return out;
}

/**
 * OffsetIndex.lookup: the entry with the largest offset ≤ target, or {baseOffset, 0} when target
 * precedes every entry (the scan then starts at the segment's first byte).
 */
export function lookupOffset(entries: readonly OffsetIndexEntry[], baseOffset: number, target: number): OffsetIndexEntry {
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.offset <= target) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? { offset: baseOffset, position: 0 } : entries[found]!;
}

/**
 * Which problems make an index unusable (OffsetIndex.sanityCheck plus the ordering Kafka relies
 * on): entries must rise strictly in offset and position. Returns a reason, or null when sound.
 */
export function offsetIndexProblem(entries: readonly OffsetIndexEntry[], baseOffset: number, segmentBytes: number): string | null {
  let prev: OffsetIndexEntry | null = null;
  for (const e of entries) {
    if (e.offset < baseOffset) return `entry offset ${e.offset} precedes the segment's base offset ${baseOffset}`;
    if (e.position < 0 || e.position >= segmentBytes) return `entry position ${e.position} lies outside the ${segmentBytes}-byte segment`;
    if (prev && (e.offset <= prev.offset || e.position <= prev.position)) return `entries out of order at offset ${e.offset}`;
    prev = e;
  }
  return null;
}
