/**
 * topicId → topic name as a broker knows it, for the requests that name topics by id (Fetch v13+,
 * Metadata v12, DeleteTopics v6; KIP-516) and the connection view. The model answers from the
 * broker's own metadata image, cached per metadata offset (KafkaCluster.topicNameById), so a broker
 * that has not yet applied a deletion still knows the old id and one that has does not — an index
 * kept here and dropped on the controller's topic events went stale between the two.
 */
import type { KafkaCluster } from '../cluster/api';

export class TopicIdIndex {
  constructor(private readonly cluster: Pick<KafkaCluster, 'topicNameById'>) {}

  /** The name of `topicId` at `brokerId`, or undefined if that broker knows no such topic. */
  name(brokerId: number, topicId: string): string | undefined {
    return this.cluster.topicNameById(brokerId, topicId) ?? undefined;
  }

  /** Nothing to release (kept for the host's shutdown sequence). */
  close(): void {}
}
