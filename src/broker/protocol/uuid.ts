/**
 * Kafka UUIDs (topic ids, KIP-516): 16 bytes on the wire, shown as URL-safe base64 without
 * padding (22 characters), as org.apache.kafka.common.Uuid.toString() does.
 */

/** The all-zero UUID in Kafka's base64url form (Uuid.ZERO_UUID). */
export const ZERO_UUID = 'AAAAAAAAAAAAAAAAAAAAAA';

/** 16 raw bytes → Kafka's string form: URL-safe base64 without padding (22 chars), as Uuid.toString(). */
export function uuidToString(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, 16).toString('base64url');
}

/** Kafka's base64url UUID string → 16 bytes. Throws TypeError unless it decodes to exactly 16 bytes. */
export function uuidFromString(s: string): Buffer {
  const b = Buffer.from(s, 'base64url');
  if (b.length !== 16) throw new TypeError(`not a Kafka UUID (base64url of 16 bytes): ${JSON.stringify(s)}`);
  return b;
}
