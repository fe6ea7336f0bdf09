/**
 * Decodes ConsumerProtocol member data of classic groups (Kafka's ConsumerProtocolAssignment and
 * ConsumerProtocolSubscription, versions 0-3, never flexible) for display: the assigned
 * partitions and subscribed topics. Bounded by the bytes given; anything malformed reads as empty.
 */
import { Reader } from '../../broker/protocol';

/** ConsumerProtocolAssignment: version int16, [topic string, [partition int32]], userData bytes. */
export function decodeAssignment(bytes: Buffer): { topic: string; partitions: number[] }[] {
  if (bytes.length < 2) return [];
  try {
    const r = new Reader(bytes);
    r.int16();
    const topics = r.arrayLength(false, 6);
    const out: { topic: string; partitions: number[] }[] = [];
    for (let i = 0; i < topics; i++) {
      const topic = r.string();
      const n = r.arrayLength(false, 4);
      const partitions: number[] = [];
      for (let j = 0; j < n; j++) partitions.push(r.int32());
      out.push({ topic, partitions });
    }
    return out;
  } catch {
    return [];
  }
}

/** ConsumerProtocolSubscription: version int16, [topic string], userData, … (topics only). */
export function decodeSubscription(bytes: Buffer): { version: number; topics: string[] } | null {
  if (bytes.length < 2) return null;
  try {
    const r = new Reader(bytes);
    const version = r.int16();
    const n = r.arrayLength(false, 2);
    const topics: string[] = [];
    for (let i = 0; i < n; i++) topics.push(r.string());
    return { version, topics };
  } catch {
    return null;
  }
}
