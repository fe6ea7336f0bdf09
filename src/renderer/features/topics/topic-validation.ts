/**
 * Client-side checks of the create-topic form, in Kafka's words and with Kafka's rules
 * (src/shared/topic-names.ts: Topic.validate, Topic.hasCollision, the internal topics), so the
 * form says what the broker would answer before anything is sent. The broker's CommandResult
 * remains the authority and is shown too.
 */
import { collidingTopic, internalTopicCreationError, validateTopicName } from '../../../shared/topic-names';

export interface CreateTopicDraft {
  name: string;
  partitions: string;
  replicationFactor: string;
  minInSyncReplicas: string;
  retentionMs: string;
  cleanupPolicy: 'delete' | 'compact' | 'compact,delete';
}

export type DraftErrors = Partial<Record<keyof CreateTopicDraft, string>>;

/** Most partitions one CreateTopics may create (the broker's MAX_PARTITIONS_PER_BATCH, KAFKA-17870). */
export const MAX_PARTITIONS = 10_000;

/**
 * A whole number in [min, max], or the reason it is not: "1e3", "2.5", "-1", "abc" and "" are
 * refused (Kafka's numPartitions and replicationFactor are INT32 counts; exponent and decimal
 * notation are not integers as typed, even where they denote one).
 */
export function wholeNumber(text: string, what: string, min: number, max: number, maxReason = ''): { value: number } | { error: string } {
  const t = text.trim();
  if (t === '') return { error: `${what} is required: a whole number from ${min} to ${max.toLocaleString('en')}.` };
  if (!/^[+-]?\d+$/.test(t)) return { error: `"${t}" is not a whole number: ${what} takes digits only (${min}–${max.toLocaleString('en')}).` };
  const n = Number(t);
  if (n < min) return { error: `${what} must be at least ${min}, got ${n}.` };
  if (n > max) return { error: `${what} must be at most ${max.toLocaleString('en')}${maxReason}, got ${n.toLocaleString('en')}.` };
  return { value: n };
}

/** Field → message for every problem; empty when the draft can be sent. */
export function validateCreateTopic(draft: CreateTopicDraft, existing: ReadonlySet<string>, runningBrokers: number): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  const nameError = validateTopicName(name);
  if (nameError) errors.name = `INVALID_TOPIC_EXCEPTION: ${nameError}`;
  else if (existing.has(name)) errors.name = `TOPIC_ALREADY_EXISTS: Topic '${name}' already exists.`;
  else {
    const internal = internalTopicCreationError(name);
    const collision = collidingTopic(name, existing);
    if (internal) errors.name = `INVALID_REQUEST: ${internal}`;
    else if (collision !== null) errors.name = `INVALID_TOPIC_EXCEPTION: Topic '${name}' collides with existing topic: ${collision} ('.' and '_' become the same in metric names).`;
  }
  const partitions = wholeNumber(draft.partitions, 'Partitions', 1, MAX_PARTITIONS, ' per request (the controller\'s limit)');
  if ('error' in partitions) errors.partitions = partitions.error;
  const brokersMax = Math.max(1, runningBrokers);
  const rf = wholeNumber(draft.replicationFactor, 'Replication factor', 1, brokersMax);
  if ('error' in rf) {
    const typed = Number(draft.replicationFactor.trim());
    errors.replicationFactor = /^[+-]?\d+$/.test(draft.replicationFactor.trim()) && typed > brokersMax
      ? `Only ${runningBrokers} broker${runningBrokers === 1 ? '' : 's'} running: replication factor must be at most ${brokersMax}, got ${typed.toLocaleString('en')} (Kafka answers INVALID_REPLICATION_FACTOR).`
      : rf.error;
  }
  const minIsr = wholeNumber(draft.minInSyncReplicas, 'min.insync.replicas', 1, 'value' in rf ? rf.value : brokersMax, ' (the replication factor: above it no acks=all write could ever succeed)');
  if ('error' in minIsr) errors.minInSyncReplicas = minIsr.error;
  const retention = draft.retentionMs.trim();
  if (!/^-?\d+$/.test(retention) || Number(retention) < -1) errors.retentionMs = `Invalid value ${retention || '""'} for configuration retention.ms: -1 (forever) or a whole number of milliseconds.`;
  return errors;
}

/** The configs a valid draft sends (only what differs from Kafka's defaults). */
export function draftConfigs(draft: CreateTopicDraft): Record<string, string> {
  const configs: Record<string, string> = {};
  if (draft.cleanupPolicy !== 'delete') configs['cleanup.policy'] = draft.cleanupPolicy;
  if (draft.minInSyncReplicas.trim() !== '1') configs['min.insync.replicas'] = draft.minInSyncReplicas.trim();
  if (draft.retentionMs.trim() !== '604800000') configs['retention.ms'] = draft.retentionMs.trim();
  return configs;
}

/** Why the Create button is disabled, in one sentence; null when it is enabled. */
export function disabledReason(errors: DraftErrors): string | null {
  const labels: Record<keyof CreateTopicDraft, string> = { name: 'name', partitions: 'partitions', replicationFactor: 'replication factor', minInSyncReplicas: 'min.insync.replicas', retentionMs: 'retention.ms', cleanupPolicy: 'cleanup.policy' };
  const fields = (Object.keys(errors) as (keyof CreateTopicDraft)[]).map((k) => labels[k]);
  return fields.length === 0 ? null : `Fix ${fields.join(', ')} first.`;
}
