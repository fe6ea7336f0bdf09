/**
 * What `kafka-dump-log --cluster-metadata-decoder` prints for the records of a KRaft metadata log
 * or snapshot (DumpLogSegments.ClusterMetadataLogMessageParser): a data record's payload as
 * `{"type":"TOPIC_RECORD","version":0,"data":{…}}` (MetadataRecordType's enum name, the record's
 * fields in schema order, bytes as base64), a control record as `SnapshotHeader {…}`,
 * `SnapshotFooter {…}`, `LeaderChange: {…}` or `controlType: NAME(id)`. A record that does not decode prints
 * `Error at <offset>, skipping. <reason>`, as Kafka's does.
 */
import type { KafkaRecord } from '../../protocol/records/index';
import { inRange } from '../../protocol/schema';
import { leaderChangeMessage, METADATA_RECORD_TYPES, type MetadataRecordName } from './metadata-schemas';
import { decodeMessage } from '../../protocol/codec';
import { Reader } from '../../protocol/primitives';

/** ControlRecordType.LEADER_CHANGE: Raft's LeaderChangeMessage, the first record of each epoch in a metadata log. */
const CONTROL_TYPE_LEADER_CHANGE = 2;
import {
  CONTROL_TYPE_SNAPSHOT_FOOTER, CONTROL_TYPE_SNAPSHOT_HEADER, controlRecordType, decodeMetadataRecord,
  decodeSnapshotFooter, decodeSnapshotHeader,
} from './metadata-record-codec';

/** TopicRecord → TOPIC_RECORD (the Java enum constant's name). */
export function metadataRecordTypeName(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

function jsonValue(v: unknown): unknown {
  if (Buffer.isBuffer(v)) return v.toString('base64');
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, jsonValue(x)]));
  return v;
}

/** The ` payload: …` text of a metadata data record. */
export function metadataPayloadText(r: KafkaRecord): string {
  try {
    if (r.value === null) throw new Error('no value');
    const d = decodeMetadataRecord(r.value);
    const type = metadataRecordTypeName(d.name);
    if (d.data === null) return ` payload: {"type":"${type}","version":${d.version}} (fields not decoded by Kafka Lab)`;
    // Only the fields of the record's version, as Kafka's generated JsonConverter writes them.
    const fields = METADATA_RECORD_TYPES[d.name as MetadataRecordName].schema.fields.filter((f) => inRange(f.versions, d.version));
    const data = Object.fromEntries(fields.map((f) => [f.name, jsonValue(d.data![f.name])]));
    return ` payload: ${JSON.stringify({ type, version: d.version, data })}`;
  } catch (e) {
    return ` payload: Error at ${r.offset}, skipping. ${(e as Error).message}`;
  }
}

/** The text of a KRaft control record (snapshot header/footer, or its control type). */
export function metadataControlText(r: KafkaRecord): string {
  try {
    const type = controlRecordType(r.key);
    if (type === CONTROL_TYPE_SNAPSHOT_HEADER) return ` SnapshotHeader ${JSON.stringify(decodeSnapshotHeader(r.value))}`;
    if (type === CONTROL_TYPE_SNAPSHOT_FOOTER) return ` SnapshotFooter ${JSON.stringify(decodeSnapshotFooter(r.value))}`;
    if (type === CONTROL_TYPE_LEADER_CHANGE && r.value !== null) return ` LeaderChange: ${JSON.stringify(decodeMessage(leaderChangeMessage, 0, new Reader(r.value)))}`;
    const names: Record<number, string> = { 0: 'ABORT', 1: 'COMMIT', 2: 'LEADER_CHANGE', 5: 'KRAFT_VERSION', 6: 'KRAFT_VOTERS' };
    return ` controlType: ${names[type] ?? 'UNKNOWN'}(${type})`;
  } catch (e) {
    return ` unknown control record: ${(e as Error).message}`;
  }
}
