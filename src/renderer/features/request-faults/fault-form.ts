/**
 * The request fault form's draft and its checks (issue 18), in the same words the cluster uses
 * when it refuses (src/broker/cluster/faults/request-faults.ts), so nothing invalid is sent.
 */
import { MAX_REQUEST_FAULT_COUNT, MAX_REQUEST_FAULT_DELAY_MS, type RequestFaultSpec } from '../../../shared/request-faults';

export interface FaultDraft {
  apiName: string;
  kind: 'error' | 'delay' | 'disconnect';
  errorName: string;
  delayMs: string;
  count: string;
  /** '' = any topic. */
  topic: string;
  /** '' = any partition of the topic. */
  partition: string;
  /** '' = any client. */
  clientId: string;
  /** '' = any broker. */
  brokerId: string;
}

export const emptyFaultDraft: FaultDraft = {
  apiName: 'Produce', kind: 'error', errorName: 'NOT_LEADER_OR_FOLLOWER', delayMs: '2000', count: '3', topic: '', partition: '', clientId: '', brokerId: '',
};

const whole = (text: string): number | null => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

/** The spec to send, or the first problem per field. */
export function checkFaultDraft(d: FaultDraft): { spec: RequestFaultSpec } | { errors: Partial<Record<keyof FaultDraft, string>> } {
  const errors: Partial<Record<keyof FaultDraft, string>> = {};
  const count = whole(d.count);
  if (count === null || count < 1 || count > MAX_REQUEST_FAULT_COUNT) errors.count = `A whole number of requests, 1 to ${MAX_REQUEST_FAULT_COUNT.toLocaleString('en')}`;
  const delayMs = whole(d.delayMs);
  if (d.kind === 'delay' && (delayMs === null || delayMs < 1 || delayMs > MAX_REQUEST_FAULT_DELAY_MS)) errors.delayMs = `Whole milliseconds, 1 to ${MAX_REQUEST_FAULT_DELAY_MS.toLocaleString('en')}`;
  const partition = d.partition.trim() === '' ? null : whole(d.partition);
  if (d.partition.trim() !== '' && partition === null) errors.partition = 'A partition number, or empty for any';
  if (partition !== null && d.topic.trim() === '') errors.partition = 'Choose a topic first: a partition is of a topic';
  if (Object.keys(errors).length > 0) return { errors };
  const spec: RequestFaultSpec = {
    apiName: d.apiName,
    action: d.kind === 'error' ? { kind: 'error', errorName: d.errorName } : d.kind === 'delay' ? { kind: 'delay', delayMs: delayMs! } : { kind: 'disconnect' },
    count: count!,
  };
  if (d.topic.trim()) spec.topic = d.topic.trim();
  if (partition !== null) spec.partition = partition;
  if (d.clientId.trim()) spec.clientId = d.clientId.trim();
  if (d.brokerId !== '') spec.brokerId = Number(d.brokerId);
  return { spec };
}
