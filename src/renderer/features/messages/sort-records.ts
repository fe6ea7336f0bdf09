/**
 * Ordering of the browser's rows (issue 12). `timestamp` is the chronological merge across
 * partitions: by timestamp, ties broken by partition then offset, so the order is total and the
 * same on every run. Kafka orders records only within a partition (by offset); across partitions
 * timestamps are the producers' clocks (CreateTime) or the leaders' (LogAppendTime), so a merge
 * is a reading aid, not an order any consumer saw.
 */
import type { BrowsedRecord } from '../../../shared/workbench-contract';
import { base64ToBytes } from './decode';

export type SortField = 'received' | 'timestamp' | 'offset' | 'key' | 'size';
export type SortDirection = 'asc' | 'desc';

export const sortFieldLabels: Record<SortField, string> = {
  received: 'as received (live tail: newest first)',
  timestamp: 'timestamp — chronological merge of partitions',
  offset: 'offset (then partition)',
  key: 'key (then partition, offset)',
  size: 'size in bytes (key + value + headers)',
};

/** Key + value + header bytes of a record. */
export function recordSize(r: BrowsedRecord): number {
  let n = r.keyBytes + r.valueBytes;
  for (const h of r.headers) n += h.key.length + (h.value === null ? 0 : Math.floor((h.value.length * 3) / 4) - (h.value.endsWith('==') ? 2 : h.value.endsWith('=') ? 1 : 0));
  return n;
}

const decoder = new TextDecoder();
/** The key as text for ordering; null keys sort first. */
const keyText = (r: BrowsedRecord): string | null => (r.key === null ? null : decoder.decode(base64ToBytes(r.key)));

const byPartitionOffset = (a: BrowsedRecord, b: BrowsedRecord) => a.partition - b.partition || a.offset - b.offset;

/** A new array in the chosen order; `received` keeps the input order (reversed when descending). */
export function sortRecords(records: readonly BrowsedRecord[], field: SortField, direction: SortDirection): BrowsedRecord[] {
  const sign = direction === 'asc' ? 1 : -1;
  if (field === 'received') return direction === 'asc' ? [...records] : [...records].reverse();
  let compare: (a: BrowsedRecord, b: BrowsedRecord) => number;
  switch (field) {
    case 'timestamp': compare = (a, b) => a.timestampMs - b.timestampMs || byPartitionOffset(a, b); break;
    case 'offset': compare = (a, b) => a.offset - b.offset || a.partition - b.partition; break;
    case 'size': compare = (a, b) => recordSize(a) - recordSize(b) || byPartitionOffset(a, b); break;
    case 'key': {
      const keys = new Map(records.map((r) => [r, keyText(r)]));
      compare = (a, b) => {
        const x = keys.get(a)!, y = keys.get(b)!;
        if (x !== y) {
          if (x === null) return -1;
          if (y === null) return 1;
          if (x < y) return -1;
          if (x > y) return 1;
        }
        return byPartitionOffset(a, b);
      };
      break;
    }
  }
  return [...records].sort((a, b) => sign * compare(a, b));
}
