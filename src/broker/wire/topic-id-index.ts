/**
 * topicId → topic name as a broker knows it, for the requests that name topics by id (Fetch v13+,
 * Metadata v12, DeleteTopics v6; KIP-516). Building it means reading the broker's whole metadata,
 * so it is kept between requests: dropped when a topic is created or deleted anywhere, and rebuilt
 * on a miss (a broker may learn of a new topic after the controller's event).
 */
import type { KafkaCluster } from '../cluster/api';

export class TopicIdIndex {
  private readonly byBroker = new Map<number, Map<string, string>>();
  private readonly unsubscribe: () => void;

  constructor(private readonly cluster: KafkaCluster) {
    this.unsubscribe = cluster.onEvent((event) => {
      if (event.type === 'topic-created' || event.type === 'topic-deleted') this.byBroker.clear();
    });
  }

  /** The name of `topicId` at `brokerId`, or undefined if that broker knows no such topic. */
  name(brokerId: number, topicId: string): string | undefined {
    const cached = this.byBroker.get(brokerId)?.get(topicId);
    if (cached !== undefined) return cached;
    const index = new Map(this.cluster.metadata(brokerId, null, false).topics.map((t) => [t.topicId, t.name]));
    this.byBroker.set(brokerId, index);
    return index.get(topicId);
  }

  close(): void {
    this.unsubscribe();
    this.byBroker.clear();
  }
}
