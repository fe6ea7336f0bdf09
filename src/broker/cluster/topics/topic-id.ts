/**
 * Topic IDs (KIP-516): 16 random bytes from the seeded Random, never the zero UUID nor the
 * metadata topic id, and — like Kafka's Uuid.randomUuid — never one whose base64url form starts
 * with '-' (it would parse as a command-line flag).
 */
import type { Random } from '../../sim/random';

export interface TopicId {
  bytes: Uint8Array;
  /** base64url without padding, 22 characters, as Kafka prints it. */
  text: string;
}

export const ZERO_TOPIC_ID: TopicId = { bytes: new Uint8Array(16), text: 'AAAAAAAAAAAAAAAAAAAAAA' };

export function topicIdToString(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export function newTopicId(random: Random): TopicId {
  for (;;) {
    const bytes = random.bytes(16);
    const text = topicIdToString(bytes);
    const zeroOrMetadata = bytes.every((b, i) => b === 0 || (i === 15 && b === 1));
    if (!zeroOrMetadata && !text.startsWith('-')) return { bytes, text };
  }
}
