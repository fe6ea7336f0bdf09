/**
 * Rates for the view (bytes in/out per broker, records per topic), averaged over the last
 * WINDOW_MS of simulated time in 1-second buckets. Observation only: never read by the model.
 */
const BUCKET_MS = 1000;
const WINDOW_BUCKETS = 5;

export class RateMeter {
  private buckets: number[] = [];
  private firstBucket = 0;

  add(amount: number, nowMs: number): void {
    const b = Math.floor(nowMs / BUCKET_MS);
    if (this.buckets.length === 0) this.firstBucket = b;
    while (this.firstBucket + this.buckets.length <= b) this.buckets.push(0);
    this.buckets[b - this.firstBucket]! += amount;
    while (this.buckets.length > WINDOW_BUCKETS + 1) {
      this.buckets.shift();
      this.firstBucket++;
    }
  }

  /** Per-second rate over the last WINDOW_BUCKETS complete-or-current buckets. */
  rate(nowMs: number): number {
    const b = Math.floor(nowMs / BUCKET_MS);
    let sum = 0;
    for (let i = 0; i < this.buckets.length; i++) {
      const idx = this.firstBucket + i;
      if (idx > b - WINDOW_BUCKETS && idx <= b) sum += this.buckets[i]!;
    }
    return sum / WINDOW_BUCKETS;
  }
}

export class Meters {
  private readonly brokerIn = new Map<number, RateMeter>();
  private readonly brokerOut = new Map<number, RateMeter>();
  private readonly topicRecords = new Map<string, RateMeter>();

  private static get<K>(m: Map<K, RateMeter>, k: K): RateMeter {
    let r = m.get(k);
    if (!r) m.set(k, (r = new RateMeter()));
    return r;
  }

  recordAppend(brokerId: number, topic: string, records: number, bytes: number, nowMs: number): void {
    Meters.get(this.brokerIn, brokerId).add(bytes, nowMs);
    Meters.get(this.topicRecords, topic).add(records, nowMs);
  }

  recordBytesOut(brokerId: number, bytes: number, nowMs: number): void {
    Meters.get(this.brokerOut, brokerId).add(bytes, nowMs);
  }

  bytesInPerSec(brokerId: number, nowMs: number): number {
    return this.brokerIn.get(brokerId)?.rate(nowMs) ?? 0;
  }

  bytesOutPerSec(brokerId: number, nowMs: number): number {
    return this.brokerOut.get(brokerId)?.rate(nowMs) ?? 0;
  }

  recordsPerSec(topic: string, nowMs: number): number {
    return this.topicRecords.get(topic)?.rate(nowMs) ?? 0;
  }
}
