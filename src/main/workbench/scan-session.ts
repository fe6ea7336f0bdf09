/**
 * One message-browser session: a bounded scan (seek preset → up to `limit` records or the
 * highWatermark seen at start) or a live tail (from the current end, until stopped). Records go
 * into a capped ring; the viewer pulls them with poll(afterSeq). Records evicted before the viewer
 * polled them are counted as dropped, so a tail at 10,000 records/s says how much it skipped.
 */
import type { Admin, Kafka } from 'kafkajs';
import type { BrowsedRecord, IsolationLevelName, ScanPoll, ScanProgress, ScanRequest, SeekPreset, TailRequest } from '../../shared/workbench-contract';
import { RawFetcher } from './raw-fetch';
import { recordBytes, toBrowsedRecord } from './record-mapping';

/** Kafka error codes the loop handles itself. */
const OFFSET_OUT_OF_RANGE = 1;

export const maxScanLimit = 100_000;
export const maxTailCapacity = 50_000;

interface PartitionBounds { partition: number; low: number; high: number }

/** Start offset per partition for a seek preset; `byTimestamp` answers ListOffsets by timestamp. */
export function startOffsets(seek: SeekPreset, bounds: PartitionBounds[], byTimestamp: Map<number, number> | null): Map<number, number> {
  const starts = new Map<number, number>();
  for (const { partition, low, high } of bounds) {
    let start: number;
    switch (seek.kind) {
      case 'newest': start = Math.max(low, high - Math.max(0, Math.floor(seek.count))); break;
      case 'oldest': start = low; break;
      case 'offset': start = Math.min(Math.max(seek.offset, low), high); break;
      // ListOffsets answers -1 when no record has a timestamp ≥ the target: start at the end.
      case 'timestamp': { const o = byTimestamp?.get(partition) ?? -1; start = o < 0 ? high : Math.max(o, low); break; }
    }
    starts.set(partition, start);
  }
  return starts;
}

export class ScanSession {
  private readonly ring: BrowsedRecord[] = [];
  private seq = 0;
  private lastPolledSeq = 0;
  private running = true;
  private readonly startedAt = Date.now();
  private endedAt: number | null = null;
  private readonly progress: Omit<ScanProgress, 'elapsedMs' | 'partitions'> = { records: 0, bytes: 0, dropped: 0, state: 'running', reason: null };
  private positions = new Map<number, number>();
  private ends = new Map<number, number>();
  private readonly fetcher: RawFetcher;
  /**
   * The session's own admin (bounds, timestamps): kafkajs refreshes metadata for every topic a
   * client has touched, and one leaderless partition among them fails that for all, so a shared
   * admin would let one offline topic break browsing every other.
   */
  private readonly admin: Admin;
  readonly done: Promise<void>;

  constructor(
    readonly sessionId: string,
    readonly kind: 'scan' | 'tail',
    kafka: Kafka,
    private readonly request: (ScanRequest | TailRequest) & { isolationLevel: IsolationLevelName },
  ) {
    this.fetcher = new RawFetcher(kafka, request.isolationLevel);
    this.admin = kafka.admin();
    this.done = this.run().catch((error: unknown) => this.finish('failed', error instanceof Error ? error.message : String(error)));
  }

  private get capacity(): number {
    return this.kind === 'tail' ? Math.min(Math.max(100, (this.request as TailRequest).capacity), maxTailCapacity) : maxScanLimit;
  }

  private get limit(): number {
    return this.kind === 'scan' ? Math.min(Math.max(1, (this.request as ScanRequest).limit), maxScanLimit) : Infinity;
  }

