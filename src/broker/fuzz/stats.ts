/**
 * What a fuzz run did: cases per family, requests and answers per API version (so a run can show
 * it reached every served API at every version, and how often a request got past validation),
 * and the numbers the closing note reports (longest round, peak rss, host restarts).
 */
import { API_NAMES, errorName } from '../protocol';
import type { ApiHandler } from '../wire/handler';
import type { Answer } from './lane';

export class RunStats {
  cases = 0;
  durationMs = 0;
  longestRoundMs = 0;
  peakRss = 0;
  hostRestarts = 0;
  brokerRestarts = 0;
  goodRecords = 0;
  /** Partitions in the cluster after the last round (the fuzz cases create and delete topics). */
  partitions = 0;
  /** Bytes in every replica's log plus the input log after the last round. */
  heldBytes = 0;
  /** Real ms spent sending cases, running background time, and checking the good client. */
  readonly phaseMs = { cases: 0, background: 0, goodClient: 0 };
  readonly byFamily = new Map<string, number>();
  /** `apiKey/version` → responses received. */
  readonly answeredVersions = new Map<string, number>();
  readonly answerKinds = new Map<Answer['kind'], number>();
  /** Requests left unanswered past the lane's timeout, by API version (long polls, or slow handlers). */
  readonly timeouts = new Map<string, number>();
  /** Error names in responses (UNKNOWN_SERVER_ERROR marks a handler that threw). */
  readonly errors = new Map<string, number>();

  constructor(private readonly handlers: readonly ApiHandler[]) {}

  familyCase(family: string): void {
    this.byFamily.set(family, (this.byFamily.get(family) ?? 0) + 1);
  }

  answered(apiKey: number, version: number, answer: Answer, codes: number[]): void {
    this.answerKinds.set(answer.kind, (this.answerKinds.get(answer.kind) ?? 0) + 1);
    if (answer.kind === 'timeout') {
      const name = `${API_NAMES.get(apiKey) ?? apiKey} v${version}`;
      this.timeouts.set(name, (this.timeouts.get(name) ?? 0) + 1);
    }
    if (answer.kind !== 'response') return;
    const key = `${apiKey}/${version}`;
    this.answeredVersions.set(key, (this.answeredVersions.get(key) ?? 0) + 1);
    for (const code of codes) {
      const name = code === 0 ? 'NONE' : errorName(code);
      this.errors.set(name, (this.errors.get(name) ?? 0) + 1);
    }
  }

  /**
   * Served `API vN` pairs that never got a response. Versions advertised below a handler's
   * servedMin (Produce v0-2, for librdkafka's sake) are left out: those connections are closed.
   */
  unansweredVersions(): string[] {
    return this.handlers.flatMap((h) => {
      const min = Math.max(h.advertised.min, h.servedMin ?? h.advertised.min);
      return Array.from({ length: h.advertised.max - min + 1 }, (_, i) => min + i)
        .filter((v) => !this.answeredVersions.has(`${h.apiKey}/${v}`))
        .map((v) => `${API_NAMES.get(h.apiKey) ?? h.apiKey} v${v}`);
    });
  }

  summary(): string {
    const top = (m: Map<string, number>, n: number): string => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');
    return [
      `${this.cases} cases in ${(this.durationMs / 1000).toFixed(1)} s; longest round ${this.longestRoundMs} ms; peak rss ${(this.peakRss / 2 ** 20).toFixed(0)} MiB; host restarts ${this.hostRestarts}; broker restarts ${this.brokerRestarts}; good-client records ${this.goodRecords}; partitions at the end ${this.partitions}, holding ${(this.heldBytes / 2 ** 20).toFixed(0)} MiB of logs and input log`,
      `real time: cases ${this.phaseMs.cases} ms, background ${this.phaseMs.background} ms, good client ${this.phaseMs.goodClient} ms`,
      `families: ${top(this.byFamily, 40)}`,
      `answers: ${top(new Map([...this.answerKinds].map(([k, v]) => [k, v])), 10)}`,
      `error codes: ${top(this.errors, 25)}`,
      `unanswered in time: ${top(this.timeouts, 20) || 'none'}`,
      `API versions answered: ${this.answeredVersions.size}; never answered: ${this.unansweredVersions().join(', ') || 'none'}`,
    ].join('\n');
  }
}
