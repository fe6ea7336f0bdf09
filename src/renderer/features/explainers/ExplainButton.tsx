/** A "?" beside a concept that opens its explainer (issue 14). Placeholder until h-explain lands. */

/** The concepts of Kafka's introduction that have an explainer. */
export type ConceptId =
  | 'producer' | 'consumer' | 'topic' | 'partition' | 'offset' | 'broker' | 'consumer-group' | 'record-key'
  | 'replication' | 'isr' | 'high-watermark' | 'leader-election' | 'delivery-semantics' | 'idempotence'
  | 'transactions' | 'retention' | 'compaction' | 'kraft';

export interface ExplainButtonProps {
  concept: ConceptId;
  /** Accessible label override; default "What is <concept>?". */
  label?: string;
}

export function ExplainButton(_props: ExplainButtonProps) {
  return null;
}
