/**
 * A load generator: one kafkajs producer sending `recordsPerSec` records per second in batches
 * every tick (50 ms), with keys drawn from a distribution and values from a template. One send is
 * in flight at a time; when the cluster cannot keep up the generator falls behind rather than
 * queueing without bound, and its rate shows it.
 */
import type { Kafka, Message, Producer } from 'kafkajs';
import type { KeyDistribution, LoadGeneratorConfig, LoadGeneratorStatus } from '../../shared/workbench-contract';
import { LOAD_KEY_COUNT_MAX, LOAD_RATE_MAX, loadGeneratorConfigError } from '../../shared/load-generator-limits';
import { kafkaErrorName } from './error-explainer';
import { kafkajsCompression } from './kafkajs-codecs';

const tickMs = 50;
/** The generator's ceiling and key bound (src/shared/load-generator-limits.ts, which the UI checks against too). */
export const maxRecordsPerSec = LOAD_RATE_MAX;
const maxKeyCount = LOAD_KEY_COUNT_MAX;

/** Returns a key picker for the distribution; `random` in [0,1). */
export function keyPicker(keys: KeyDistribution, random: () => number = Math.random): () => string | null {
  switch (keys.kind) {
    case 'none':
      return () => null;
    case 'fixed': {
      const list = keys.keys.length > 0 ? keys.keys : [''];
      return () => list[Math.floor(random() * list.length)]!;
    }
    case 'uniform': {
      const n = Math.min(Math.max(1, Math.floor(keys.keyCount)), maxKeyCount);
      return () => `key-${Math.floor(random() * n)}`;
    }
    case 'zipf': {
      const n = Math.min(Math.max(1, Math.floor(keys.keyCount)), maxKeyCount);
      // Cumulative weights 1/k^s, searched by bisection: key-0 is the hottest.
      const cdf = new Float64Array(n);
      let sum = 0;
      for (let k = 0; k < n; k++) cdf[k] = sum += 1 / Math.pow(k + 1, keys.exponent);
      return () => {
        const target = random() * sum;
        let lo = 0;
        let hi = n - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (cdf[mid]! < target) lo = mid + 1;
          else hi = mid;
        }
        return `key-${lo}`;
      };
    }
  }
}

/** Fills {{seq}}, {{key}}, {{ts}} and {{rand}} in the value template. */
export function renderValue(template: string, seq: number, key: string | null, nowMs: number, random: () => number = Math.random): string {
  return template.replace(/\{\{(seq|key|ts|rand)\}\}/g, (_, name: string) => {
    switch (name) {
      case 'seq': return String(seq);
      case 'key': return key ?? '';
      case 'ts': return String(nowMs);
      default: return random().toString(36).slice(2, 10);
    }
  });
}

export class LoadGenerator {
  private producer: Producer | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private inFlight = false;
  private issued = 0;
  private readonly startedAt = Date.now();
  private readonly recentAcks: { atMs: number; count: number }[] = [];
  private readonly pickKey: () => string | null;
  private status: Omit<LoadGeneratorStatus, 'ratePerSec'>;

  constructor(readonly id: string, clientId: string, private readonly kafka: Kafka, private readonly config: LoadGeneratorConfig) {
    // Refused, not clamped: a typed 1e9 must not quietly become 50,000 (nor "abc" become 1).
    const invalid = loadGeneratorConfigError(config.recordsPerSec, config.keys.kind === 'uniform' || config.keys.kind === 'zipf' ? config.keys.keyCount : undefined);
    if (invalid) throw new Error(invalid);
    const rate = Math.min(Math.max(1, config.recordsPerSec), maxRecordsPerSec);
    this.config = { ...config, recordsPerSec: rate };
    this.pickKey = keyPicker(config.keys);
    this.status = { id, clientId, config: this.config, running: true, sent: 0, errors: 0, lastError: null, startedAtMs: this.startedAt };
  }

  async start(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 2, initialRetryTime: 100 } });
    await this.producer.connect();
    this.timer = setInterval(() => void this.tick(), tickMs);
  }

  private async tick(): Promise<void> {
    if (this.inFlight || !this.producer || !this.status.running) return;
    const due = Math.floor(((Date.now() - this.startedAt) / 1000) * this.config.recordsPerSec) - this.issued;
    // Never more than 1 s of records in one send: a long stall is not made up all at once.
    const count = Math.min(due, this.config.recordsPerSec);
    if (count <= 0) return;
    const now = Date.now();
    const messages: Message[] = [];
    for (let i = 0; i < count; i++) {
      const key = this.pickKey();
      messages.push({ key, value: renderValue(this.config.valueTemplate, this.issued + i, key, now) });
    }
    this.issued += count;
    this.inFlight = true;
    try {
      await this.producer.send({ topic: this.config.topic, messages, acks: this.config.acks, compression: kafkajsCompression(this.config.compression) });
      this.status.sent += count;
      this.recentAcks.push({ atMs: Date.now(), count });
    } catch (error) {
      this.status.errors += count;
      this.status.lastError = kafkaErrorName(error).errorName;
    } finally {
      this.inFlight = false;
    }
  }

  snapshot(): LoadGeneratorStatus {
    const cutoff = Date.now() - 1000;
    while (this.recentAcks.length > 0 && this.recentAcks[0]!.atMs < cutoff) this.recentAcks.shift();
    return { ...this.status, ratePerSec: this.recentAcks.reduce((n, a) => n + a.count, 0) };
  }

  async stop(): Promise<void> {
    this.status.running = false;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.producer?.disconnect().catch(() => {});
  }
}
