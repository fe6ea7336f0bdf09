/**
 * Client-side checks of a create-topic form, mirroring the broker's own rules (Kafka's
 * Topic.validate: legal characters, 249 characters at most, not "." or ".."). The broker's
 * CommandResult remains the authority and is shown too.
 */

export interface CreateTopicDraft {
  name: string;
  partitions: string;
  replicationFactor: string;
  minInSyncReplicas: string;
  retentionMs: string;
  cleanupPolicy: 'delete' | 'compact' | 'compact,delete';
}

export type DraftErrors = Partial<Record<keyof CreateTopicDraft, string>>;

const legalName = /^[a-zA-Z0-9._-]+$/;

function positiveInteger(text: string): number | null {
  const n = Number(text);
  return text.trim() !== '' && Number.isInteger(n) && n > 0 ? n : null;
}

/** Field → message for every problem; empty when the draft can be sent. */
export function validateCreateTopic(draft: CreateTopicDraft, existing: ReadonlySet<string>, runningBrokers: number): DraftErrors {
  const errors: DraftErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'A topic needs a name.';
  else if (name === '.' || name === '..') errors.name = 'Topic name cannot be "." or "..".';
  else if (name.length > 249) errors.name = 'At most 249 characters.';
  else if (!legalName.test(name)) errors.name = 'Only letters, digits, ".", "_" and "-".';
  else if (existing.has(name)) errors.name = `Topic ${name} already exists.`;
  const partitions = positiveInteger(draft.partitions);
  if (partitions === null) errors.partitions = 'A whole number of at least 1.';
  else if (partitions > 10_000) errors.partitions = 'At most 10,000 partitions here.';
  const rf = positiveInteger(draft.replicationFactor);
  if (rf === null) errors.replicationFactor = 'A whole number of at least 1.';
  else if (rf > runningBrokers) errors.replicationFactor = `Only ${runningBrokers} broker${runningBrokers === 1 ? '' : 's'} running: replication factor ≤ ${runningBrokers}.`;
  const minIsr = positiveInteger(draft.minInSyncReplicas);
  if (minIsr === null) errors.minInSyncReplicas = 'A whole number of at least 1.';
  else if (rf !== null && minIsr > rf) errors.minInSyncReplicas = 'Above the replication factor, no acks=all write could ever succeed.';
  const retention = Number(draft.retentionMs);
  if (draft.retentionMs.trim() === '' || !Number.isInteger(retention) || retention < -1) errors.retentionMs = '-1 (forever) or milliseconds.';
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