  private async run(): Promise<void> {
    const { topic } = this.request;
    await this.fetcher.connect(topic);
    await this.admin.connect();
    const offsets = await this.admin.fetchTopicOffsets(topic);
    const wanted = this.request.partitions && this.request.partitions.length > 0 ? new Set(this.request.partitions) : null;
    const bounds = offsets.filter((o) => !wanted || wanted.has(o.partition)).map((o) => ({ partition: o.partition, low: Number(o.low), high: Number(o.high) }));
    if (bounds.length === 0) return this.finish('failed', `Topic ${topic} has no partition ${[...(wanted ?? [])].join(', ')}.`);
    if (this.kind === 'tail') {
      this.positions = new Map(bounds.map((b) => [b.partition, b.high]));
    } else {
      const seek = (this.request as ScanRequest).seek;
      const byTimestamp = seek.kind === 'timestamp'
        ? new Map((await this.admin.fetchTopicOffsetsByTimestamp(topic, seek.timestampMs)).map((o) => [o.partition, Number(o.offset)]))
        : null;
      this.positions = startOffsets(seek, bounds, byTimestamp);
      this.ends = new Map(bounds.map((b) => [b.partition, b.high]));
    }
    while (this.running) {
      const active = new Map([...this.positions].filter(([p, pos]) => this.kind === 'tail' || pos < this.ends.get(p)!));
      if (active.size === 0) return this.finish('done', 'reached the highWatermark of every partition (as it was when the scan started)');
      const fetched = await this.fetcher.fetch(topic, active, { maxWaitMs: this.kind === 'tail' ? 500 : 100, maxBytes: 4 * 1024 * 1024 });
      if (!this.running) break;
      for (const p of fetched) {
        if (p.errorCode === OFFSET_OUT_OF_RANGE) {
          const fresh = (await this.admin.fetchTopicOffsets(topic)).find((o) => o.partition === p.partition);
          if (fresh) this.positions.set(p.partition, Number(fresh.low));
          continue;
        }
        if (p.errorCode !== 0) continue;
        let position = this.positions.get(p.partition)!;
        const end = this.ends.get(p.partition);
        for (const m of p.messages) {
          const offset = Number(m.offset);
          // A compressed batch may start before the fetch offset; Kafka clients skip those records too.
          if (offset < position) continue;
          if (end !== undefined && offset >= end) break;
          position = offset + 1;
          this.push(toBrowsedRecord(topic, p.partition, m, ++this.seq), recordBytes(m));
          if (this.progress.records >= this.limit) {
            this.positions.set(p.partition, position);
            return this.finish('done', `limit of ${this.limit} records reached`);
          }
        }
        // read_committed stops at the last stable offset: an open transaction ends a bounded scan early.
        if (end !== undefined && p.messages.length === 0 && this.request.isolationLevel === 'read_committed' && position >= p.lastStableOffset) {
          this.ends.set(p.partition, position);
        }
        this.positions.set(p.partition, position);
      }
    }
    this.finish('stopped', 'stopped by the user');
  }

  private push(record: BrowsedRecord, bytes: number): void {
    this.progress.records++;
    this.progress.bytes += bytes;
    this.ring.push(record);
    if (this.ring.length > this.capacity) {
      const evicted = this.ring.shift()!;
      if (evicted.seq > this.lastPolledSeq) this.progress.dropped++;
    }
  }

  private finish(state: ScanProgress['state'], reason: string): void {
    if (this.progress.state !== 'running') return;
    this.running = false;
    this.progress.state = state;
    this.progress.reason = reason;
    this.endedAt = Date.now();
    void this.fetcher.disconnect();
    void this.admin.disconnect().catch(() => {});
  }

  /**
   * Records with seq > afterSeq still in the ring (at most `max`, the newest kept), and progress.
   * A tail hands out at most 500 per poll: at 4 polls/s that is 2,000 records/s on screen, more
   * than anyone reads; the rest is counted as dropped rather than shipped to the renderer.
   */
  poll(afterSeq: number, max = this.kind === 'tail' ? 500 : 5000): ScanPoll {
    let from = this.ring.length;
    while (from > 0 && this.ring[from - 1]!.seq > afterSeq) from--;
    let records = this.ring.slice(from);
    if (records.length > max) {
      // The viewer only wants the newest `max`; the rest it never sees.
      this.progress.dropped += records.length - max;
      records = records.slice(-max);
    }
    if (records.length > 0) this.lastPolledSeq = Math.max(this.lastPolledSeq, records[records.length - 1]!.seq);
    if (this.kind === 'tail') this.ring.length = 0; // a tail's ring only holds what the viewer has not seen yet
    return { sessionId: this.sessionId, kind: this.kind, records, progress: this.snapshotProgress() };
  }

  private snapshotProgress(): ScanProgress {
    return {
      ...this.progress,
      elapsedMs: (this.endedAt ?? Date.now()) - this.startedAt,
      partitions: [...this.positions].map(([partition, position]) => ({ partition, position, endOffset: this.ends.get(partition) ?? -1 })),
    };
  }

  get state(): ScanProgress['state'] {
    return this.progress.state;
  }

  async stop(): Promise<void> {
    if (this.progress.state === 'running') {
      this.running = false;
      await this.done;
      this.finish('stopped', 'stopped by the user');
    }
    await this.fetcher.disconnect();
    await this.admin.disconnect().catch(() => {});
  }
}
