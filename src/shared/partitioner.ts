// Kafka's default key partitioner: toPositive(murmur2(keyBytes)) % numPartitions, where murmur2 is
// the Java client's org.apache.kafka.common.utils.Utils.murmur2 (MurmurHash2, seed 0x9747b28c,
// little-endian 4-byte blocks, signed 32-bit arithmetic). Java's BuiltInPartitioner.partitionForKey
// and kafkajs's DefaultPartitioner use it; librdkafka's default (consistent_random, CRC32) does
// not, so the same key can land elsewhere from a librdkafka producer. Imported by the browser UI:
// no Buffer, no node modules.

const SEED = 0x9747b28c;
const M = 0x5bd1e995;
const R = 24;

/** Java's Utils.murmur2: the signed 32-bit MurmurHash2 of `data`. */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const blocks = length >>> 2;
  for (let i = 0; i < blocks; i++) {
    const i4 = i * 4;
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> R;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  // Java's switch on length % 4 falls through from 3 to 2 to 1.
  const tail = length & ~3;
  const rest = length & 3;
  if (rest === 3) h ^= data[tail + 2]! << 16;
  if (rest >= 2) h ^= data[tail + 1]! << 8;
  if (rest >= 1) {
    h ^= data[tail]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Java's Utils.toPositive: clears the sign bit (not Math.abs, which differs for negatives). */
export function toPositive(n: number): number {
  return n & 0x7fffffff;
}

/** The partition Kafka's default partitioner picks for a non-null key: toPositive(murmur2(key)) % numPartitions. */
export function partitionForKey(key: Uint8Array, numPartitions: number): number {
  if (!Number.isInteger(numPartitions) || numPartitions <= 0) throw new RangeError(`numPartitions must be a positive integer, got ${numPartitions}`);
  return toPositive(murmur2(key)) % numPartitions;
}

/** partitionForKey for a string key, encoded as UTF-8 as the Java StringSerializer and kafkajs do. */
export function partitionForStringKey(key: string, numPartitions: number): number {
  return partitionForKey(new TextEncoder().encode(key), numPartitions);
}
