/** Every concept's explainer, by ConceptId (a missing one is a compile error). */
import type { ConceptId } from '../concepts';
import type { Explainer } from '../explainer-types';
import { broker, consumer, offset, partition, producer, topic } from './basics';
import { deliverySemantics, idempotence, transactions } from './delivery';
import { consumerGroup, recordKey } from './groups-and-keys';
import { highWatermark, isr, leaderElection, replication } from './replication';
import { compaction, kraft, retention } from './storage-and-kraft';

export const EXPLAINERS: Readonly<Record<ConceptId, Explainer>> = {
  producer, consumer, topic, partition, offset, broker,
  'consumer-group': consumerGroup, 'record-key': recordKey,
  replication, isr, 'high-watermark': highWatermark, 'leader-election': leaderElection,
  'delivery-semantics': deliverySemantics, idempotence, transactions,
  retention, compaction, kraft,
};
