/**
 * ConsumerProtocol (embedded protocol of protocolType "consumer"), decoded ONLY for display:
 * the coordinator passes member metadata and assignments through byte for byte.
 * Sources: clients/src/main/resources/common/message/ConsumerProtocolSubscription.json and
 * ConsumerProtocolAssignment.json (versions 0–3; KIP-429 cooperative rebalancing added
 * ownedPartitions in v1; KIP-792 generationId in v2; KIP-881 rackId in v3).
 *   Subscription: version int16, topics [string], userData nullable bytes,
 *     ownedPartitions [topic string, partitions [int32]] (v1+), generationId int32 (v2+), rackId nullable string (v3+)
 *   Assignment:   version int16, assignedPartitions [topic string, partitions [int32]], userData nullable bytes
 * Versions above 3 are read as their v3 prefix (forward compatibility rule of the protocol).
 */
import { BinaryReader } from './binary';

export interface TopicPartitions { topic: string; partitions: number[] }

export interface ConsumerSubscription {
  version: number;
  topics: string[];
  userData: Buffer | null;
  ownedPartitions: TopicPartitions[];
  generationId: number;
  rackId: string | null;
}

export interface ConsumerAssignment {
  version: number;
  assignedPartitions: TopicPartitions[];
  userData: Buffer | null;
}

function readTopicPartitions(r: BinaryReader): TopicPartitions[] {
  return r.array((x) => ({ topic: x.string(), partitions: x.array((y) => y.int32()) ?? [] })) ?? [];
}

/** Decodes a subscription, or null when the bytes are not a ConsumerProtocol subscription. */
export function decodeConsumerSubscription(bytes: Buffer): ConsumerSubscription | null {
  try {
    const r = new BinaryReader(bytes);
    const version = r.int16();
    if (version < 0) return null;
    const topics = r.array((x) => x.string()) ?? [];
    const userData = r.nullableBytes();
    const ownedPartitions = version >= 1 && r.remaining > 0 ? readTopicPartitions(r) : [];
    const generationId = version >= 2 && r.remaining > 0 ? r.int32() : -1;
    const rackId = version >= 3 && r.remaining > 0 ? r.nullableString() : null;
    return { version, topics, userData, ownedPartitions, generationId, rackId };
  } catch {
    return null;
  }
}

/** Decodes an assignment, or null when the bytes are empty or not a ConsumerProtocol assignment. */
export function decodeConsumerAssignment(bytes: Buffer): ConsumerAssignment | null {
  if (bytes.length === 0) return null;
  try {
    const r = new BinaryReader(bytes);
    const version = r.int16();
    if (version < 0) return null;
    const assignedPartitions = readTopicPartitions(r);
    const userData = r.remaining > 0 ? r.nullableBytes() : null;
    return { version, assignedPartitions, userData };
  } catch {
    return null;
  }
}
