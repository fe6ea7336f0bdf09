/**
 * What a fuzz run did: cases per family, requests and answers per API version (so a run can show
 * it reached every served API at every version, and how often a request got past validation),
 * and the numbers the closing note reports (longest round, peak rss, host restarts).
 */
import { API_NAMES, errorName } from '../protocol';
import type { AdvertisedApi } from '../wire/handler-registry';
import type { Answer } from './lane';

export class RunStats {
  cases = 0;
  durationMs = 0;
  longestRoundMs = 0;
  peakRss = 0;
  hostRestarts = 0;
  goodRecords = 0;
  readonly byFamily = new Map<string, number>();
  /** `apiKey/version` → responses received. */
  readonly answeredVersions = new Map<string, number>();
  readonly answerKinds = new Map<Answer['kind'], number>();
  /** Error names in responses (UNKNOWN_SERVER_ERROR marks a handler that threw). */
  readonly errors = new Map<string, number>();

  constructor(private readonly advertised: readonly AdvertisedApi[]) {}

  familyCase(family: string): void {
    this.byFamily.set(family, (this.byFamily.get(family) ?? 0) + 1);
  }

  answered(apiKey: number, version: number, answer: Answer, codes: number[]): void {
    this.answerKinds.set(answer.kind, (this.answerKinds.get(answer.kind) ?? 0) + 1);
    if (answer.kind !== 'response') return;
    const key = `${apiKey}/${version}`;
    this.answeredVersions.set(key, (this.answeredVersions.get(key) ?? 0) + 1);
    for (const code of codes) {
      const name = code === 0 ? 'NONE' : errorName(code);
      this.errors.set(name, (this.errors.get(name) ?? 0) + 1);
    }
  }

  /** Advertised `API vN` pairs that never got a response. */
  unansweredVersions(): string[] {
    return this.advertised.flatMap((a) => Array.from({ length: a.maxVersion - a.minVersion + 1 }, (_, i) => a.minVersion + i)
      .filter((v) => !this.answeredVersions.has(`${a.apiKey}/${v}`))
      .map((v) => `${API_NAMES.get(a.apiKey) ?? a.apiKey} v${v}`));
  }

  summary(): string {
    const top = (m: Map<string, number>, n: number): string => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ${v}`).join(', ');
    return [
      `${this.cases} cases in ${(this.durationMs / 1000).toFixed(1)} s; longest round ${this.longestRoundMs} ms; peak rss ${(this.peakRss / 2 ** 20).toFixed(0)} MiB; host restarts ${this.hostRestarts}; good-client records ${this.goodRecords}`,
      `families: ${top(this.byFamily, 40)}`,
      `answers: ${top(new Map([...this.answerKinds].map(([k, v]) => [k, v])), 10)}`,
      `error codes: ${top(this.errors, 25)}`,
      `API versions answered: ${this.answeredVersions.size}; never answered: ${this.unansweredVersions().join(', ') || 'none'}`,
    ].join('\n');
  }
}
