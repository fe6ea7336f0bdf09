/**
 * The "New cluster…" form's draft (strings as typed) and its checks, in the words the host uses
 * (shared/host-session-contract.ts newClusterFieldErrors); broker configs are `name=value`
 * lines, checked by the host against Kafka's broker config definitions.
 */
import { newClusterFieldErrors, racksRoundRobin, type NewClusterRequest } from '../../../shared/host-session-contract';

export interface NewClusterDraft {
  brokers: string;
  /** How many racks the brokers are spread over (round-robin: rack-a, rack-b, …); 0 = no broker.rack. */
  racks: string;
  controllers: '0' | '1' | '3' | '5';
  /** Empty = a random seed. */
  seed: string;
  /** One `name=value` per line. */
  brokerConfig: string;
}

export type DraftField = 'brokers' | 'racks' | 'controllers' | 'seed' | 'brokerConfig';

export const emptyNewClusterDraft: NewClusterDraft = { brokers: '3', racks: '0', controllers: '0', seed: '', brokerConfig: '' };

function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The request the draft stands for, and the problem of each field (first one per field). */
export function readNewClusterDraft(draft: NewClusterDraft): { request: NewClusterRequest; errors: Partial<Record<DraftField, string>> } {
  const errors: Partial<Record<DraftField, string>> = {};
  const brokers = wholeNumber(draft.brokers);
  const rackCount = wholeNumber(draft.racks);
  if (Number.isNaN(rackCount) || rackCount > (Number.isInteger(brokers) && brokers > 0 ? brokers : 32)) errors.racks = `racks must be a whole number from 0 (no broker.rack) to the broker count, got ${draft.racks.trim() || 'nothing'}`;
  const brokerConfig: Record<string, string> = {};
  const lines = draft.brokerConfig.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq <= 0) {
      errors.brokerConfig ??= `each line is name=value, got "${line}"`;
      continue;
    }
    brokerConfig[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  const seedText = draft.seed.trim();
  const request: NewClusterRequest = {
    brokers,
    controllers: Number(draft.controllers),
    ...(errors.racks || Number.isNaN(brokers) ? {} : { racks: racksRoundRobin(brokers, rackCount) }),
    ...(seedText === '' ? {} : { seed: wholeNumber(seedText) }),
    ...(Object.keys(brokerConfig).length > 0 ? { brokerConfig } : {}),
  };
  for (const error of newClusterFieldErrors(request)) {
    const field = (error.field.split('.')[0] ?? error.field) as DraftField;
    if (field === 'brokers' && Number.isNaN(brokers)) errors.brokers ??= `brokers must be a whole number from 1 to 32, got ${draft.brokers.trim() || 'nothing'}`;
    else if (field === 'seed' && seedText !== '' && Number.isNaN(request.seed)) errors.seed ??= `seed must be a whole number from 0 to ${2 ** 31}, got ${seedText}`;
    else errors[field] ??= error.message;
  }
  return { request, errors };
}

/** Host field errors ("brokerConfig.min.insync.replicas") onto the form's fields. */
export function draftFieldOf(hostField: string): DraftField {
  const head = hostField.split('.')[0];
  return (['brokers', 'racks', 'controllers', 'seed', 'brokerConfig'] as const).find((f) => f === head) ?? 'brokerConfig';
}
