/**
 * `partition.metadata` in each partition directory (Kafka's PartitionMetadataFile, KIP-516): the
 * topic ID the directory belongs to, so a directory left from a deleted topic of the same name is
 * never mistaken for the new one. Text: `version: 0` then `topic_id: <base64url UUID>`.
 */
import { uuidFromString } from '../../protocol/uuid';

export const PARTITION_METADATA_FILE = 'partition.metadata';

export function encodePartitionMetadata(topicId: string): string {
  uuidFromString(topicId);
  return `version: 0\ntopic_id: ${topicId}\n`;
}

/** The topic ID; throws Error naming the problem on a malformed file (PartitionMetadataReadBuffer). */
export function decodePartitionMetadata(text: string): { topicId: string } {
  const lines = text.split('\n').filter((l) => l !== '');
  const version = /^version: (\d+)$/.exec(lines[0] ?? '');
  if (!version || version[1] !== '0') throw new Error(`partition.metadata: unrecognised version line ${JSON.stringify(lines[0] ?? '')}`);
  const id = /^topic_id: (\S+)$/.exec(lines[1] ?? '');
  if (!id) throw new Error(`partition.metadata: malformed topic_id line ${JSON.stringify(lines[1] ?? '')}`);
  uuidFromString(id[1]!);
  return { topicId: id[1]! };
}
