/**
 * Kafka wire primitives: a bounds-checked Reader over a Buffer and a growable Writer.
 *
 * Source: the "Protocol Primitive Types" section of the Kafka protocol guide
 * (https://kafka.apache.org/protocol#protocol_types) and KIP-482 (compact types, tagged fields).
 * All integers are big-endian; varints are protobuf-style, signed ones zigzag-encoded.
 *
 * Safety contract of the Reader: every read checks the bytes left first and throws
 * `ProtocolDecodeError` past the end, so a length read from the wire is compared with what is
 * left before anything is allocated. Byte fields are returned as subarrays (no copy).
 *
 * int64 is a JS number. Reads beyond ±(2^53−1) clamp to ±Number.MAX_SAFE_INTEGER (Kafka uses
 * such values only as sentinels such as Long.MAX_VALUE). Writes of a non-safe number clamp to the
 * int64 range, so writing `Infinity` produces Long.MAX_VALUE and `-Infinity` Long.MIN_VALUE.
 */

export { ProtocolDecodeError } from './decode-error';
export { ZERO_UUID, uuidFromString, uuidToString } from './uuid';
export { Reader } from './reader';
export { Writer } from './writer';
