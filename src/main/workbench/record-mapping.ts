/**
 * kafkajs records → the contract's BrowsedRecord: base64 payloads, numbers for offsets, the
 * batch's producer fields, the control-marker type and the codec (see kafkajs-codecs.ts).
 */
import type { BrowsedRecord } from '../../shared/workbench-contract';
import { codecOfPayload } from './kafkajs-codecs';
import type { KafkajsMessage } from './raw-fetch';
import type { FilterInput } from './record-filter';

/** Control record key: int16 version, int16 type (0 = ABORT, 1 = COMMIT). Protocol spec "Control Batches". */
function controlMarker(key: Buffer | null): 'COMMIT' | 'ABORT' | null {
  if (!key || key.length < 4) return null;
  const type = key.readInt16BE(2);
  return type === 1 ? 'COMMIT' : type === 0 ? 'ABORT' : null;
}

export function toBrowsedRecord(topic: string, partition: number, m: KafkajsMessage, seq: number): BrowsedRecord {
  const headers: BrowsedRecord['headers'] = [];
  const headerBuffers: (Buffer | null)[] = [];
  for (const [key, raw] of Object.entries(m.headers ?? {})) {
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      headers.push({ key, value: value ? value.toString('base64') : null });
      headerBuffers.push(value ?? null);
    }
  }
  const ctx = m.batchContext;
  const offset = Number(m.offset);
  const baseSequence = ctx?.firstSequence ?? -1;
  return {
    seq,
    topic,
    partition,
    offset,
    timestampMs: Number(m.timestamp),
    timestampType: ctx?.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
    key: m.key ? m.key.toString('base64') : null,
    value: m.value ? m.value.toString('base64') : null,
    keyBytes: m.key?.length ?? 0,
    valueBytes: m.value?.length ?? 0,
    headers,
    compression: codecOfPayload(m.key, m.value, ...headerBuffers),
    producerId: ctx ? Number(ctx.producerId) : -1,
    producerEpoch: ctx?.producerEpoch ?? -1,
    sequence: baseSequence >= 0 && ctx ? baseSequence + (offset - Number(ctx.firstOffset)) : -1,
    isTransactional: ctx?.inTransaction ?? false,
    controlMarker: m.isControlRecord ? controlMarker(m.key) : null,
    leaderEpoch: ctx?.partitionLeaderEpoch ?? -1,
  };
}

/** Bytes a record accounts for in scan progress: key + value + header keys and values. */
export function recordBytes(m: KafkajsMessage): number {
  let n = (m.key?.length ?? 0) + (m.value?.length ?? 0);
  for (const [key, raw] of Object.entries(m.headers ?? {})) {
    for (const value of Array.isArray(raw) ? raw : [raw]) n += key.length + (value?.length ?? 0);
  }
  return n;
}

/** The parts of a kafkajs record the browser's filter reads (see record-filter.ts). */
export function toFilterInput(topic: string, partition: number, m: KafkajsMessage): FilterInput {
  const headers: FilterInput['headers'] = [];
  for (const [key, raw] of Object.entries(m.headers ?? {})) {
    for (const value of Array.isArray(raw) ? raw : [raw]) headers.push({ key, value: value ?? null });
  }
  return {
    topic, partition, offset: Number(m.offset), timestampMs: Number(m.timestamp),
    timestampType: m.batchContext?.timestampType === 1 ? 'LogAppendTime' : 'CreateTime',
    key: m.key ?? null, value: m.value ?? null, headers,
    leaderEpoch: m.batchContext?.partitionLeaderEpoch ?? -1, isTransactional: m.batchContext?.inTransaction ?? false,
    controlMarker: m.isControlRecord ? controlMarker(m.key) : null,
  };
}
