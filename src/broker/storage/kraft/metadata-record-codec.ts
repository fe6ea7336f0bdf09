/**
 * One KRaft metadata record's value bytes, as Kafka's MetadataRecordSerde
 * (server-common AbstractApiMessageSerde) frames it: unsigned varint frame version (1), unsigned
 * varint apiKey (MetadataRecordType), unsigned varint record version, then the record in that
 * version. The record's key is null. And the control records of a snapshot (ControlRecordType
 * SNAPSHOT_HEADER = 3, SNAPSHOT_FOOTER = 4; KRAFT_VERSION = 5 and KRAFT_VOTERS = 6 are read past):
 * key [int16 version 0][int16 type], value the SnapshotHeaderRecord / SnapshotFooterRecord v0 with
 * no frame (MemoryRecordsBuilder.appendSnapshotHeaderMessage, MessageUtil.toByteBuffer).
 *
 * Pure: bytes in, objects out. Decoding errors are MetadataRecordError with a plain reason; the
 * file reader adds the file name and offset.
 */
import { decodeMessage, encodeMessage } from '../../protocol/codec';
import { ProtocolDecodeError, Reader, Writer } from '../../protocol/primitives';
import {
  METADATA_RECORD_TYPES, OTHER_METADATA_RECORD_NAMES, snapshotFooterRecord, snapshotHeaderRecord,
  type MetadataRecordName, type MetadataRecordType,
} from './metadata-schemas';

/** AbstractApiMessageSerde.DEFAULT_FRAME_VERSION. */
export const METADATA_FRAME_VERSION = 1;

export const CONTROL_TYPE_SNAPSHOT_HEADER = 3;
export const CONTROL_TYPE_SNAPSHOT_FOOTER = 4;
/** Control records other than snapshot header/footer that a KRaft snapshot may hold (kraft.version 1, KIP-853). */
export const CONTROL_TYPE_NAMES: ReadonlyMap<number, string> = new Map([
  [2, 'LeaderChange'], [3, 'SnapshotHeader'], [4, 'SnapshotFooter'], [5, 'KRaftVersion'], [6, 'KRaftVoters'],
]);

export class MetadataRecordError extends Error {}

/** A metadata record to write: its type name, fields (the spec's names in camelCase) and version (default: the type's writeVersion). */
export interface MetadataRecordInput {
  name: MetadataRecordName;
  version?: number;
  data: Record<string, unknown>;
}

/** A decoded record value: `data` is null for a record type the lab has no schema for (named from MetadataRecordType). */
export interface DecodedMetadataRecord {
  apiKey: number;
  name: string;
  version: number;
  data: Record<string, unknown> | null;
}

const TYPES_BY_API_KEY = new Map<number, { name: MetadataRecordName; type: MetadataRecordType }>(
  Object.entries(METADATA_RECORD_TYPES).map(([name, type]) => [type.apiKey, { name: name as MetadataRecordName, type }]),
);

/** The value bytes of one metadata record (in its writeVersion unless `version` is given). */
export function encodeMetadataRecord(record: MetadataRecordInput): Buffer {
  const type = METADATA_RECORD_TYPES[record.name];
  const version = record.version ?? type.writeVersion;
  const w = new Writer(64);
  w.uvarint(METADATA_FRAME_VERSION);
  w.uvarint(type.apiKey);
  w.uvarint(version);
  encodeMessage(type.schema, version, w, record.data);
  return w.finish();
}

/**
 * Decodes one record value.
 * @throws MetadataRecordError on an unknown frame version, an apiKey that is no MetadataRecordType,
 *   a version outside the record's validVersions, truncated or malformed fields, or bytes left over.
 */
export function decodeMetadataRecord(value: Buffer): DecodedMetadataRecord {
  const r = new Reader(value);
  try {
    const frameVersion = r.uvarint();
    if (frameVersion !== METADATA_FRAME_VERSION) throw new MetadataRecordError(`frame version ${frameVersion} is not ${METADATA_FRAME_VERSION} (the only metadata record frame version Kafka reads)`);
    const apiKey = r.uvarint();
    const version = r.uvarint();
    const known = TYPES_BY_API_KEY.get(apiKey);
    if (!known) {
      const name = OTHER_METADATA_RECORD_NAMES.get(apiKey);
      if (name === undefined) throw new MetadataRecordError(`apiKey ${apiKey} is not a metadata record type`);
      return { apiKey, name, version, data: null };
    }
    const { validVersions } = known.type.schema;
    if (version < validVersions.min || version > validVersions.max) throw new MetadataRecordError(`${known.name} version ${version} is not one Kafka defines`);
    const data = decodeMessage<Record<string, unknown>>(known.type.schema, version, r);
    if (r.remaining() !== 0) throw new MetadataRecordError(`${known.name} v${version} is followed by ${r.remaining()} unread byte(s)`);
    return { apiKey, name: known.name, version, data };
  } catch (e) {
    if (e instanceof MetadataRecordError) throw e;
    if (e instanceof ProtocolDecodeError || e instanceof RangeError) throw new MetadataRecordError(`malformed record: ${e.message}`, { cause: e });
    throw e;
  }
}

/** The key of a control record: [int16 version 0][int16 type] (ControlRecordType.recordKey). */
export function controlRecordKey(type: number): Buffer {
  const key = Buffer.alloc(4);
  key.writeInt16BE(0, 0);
  key.writeInt16BE(type, 2);
  return key;
}

/** The control type of a control record key; throws MetadataRecordError when shorter than 4 bytes. */
export function controlRecordType(key: Buffer | null): number {
  if (key === null || key.length < 4) throw new MetadataRecordError('control record key must hold [int16 version][int16 type]');
  return key.readInt16BE(2);
}

/** SnapshotHeaderRecord v0: version 0 and the append time (ms) of the last record the snapshot contains. */
export function encodeSnapshotHeader(lastContainedLogTimestamp: number): Buffer {
  const w = new Writer(16);
  encodeMessage(snapshotHeaderRecord, 0, w, { version: 0, lastContainedLogTimestamp });
  return w.finish();
}

/** SnapshotFooterRecord v0. */
export function encodeSnapshotFooter(): Buffer {
  const w = new Writer(8);
  encodeMessage(snapshotFooterRecord, 0, w, { version: 0 });
  return w.finish();
}

export function decodeSnapshotHeader(value: Buffer | null): { version: number; lastContainedLogTimestamp: number } {
  if (value === null) throw new MetadataRecordError('SnapshotHeaderRecord has no value');
  try {
    return decodeMessage(snapshotHeaderRecord, 0, new Reader(value));
  } catch (e) {
    throw new MetadataRecordError(`malformed SnapshotHeaderRecord: ${(e as Error).message}`, { cause: e });
  }
}

export function decodeSnapshotFooter(value: Buffer | null): { version: number } {
  if (value === null) throw new MetadataRecordError('SnapshotFooterRecord has no value');
  try {
    return decodeMessage(snapshotFooterRecord, 0, new Reader(value));
  } catch (e) {
    throw new MetadataRecordError(`malformed SnapshotFooterRecord: ${(e as Error).message}`, { cause: e });
  }
}
