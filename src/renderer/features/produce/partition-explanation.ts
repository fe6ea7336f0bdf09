/**
 * Why a record lands on its partition, in the default partitioner's own steps (Kafka's
 * BuiltInPartitioner / kafkajs DefaultPartitioner): toPositive(murmur2(keyBytes)) % numPartitions
 * for a key; for a null key kafkajs goes round-robin over partitions that have a leader, while
 * Java clients since 2.4 stick to one partition per batch (KIP-480, refined by KIP-794).
 */
import { murmur2, toPositive } from '../../../shared/partitioner';
import { base64ToBytes } from '../messages/decode';

export interface PartitionExplanation {
  /** The partition the record will go to, when it can be known before sending. */
  partition: number | null;
  steps: string[];
}

const hex32 = (n: number) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

export function explainPartition(input: { key: string | null; encoding: 'utf8' | 'base64'; partition: number | null; partitionCount: number }): PartitionExplanation {
  const { key, partition, partitionCount } = input;
  if (partition !== null) {
    return { partition, steps: [`Partition ${partition} chosen explicitly: the partitioner is not asked.`] };
  }
  if (partitionCount <= 0) return { partition: null, steps: ['The topic has no partitions known to the UI yet.'] };
  if (key === null) {
    return {
      partition: null,
      steps: [
        'No key: the default partitioner has nothing to hash.',
        `kafkajs (this panel) sends keyless records round-robin over those of the ${partitionCount} partitions that have a leader.`,
        'Java clients ≥ 2.4 use the sticky partitioner instead: one partition per batch, switching when a batch is sent (KIP-480, KIP-794).',
      ],
    };
  }
  const bytes = input.encoding === 'base64' ? base64ToBytes(key) : new TextEncoder().encode(key);
  const hash = murmur2(bytes);
  const positive = toPositive(hash);
  const result = positive % partitionCount;
  return {
    partition: result,
    steps: [
      `key bytes (${input.encoding === 'base64' ? 'raw' : 'UTF-8'}): ${bytes.length} byte${bytes.length === 1 ? '' : 's'}`,
      `murmur2(key) = ${hash} (${hex32(hash)})`,
      `toPositive(…) = ${positive} (sign bit cleared, not Math.abs)`,
      `${positive} mod ${partitionCount} partitions = ${result}`,
      'Every client using Kafka\'s default partitioner (Java, kafkajs) puts this key on this partition; librdkafka\'s default (consistent_random, CRC32) may not.',
    ],
  };
}
