/**
 * Kafka's time index (`NNNNNNNNNNNNNNNNNNNN.timeindex`, org.apache.kafka.storage.internals.log.TimeIndex):
 * a sparse map from timestamp to offset, one 12-byte big-endian entry — timestamp (int64, ms) then
 * relative offset (int32, offset − segment baseOffset) — written beside an offset index entry
 * whenever the segment's largest timestamp so far has grown. Timestamps and offsets never fall.
 * Like Kafka's trimmed files, ours hold only whole entries.
 */

/** One time index entry with the absolute offset restored. */
export interface TimeIndexEntry {
  timestampMs: number;
  offset: number;
}

export const TIME_INDEX_ENTRY_BYTES = 12;

export function encodeTimeIndex(baseOffset: number, entries: readonly TimeIndexEntry[]): Buffer {
  const out = Buffer.alloc(entries.length * TIME_INDEX_ENTRY_BYTES);
  entries.forEach((e, i) => writeTimeIndexEntry(out, i * TIME_INDEX_ENTRY_BYTES, baseOffset, e));
  return out;
}

/** Writes one entry at `at` (TimeIndex.maybeAppend). */
export function writeTimeIndexEntry(out: Buffer, at: number, baseOffset: number, e: TimeIndexEntry): void {
  const relative = e.offset - baseOffset;
  if (relative < 0 || relative > 0x7fffffff) throw new RangeError(`offset ${e.offset} is not within int32 of segment base ${baseOffset} (IndexOffsetOverflowException)`);
  out.writeBigInt64BE(BigInt(e.timestampMs), at);
  out.writeInt32BE(relative, at + 8);
}

/** Decodes a time index file; a partial trailing entry and a zero-filled preallocated tail are ignored (as TimeIndex does). */
export function decodeTimeIndex(baseOffset: number, bytes: Uint8Array): TimeIndexEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const n = Math.floor(buf.length / TIME_INDEX_ENTRY_BYTES);
  const out: TimeIndexEntry[] = [];
  for (let i = 0; i < n; i++) {
    const timestampMs = Number(buf.readBigInt64BE(i * 12));
    const relative = buf.readInt32BE(i * 12 + 8);
    if (i > 0 && timestampMs === 0 && relative === 0) break;
    out.push({ timestampMs, offset: baseOffset + relative });
  }
  return out;
}

/**
 * TimeIndex.lookup: the entry with the largest timestamp ≤ target, or {-1, baseOffset} when
 * target precedes every entry. ListOffsets by timestamp scans forward from that offset for the
 * first record with timestamp ≥ target.
 */
export function lookupTimestamp(entries: readonly TimeIndexEntry[], baseOffset: number, targetMs: number): TimeIndexEntry {
  let lo = 0;
  let hi = entries.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.timestampMs <= targetMs) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found < 0 ? { timestampMs: -1, offset: baseOffset } : entries[found]!;
}
