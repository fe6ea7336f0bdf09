/**
 * The records of `__consumer_offsets`, byte-compatible with Apache Kafka's classic group
 * coordinator (group-coordinator/src/main/resources/common/message/*.json).
 *
 * Key  = [int16 keyVersion][fields]; value = [int16 valueVersion][fields]; a null value is a
 * tombstone (the compacted topic then forgets the key).
 * - key version 0/1 OffsetCommitKey: group string, topic string, partition int32 (Kafka writes 1)
 * - key version 2 GroupMetadataKey: group string
 * - OffsetCommitValue v0: offset int64, metadata string, commitTimestamp int64
 *                     v1: + expireTimestamp int64 (written only when a retention was requested)
 *                     v2: like v0; v3: offset, leaderEpoch int32, metadata, commitTimestamp
 * - GroupMetadataValue v0–v3: protocolType string, generation int32, protocol nullable string,
 *   leader nullable string, currentStateTimestamp int64 (v2+), members [memberId string,
 *   groupInstanceId nullable string (v3+), clientId string, clientHost string,
 *   rebalanceTimeout int32 (v1+), sessionTimeout int32, subscription bytes, assignment bytes]
 * Key versions ≥ 3 are KIP-848 consumer-group records and value versions 4 are flexible; both are
 * reported as 'unknown' and skipped when loading (this coordinator only writes the versions above).
 */
import { BinaryReader, BinaryWriter, SchemaError } from './binary';

export const OFFSET_COMMIT_KEY_VERSION = 1;
export const GROUP_METADATA_KEY_VERSION = 2;
export const OFFSET_COMMIT_VALUE_VERSION = 3;
/** OffsetCommitValue version Kafka writes when the commit carries an explicit expireTimestamp. */
export const OFFSET_COMMIT_VALUE_VERSION_WITH_EXPIRY = 1;
export const GROUP_METADATA_VALUE_VERSION = 3;

export interface OffsetCommitKey { type: 'offset'; group: string; topic: string; partition: number }
export interface GroupMetadataKey { type: 'group'; group: string }
export type OffsetsTopicKey = OffsetCommitKey | GroupMetadataKey | { type: 'unknown'; version: number };

export interface OffsetCommitValue {
  offset: number;
  /** -1 when unknown (values before v3). */
  leaderEpoch: number;
  metadata: string;
  /** ms since the epoch. */
  commitTimestamp: number;
  /** ms since the epoch; -1 unless the value is v1. */
  expireTimestamp: number;
}

export interface GroupMemberRecord {
  memberId: string;
  groupInstanceId: string | null;
  clientId: string;
  clientHost: string;
  rebalanceTimeout: number;
  sessionTimeout: number;
  /** The member's metadata for the selected protocol, byte for byte. */
  subscription: Buffer;
  assignment: Buffer;
}

export interface GroupMetadataValue {
  protocolType: string;
  generation: number;
  protocol: string | null;
  leader: string | null;
  /** ms since the epoch; -1 before v2. */
  currentStateTimestamp: number;
  members: GroupMemberRecord[];
}

export function encodeOffsetCommitKey(group: string, topic: string, partition: number): Buffer {
  return new BinaryWriter().int16(OFFSET_COMMIT_KEY_VERSION).string(group).string(topic).int32(partition).toBuffer();
}

export function encodeGroupMetadataKey(group: string): Buffer {
  return new BinaryWriter().int16(GROUP_METADATA_KEY_VERSION).string(group).toBuffer();
}

/** Writes v3, or v1 when expireTimestamp ≥ 0 (as Kafka does for OffsetCommit v2–v4 retentionTimeMs). */
export function encodeOffsetCommitValue(v: OffsetCommitValue): Buffer {
  const w = new BinaryWriter();
  if (v.expireTimestamp >= 0) {
    return w.int16(OFFSET_COMMIT_VALUE_VERSION_WITH_EXPIRY).int64(v.offset).string(v.metadata)
      .int64(v.commitTimestamp).int64(v.expireTimestamp).toBuffer();
  }
  return w.int16(OFFSET_COMMIT_VALUE_VERSION).int64(v.offset).int32(v.leaderEpoch).string(v.metadata)
    .int64(v.commitTimestamp).toBuffer();
}

export function encodeGroupMetadataValue(v: GroupMetadataValue): Buffer {
  return new BinaryWriter()
    .int16(GROUP_METADATA_VALUE_VERSION)
    .string(v.protocolType)
    .int32(v.generation)
    .nullableString(v.protocol)
    .nullableString(v.leader)
    .int64(v.currentStateTimestamp)
    .array(v.members, (w, m) => {
      w.string(m.memberId).nullableString(m.groupInstanceId).string(m.clientId).string(m.clientHost)
        .int32(m.rebalanceTimeout).int32(m.sessionTimeout).bytes(m.subscription).bytes(m.assignment);
    })
    .toBuffer();
}

/** @throws SchemaError when the key is truncated. */
export function decodeOffsetsTopicKey(key: Buffer): OffsetsTopicKey {
  const r = new BinaryReader(key);
  const version = r.int16();
  if (version === 0 || version === 1) return { type: 'offset', group: r.string(), topic: r.string(), partition: r.int32() };
  if (version === 2) return { type: 'group', group: r.string() };
  return { type: 'unknown', version };
}

/** @throws SchemaError for truncated values or versions other than 0–3. */
export function decodeOffsetCommitValue(value: Buffer): OffsetCommitValue {
  const r = new BinaryReader(value);
  const version = r.int16();
  switch (version) {
    case 0:
    case 2:
      return { offset: r.int64(), leaderEpoch: -1, metadata: r.string(), commitTimestamp: r.int64(), expireTimestamp: -1 };
    case 1:
      return { offset: r.int64(), leaderEpoch: -1, metadata: r.string(), commitTimestamp: r.int64(), expireTimestamp: r.int64() };
    case 3:
      return { offset: r.int64(), leaderEpoch: r.int32(), metadata: r.string(), commitTimestamp: r.int64(), expireTimestamp: -1 };
    default:
      throw new SchemaError(`OffsetCommitValue version ${version} is not supported`);
  }
}

/** @throws SchemaError for truncated values or versions other than 0–3. */
export function decodeGroupMetadataValue(value: Buffer): GroupMetadataValue {
  const r = new BinaryReader(value);
  const version = r.int16();
  if (version < 0 || version > 3) throw new SchemaError(`GroupMetadataValue version ${version} is not supported`);
  const protocolType = r.string();
  const generation = r.int32();
  const protocol = r.nullableString();
  const leader = r.nullableString();
  const currentStateTimestamp = version >= 2 ? r.int64() : -1;
  const members = r.array((m) => {
    const memberId = m.string();
    const groupInstanceId = version >= 3 ? m.nullableString() : null;
    const clientId = m.string();
    const clientHost = m.string();
    const rebalanceTimeout = version >= 1 ? m.int32() : -1;
    const sessionTimeout = m.int32();
    return { memberId, groupInstanceId, clientId, clientHost, rebalanceTimeout: rebalanceTimeout < 0 ? sessionTimeout : rebalanceTimeout, sessionTimeout, subscription: m.bytes(), assignment: m.bytes() };
  }) ?? [];
  return { protocolType, generation, protocol, leader, currentStateTimestamp, members };
}
