/** Export of the shown records: JSON lines (one object per record) or CSV (RFC 4180 quoting). */
import type { BrowsedRecord } from '../../../shared/workbench-contract';
import { decodePayload, type DecoderName } from './decode';

function exported(r: BrowsedRecord, decoder: DecoderName) {
  return {
    topic: r.topic, partition: r.partition, offset: r.offset, timestamp: new Date(r.timestampMs).toISOString(), timestampType: r.timestampType,
    key: r.key === null ? null : decodePayload(r.key, decoder).text,
    value: r.value === null ? null : decodePayload(r.value, decoder).text,
    headers: Object.fromEntries(r.headers.map((h) => [h.key, h.value === null ? null : decodePayload(h.value, 'utf8').text])),
    tombstone: r.value === null && r.controlMarker === null,
    compression: r.compression, producerId: r.producerId, sequence: r.sequence, isTransactional: r.isTransactional, controlMarker: r.controlMarker,
  };
}

export function toJsonLines(records: BrowsedRecord[], decoder: DecoderName): string {
  return records.map((r) => JSON.stringify(exported(r, decoder))).join('\n') + (records.length ? '\n' : '');
}

const csvColumns = ['topic', 'partition', 'offset', 'timestamp', 'timestampType', 'key', 'value', 'headers', 'tombstone', 'compression', 'producerId', 'sequence', 'isTransactional', 'controlMarker'] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(records: BrowsedRecord[], decoder: DecoderName): string {
  const lines = [csvColumns.join(',')];
  for (const r of records) {
    const row = exported(r, decoder);
    lines.push(csvColumns.map((c) => csvCell(row[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** Starts a browser download of `text`. */
export function download(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
