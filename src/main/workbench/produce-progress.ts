/**
 * The UI producer's retry policy and the record of its attempts while a send runs.
 *
 * Kafka's Java producer retries a retriable error (NOT_ENOUGH_REPLICAS, NOT_LEADER_OR_FOLLOWER, a
 * failed connection…) for up to delivery.timeout.ms (120,000 ms), retry.backoff.ms (100 ms) apart,
 * growing exponentially up to retry.backoff.max.ms (1,000 ms, KIP-580). A panel that shows one
 * produce request must not hide two minutes of that: it makes at most `uiProduceMaxAttempts`
 * attempts with the same backoff rule, shows each attempt's error as it happens, and then the final
 * one. acks=0 is never retried (Kafka: "the retries configuration will not take effect"), and
 * neither is REQUEST_TIMED_OUT: that attempt already waited a whole request timeout.
 */
import { uiProducerRetryPolicy, type ProduceAttempt, type ProduceProgress } from '../../shared/workbench-contract';

/** Attempts per send from the Produce panel: the first and two retries. */
export const uiProduceMaxAttempts = uiProducerRetryPolicy.maxAttempts;
/** Kafka's retry.backoff.ms and retry.backoff.max.ms defaults (KIP-580), ms. */
export const retryBackoffMs = uiProducerRetryPolicy.retryBackoffMs;
export const retryBackoffMaxMs = uiProducerRetryPolicy.retryBackoffMaxMs;

/** Wait after failed attempt `attempt` (1-based): retry.backoff.ms × 2^(attempt−1), capped. No jitter: the panel's numbers are read by people. */
export function backoffAfter(attempt: number): number {
  return Math.min(retryBackoffMs * 2 ** (attempt - 1), retryBackoffMaxMs);
}

/** Finished sends stay readable this long (ms), so a last poll after the answer still finds them. */
const keepDoneMs = 60_000;
/** Bound on remembered sends, all viewers together: request ids come from outside. */
const maxEntries = 256;

interface Entry {
  progress: ProduceProgress;
  startedMs: number;
  doneMs: number | null;
}

export class ProduceProgressBook {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Starts recording a send; returns the function that records a failed attempt. */
  start(requestId: string, maxAttempts: number): { failed(attempt: Omit<ProduceAttempt, 'atMs'>): ProduceAttempt; done(): void } {
    this.prune();
    const entry: Entry = { progress: { requestId, attempts: [], maxAttempts, state: 'sending', elapsedMs: 0 }, startedMs: this.now(), doneMs: null };
    this.entries.delete(requestId);
    this.entries.set(requestId, entry);
    return {
      failed: (attempt) => {
        const recorded = { ...attempt, atMs: this.now() - entry.startedMs };
        entry.progress.attempts.push(recorded);
        return recorded;
      },
      done: () => {
        entry.progress.state = 'done';
        entry.doneMs = this.now();
      },
    };
  }

  get(requestId: string): ProduceProgress | null {
    const entry = this.entries.get(requestId);
    if (!entry) return null;
    const end = entry.doneMs ?? this.now();
    return { ...entry.progress, attempts: [...entry.progress.attempts], elapsedMs: end - entry.startedMs };
  }

  private prune(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) {
      if (entry.doneMs !== null && now - entry.doneMs > keepDoneMs) this.entries.delete(id);
    }
    // Oldest first (Map keeps insertion order).
    while (this.entries.size >= maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}
