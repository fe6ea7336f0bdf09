/**
 * The concepts of Kafka's introduction (https://kafka.apache.org/documentation/#introduction)
 * that have an explainer, in the order a learner meets them, with the name and question the
 * "?" buttons and the Concepts index show.
 */

/** The concepts of Kafka's introduction that have an explainer. */
export type ConceptId =
  | 'producer' | 'consumer' | 'topic' | 'partition' | 'offset' | 'broker' | 'consumer-group' | 'record-key'
  | 'replication' | 'isr' | 'high-watermark' | 'leader-election' | 'delivery-semantics' | 'idempotence'
  | 'transactions' | 'retention' | 'compaction' | 'kraft';

export interface ConceptName {
  /** Short name as the UI and Kafka say it ("ISR", "High watermark"). */
  title: string;
  /** The "?" button's accessible name ("What is ISR?"). */
  question: string;
}

/** Every ConceptId with its name; the index lists them in this order. */
export const CONCEPTS: Readonly<Record<ConceptId, ConceptName>> = {
  producer: { title: 'Producer', question: 'What is a producer?' },
  consumer: { title: 'Consumer', question: 'What is a consumer?' },
  topic: { title: 'Topic', question: 'What is a topic?' },
  partition: { title: 'Partition', question: 'What is a partition?' },
  offset: { title: 'Offset', question: 'What is an offset?' },
  broker: { title: 'Broker', question: 'What is a broker?' },
  'consumer-group': { title: 'Consumer group', question: 'What is a consumer group?' },
  'record-key': { title: 'Record key', question: 'What is a record key?' },
  replication: { title: 'Replication', question: 'What is replication?' },
  isr: { title: 'ISR', question: 'What is ISR?' },
  'high-watermark': { title: 'High watermark', question: 'What is the high watermark?' },
  'leader-election': { title: 'Leader election and epochs', question: 'What are leader election and leader epochs?' },
  'delivery-semantics': { title: 'Delivery semantics', question: 'What are delivery semantics?' },
  idempotence: { title: 'Idempotence', question: 'What is idempotence?' },
  transactions: { title: 'Transactions', question: 'What are transactions?' },
  retention: { title: 'Retention', question: 'What is retention?' },
  compaction: { title: 'Compaction', question: 'What is log compaction?' },
  kraft: { title: 'KRaft', question: 'What is KRaft?' },
};

export const CONCEPT_IDS = Object.keys(CONCEPTS) as ConceptId[];

export function isConceptId(value: string): value is ConceptId {
  return Object.prototype.hasOwnProperty.call(CONCEPTS, value);
}
