/**
 * Which internal-topic partition holds a group's or a transactional id's state.
 * Kafka: GroupMetadataManager.partitionFor / TransactionStateManager.partitionFor =
 * `Utils.abs(key.hashCode) % partitionCount`, where hashCode is Java's String.hashCode over
 * UTF-16 code units (int32 overflow) and Utils.abs maps Integer.MIN_VALUE to 0.
 * Known values with 50 partitions: "my-group" → 12, "kafka-txn-0" → 30.
 */

/** Java's String.hashCode: s[0]·31^(n−1) + … + s[n−1], int32 wrap-around, over UTF-16 code units. */
export function javaStringHashCode(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

/** Kafka's Utils.abs: |n|, except Integer.MIN_VALUE → 0. */
export function kafkaAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n);
}

/** Partition of `__consumer_offsets` (for a groupId) or `__transaction_state` (for a transactionalId). */
export function partitionFor(key: string, partitionCount: number): number {
  return kafkaAbs(javaStringHashCode(key)) % partitionCount;
}
