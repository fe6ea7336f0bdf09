/**
 * Request-level fault rules (issue 18; src/shared/request-faults.ts): model state, changed only by
 * the `inject-request-fault` / `clear-request-faults` commands and by the `request-fault` input the
 * cluster logs when the wire finds a request a rule hits — so a recorded session replays the same
 * hits and timeline events. The wire asks `match` (no state change) and then the cluster consumes
 * through `hit`, in the input log.
 *
 * Matching, like librdkafka's mock cluster (rdkafka_mock.c `rd_kafka_mock_next_request_error`): the
 * oldest active rule for the request's API whose filters all hold; a topic or partition filter holds
 * when the request names that topic (partition) in its topic list.
 */
import { API_NAMES } from '../../protocol/api-keys';
import { ERRORS } from '../../protocol/error-codes';
import { MAX_REQUEST_FAULT_COUNT, MAX_REQUEST_FAULT_DELAY_MS, type RequestFaultSpec, type RequestFaultView } from '../../../shared/request-faults';

/** What the wire knows of a request when it asks. */
export interface FaultableRequest {
  brokerId: number;
  apiName: string;
  clientId: string | null;
  /** The topics (and partitions) the request names; empty for requests without a topic list. Read only when a rule filters by topic. */
  topics(): readonly { topic: string; partitions: readonly number[] }[];
}

const API_BY_NAME = new Map([...API_NAMES.values()].map((name) => [name.toLowerCase(), name]));
const ERROR_NAMES = new Set([...ERRORS.values()].map((e) => e.name));

export class RequestFaultRules {
  private readonly rules: RequestFaultView[] = [];
  private nextFaultId = 1;

  /** Adds a rule; an error sentence when the spec is invalid (INVALID_REQUEST). */
  add(spec: RequestFaultSpec, brokerIds: readonly number[]): RequestFaultView | string {
    const apiName = API_BY_NAME.get(spec.apiName.toLowerCase());
    if (!apiName) return `Unknown Kafka API "${spec.apiName}". Names are Kafka's, e.g. Produce, Fetch, Metadata, JoinGroup.`;
    if (!Number.isInteger(spec.count) || spec.count < 1 || spec.count > MAX_REQUEST_FAULT_COUNT) return `count must be 1..${MAX_REQUEST_FAULT_COUNT}.`;
    const a = spec.action;
    if (a.kind === 'error' && (!ERROR_NAMES.has(a.errorName) || a.errorName === 'NONE')) return `Unknown Kafka error "${a.errorName}" (names as in Kafka's Errors, e.g. NOT_LEADER_OR_FOLLOWER).`;
    if (a.kind === 'delay' && (!Number.isInteger(a.delayMs) || a.delayMs < 1 || a.delayMs > MAX_REQUEST_FAULT_DELAY_MS)) return `delayMs must be 1..${MAX_REQUEST_FAULT_DELAY_MS}.`;
    if (spec.partition !== undefined && (!Number.isInteger(spec.partition) || spec.partition < 0)) return 'partition must be 0 or more.';
    if (spec.partition !== undefined && spec.topic === undefined) return 'A partition filter needs a topic.';
    if (spec.brokerId !== undefined && !brokerIds.includes(spec.brokerId)) return `No broker ${spec.brokerId}.`;
    if (spec.topic !== undefined && spec.topic.length === 0) return 'topic must not be empty.';
    const rule: RequestFaultView = { ...spec, apiName, faultId: this.nextFaultId++, remaining: spec.count, hits: 0 };
    this.rules.push(rule);
    return { ...rule };
  }

  /** Removes one rule (faultId) or all (null); the rules removed. */
  clear(faultId: number | null): RequestFaultView[] {
    const removed = this.rules.filter((r) => faultId === null || r.faultId === faultId);
    for (const r of removed) this.rules.splice(this.rules.indexOf(r), 1);
    return removed;
  }

  /** The rule this request would hit, without consuming it; null when none (the common case: no rules). */
  match(request: FaultableRequest): RequestFaultView | null {
    if (this.rules.length === 0) return null;
    for (const r of this.rules) {
      if (r.apiName !== request.apiName) continue;
      if (r.brokerId !== undefined && r.brokerId !== request.brokerId) continue;
      if (r.clientId !== undefined && r.clientId !== request.clientId) continue;
      if (r.topic !== undefined && !request.topics().some((t) => t.topic === r.topic && (r.partition === undefined || t.partitions.includes(r.partition)))) continue;
      return r;
    }
    return null;
  }

  /** Consumes one hit of the rule; the rule as it was hit, or null when it is gone (replay of a stale input). */
  hit(faultId: number): RequestFaultView | null {
    const rule = this.rules.find((r) => r.faultId === faultId);
    if (!rule) return null;
    rule.remaining--;
    rule.hits++;
    const hitRule = { ...rule };
    if (rule.remaining <= 0) this.rules.splice(this.rules.indexOf(rule), 1);
    return hitRule;
  }

  view(): RequestFaultView[] {
    return this.rules.map((r) => ({ ...r }));
  }

  get size(): number {
    return this.rules.length;
  }
}
