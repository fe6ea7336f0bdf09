/**
 * One message-browser session: a bounded scan (seek preset → up to `limit` records or the
 * highWatermark seen at start) or a live tail (from the current end, until stopped). Records go
 * into a capped ring; the viewer pulls them with poll(afterSeq). Records evicted before the viewer
 * polled them are counted as dropped, so a tail at 10,000 records/s says how much it skipped.
 * A partition that cannot be read (no leader: LEADER_NOT_AVAILABLE; or failing fetch after fetch)
 * does not fail the session: the others are scanned and it is listed in
 * progress.failedPartitions with the Kafka error name and plain words. A batch that cannot be
 * decoded (corrupt, or a decompression that broke its byte budget) fails its partition at once
 * with CORRUPT_MESSAGE: fetching it again would decode the same bytes again (issue 11).
 */
import type { Kafka } from 'kafkajs';
import { errorName } from '../../broker/protocol/error-codes';
import type { BrowsedRecord, FailedPartition, IsolationLevelName, RecordFilter, ScanPoll, ScanProgress, ScanRequest, SeekPreset, TailRequest } from '../../shared/workbench-contract';
import { explainKafkaError, kafkaErrorName } from './error-explainer';
import { ExpressionRunner, filterChunkSize, FilterStoppedError } from './filter-runner';
import { RawFetcher, type KafkajsMessage, type PartitionState } from './raw-fetch';
import { checkRecordFilter, filterDocument, textMatches } from './record-filter';
import { recordBytes, toBrowsedRecord, toFilterInput } from './record-mapping';

/** Kafka error codes the loop handles itself. */
const OFFSET_OUT_OF_RANGE = 1;
const LEADER_NOT_AVAILABLE = 5;
/** ListOffsets timestamps: earliest (logStartOffset) and latest (highWatermark, or lastStableOffset read_committed). */
const EARLIEST = -2;
const LATEST = -1;
/** Fetch rounds in a row a partition may fail (NOT_LEADER_OR_FOLLOWER while a leader moves…) before the scan gives it up. */
const MAX_ERROR_ROUNDS = 20;

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

/**
 * Where a seek asks for offsets outside what a partition holds, in Kafka's words: a Fetch below
 * logStartOffset or past the log end is refused with OFFSET_OUT_OF_RANGE (Kafka's
 * Log.read/checkLogStartOffset); consumers read [logStartOffset, highWatermark).
 */
export function seekNotes(seek: SeekPreset, bounds: PartitionBounds[]): string[] {
  if (seek.kind !== 'offset') return [];
  // Partitions in the same situation (same bounds) share one note: "partitions 0, 1, 2: …".
  const partitionsByNote = new Map<string, number[]>();
  const note = (partition: number, text: string) => partitionsByNote.set(text, [...(partitionsByNote.get(text) ?? []), partition]);
  for (const { partition, low, high } of bounds) {
    const readable = `readable offsets are [${low}, ${high}): logStartOffset ${low} up to, not including, the highWatermark ${high}`;
    if (seek.offset < low) {
      note(partition, `offset ${seek.offset} is below the logStartOffset ${low} (records before it were deleted by retention or DeleteRecords); a Fetch there gets OFFSET_OUT_OF_RANGE, so the scan starts at ${low} — ${readable}.`);
    } else if (seek.offset > high) {
      note(partition, `offset ${seek.offset} is past the highWatermark ${high}; a Fetch past the log end gets OFFSET_OUT_OF_RANGE, so there is nothing to read — ${readable}.`);
    } else if (seek.offset === high) {
      note(partition, `offset ${seek.offset} is the highWatermark: no record there yet (the next one written gets it) — ${readable}.`);
    }
  }
  return [...partitionsByNote].map(([text, partitions]) => `${partitions.length === 1 ? 'partition' : 'partitions'} ${partitions.join(', ')}: ${text}`);
}

/** Why a scan request is refused, in words (null when it is fine): seek values, the limit, the filter. */
export function checkScanRequest(request: ScanRequest): string | null {
  const whole = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
  const { seek, limit } = request;
  if (seek.kind === 'offset' && !whole(seek.offset)) return `Offset must be a whole number ≥ 0 (Kafka offsets start at 0); got ${String(seek.offset)}.`;
  if (seek.kind === 'newest' && !(whole(seek.count) && seek.count >= 1)) return `N (records per partition) must be a whole number ≥ 1; got ${String(seek.count)}.`;
  if (seek.kind === 'timestamp' && !whole(seek.timestampMs)) return `Timestamp must be ms since the epoch, a whole number ≥ 0; got ${String(seek.timestampMs)}.`;
  if (!(whole(limit) && limit >= 1 && limit <= maxScanLimit)) return `Limit must be a whole number from 1 to ${maxScanLimit}; got ${String(limit)}.`;
  const filterProblem = request.filter ? checkRecordFilter(request.filter) : null;
  return filterProblem ? `Filter refused: ${filterProblem}` : null;
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
  /**
   * The session's own kafkajs client: bounds come from per-partition ListOffsets and leaders from
   * a Metadata answer that keeps partition errors (RawFetcher.partitionStates), because kafkajs's
   * admin and metadata fail a whole topic — or every topic a client touched — for one leaderless
   * partition.
   */
  private readonly fetcher: RawFetcher;
  private states: PartitionState[] = [];
  private failed: FailedPartition[] = [];
  private readonly errorRounds = new Map<number, number>();
  /** Partitions fetched in a request of their own, after a shared response failed to decode. */
  private readonly alone = new Set<number>();
  /** Issue 12: the session's filter, its expression worker, and what it saw. */
  private readonly filter: RecordFilter | null;
  private readonly runner: ExpressionRunner | null;
  private matched = 0;
  private filterErrors: { count: number; first: string } | null = null;
  private notes: string[] = [];
  readonly done: Promise<void>;
  /** Settles once the session's connections are closed (after it finished or was stopped). */
  closed: Promise<void> = Promise.resolve();

  constructor(
    readonly sessionId: string,
    readonly kind: 'scan' | 'tail',
    kafka: Kafka,
    private readonly request: (ScanRequest | TailRequest) & { isolationLevel: IsolationLevelName },
  ) {
    this.fetcher = new RawFetcher(kafka, request.isolationLevel);
    const filter = request.filter;
    this.filter = filter && (filter.text || filter.expression !== undefined) ? filter : null;
    this.runner = this.filter?.expression !== undefined ? new ExpressionRunner(this.filter.expression) : null;
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
    await this.fetcher.connectOnly();
    const states = await this.fetcher.partitionStates(topic);
    if (!states) return this.finish('failed', `Topic ${topic} does not exist.`);
    this.states = states;
    const wanted = this.request.partitions && this.request.partitions.length > 0 ? new Set(this.request.partitions) : null;
    const chosen = states.filter((p) => !wanted || wanted.has(p.partition));
    if (chosen.length === 0) return this.finish('failed', `Topic ${topic} has no partition ${[...(wanted ?? [])].join(', ')}.`);
    const seek = this.kind === 'scan' ? (this.request as ScanRequest).seek : null;
    const bounds: PartitionBounds[] = [];
    const byTimestamp = new Map<number, number>();
    // Per partition, so one leaderless partition fails only itself (reported in failedPartitions).
    await Promise.all(chosen.map(async (p) => {
      if (p.leader < 0) return this.partitionFailed(p.partition, errorName(p.errorCode !== 0 ? p.errorCode : LEADER_NOT_AVAILABLE));
      try {
        const [low, high, atTime] = await Promise.all([
          this.fetcher.listOffset(topic, p.partition, EARLIEST),
          this.fetcher.listOffset(topic, p.partition, LATEST),
          seek?.kind === 'timestamp' ? this.fetcher.listOffset(topic, p.partition, seek.timestampMs) : Promise.resolve(-1),
        ]);
        bounds.push({ partition: p.partition, low, high });
        byTimestamp.set(p.partition, atTime);
      } catch (error) {
        this.partitionFailed(p.partition, kafkaErrorName(error).errorName);
      }
    }));
    bounds.sort((x, y) => x.partition - y.partition);
    if (bounds.length === 0) return this.finish('failed', `No partition of ${topic} can be read: ${this.failed.map((f) => `${f.partition} ${f.errorName}`).join(', ')}.`);
    if (this.kind === 'tail') {
      this.positions = new Map(bounds.map((b) => [b.partition, b.high]));
    } else {
      this.positions = startOffsets(seek!, bounds, byTimestamp);
      this.notes = seekNotes(seek!, bounds);
      this.ends = new Map(bounds.map((b) => [b.partition, b.high]));
    }
    while (this.running) {
      const active = new Map([...this.positions].filter(([p, pos]) => this.kind === 'tail' || pos < this.ends.get(p)!));
      if (active.size === 0) return this.finish('done', this.failed.length > 0 ? `reached the highWatermark of every readable partition; ${this.failed.length} partition(s) could not be read` : 'reached the highWatermark of every partition (as it was when the scan started)');
      const fetched = await this.fetcher.fetch(topic, active, { maxWaitMs: this.kind === 'tail' ? 500 : 100, maxBytes: 4 * 1024 * 1024, alone: this.alone });
      if (!this.running) break;
      for (const p of fetched) {
        if (p.decodeError !== undefined) {
          // Alone in its request: this partition holds the bad batch. Shared: find out which one
          // by fetching each of them alone next round (kafkajs decodes a response all at once).
          if (p.alone) this.undecodable(p.partition, p.decodeError);
          else this.alone.add(p.partition);
          continue;
        }
        if (p.errorCode === OFFSET_OUT_OF_RANGE) {
          const low = await this.fetcher.listOffset(topic, p.partition, EARLIEST).catch(() => null);
          if (low !== null) {
            this.notes.push(`partition ${p.partition}: offset ${this.positions.get(p.partition)} became OFFSET_OUT_OF_RANGE during the scan (the logStartOffset moved to ${low}: retention or DeleteRecords removed records); the scan went on from ${low}.`);
            this.positions.set(p.partition, low);
          }
          continue;
        }
        if (p.errorCode !== 0) {
          // Retried (the fetcher re-reads the leaders); a partition that keeps failing is given up.
          const rounds = (this.errorRounds.get(p.partition) ?? 0) + 1;
          this.errorRounds.set(p.partition, rounds);
          if (rounds >= MAX_ERROR_ROUNDS) {
            this.positions.delete(p.partition);
            this.partitionFailed(p.partition, errorName(p.errorCode));
          }
          continue;
        }
        this.errorRounds.delete(p.partition);
        let position = this.positions.get(p.partition)!;
        const end = this.ends.get(p.partition);
        const candidates: KafkajsMessage[] = [];
        for (const m of p.messages) {
          const offset = Number(m.offset);
          // A compressed batch may start before the fetch offset; Kafka clients skip those records too.
          if (offset < position) continue;
          if (end !== undefined && offset >= end) break;
          candidates.push(m);
        }
        let verdicts: boolean[] | null;
        try {
          verdicts = await this.applyFilter(topic, p.partition, candidates);
        } catch (error) {
          if (error instanceof FilterStoppedError) return this.finish('failed', `filter stopped: ${error.message}`);
          throw error;
        }
        if (!this.running) break;
        for (const [i, m] of candidates.entries()) {
          position = Number(m.offset) + 1;
          this.progress.records++;
          this.progress.bytes += recordBytes(m);
          if (verdicts && !verdicts[i]) continue;
          this.matched++;
          this.push(toBrowsedRecord(topic, p.partition, m, ++this.seq));
          if (this.matched >= this.limit) {
            this.positions.set(p.partition, position);
            return this.finish('done', this.filter ? `limit of ${this.limit} matching records reached (${this.progress.records} scanned)` : `limit of ${this.limit} records reached`);
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

  /**
   * Which of the records pass the filter (null: no filter, all do). The text filter runs here
   * (a substring search, linear in the bytes); the expression runs in the worker, in chunks.
   */
  private async applyFilter(topic: string, partition: number, messages: KafkajsMessage[]): Promise<boolean[] | null> {
    if (!this.filter || messages.length === 0) return null;
    const inputs = messages.map((m) => toFilterInput(topic, partition, m));
    const text = this.filter.text;
    const verdicts = inputs.map((r) => (text ? textMatches(text, r) : true));
    if (!this.runner) return verdicts;
    const candidates = inputs.flatMap((_, i) => (verdicts[i] ? [i] : []));
    for (let from = 0; from < candidates.length; from += filterChunkSize) {
      const chunk = candidates.slice(from, from + filterChunkSize);
      const answer = await this.runner.evaluate(chunk.map((i) => filterDocument(inputs[i]!)));
      chunk.forEach((i, k) => { verdicts[i] = answer.matches[k]!; });
      if (answer.errors > 0) this.filterErrors = { count: (this.filterErrors?.count ?? 0) + answer.errors, first: this.filterErrors?.first ?? answer.firstError ?? 'unknown error' };
      if (!this.running) break;
    }
    return verdicts;
  }

  private push(record: BrowsedRecord): void {
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
    this.closed = Promise.all([this.fetcher.disconnect(), this.runner?.close()]).then(() => {});
  }

  /** Gives up a partition whose next batch cannot be decoded; the others are read on. */
  private undecodable(partition: number, error: string): void {
    const offset = this.positions.get(partition);
    this.positions.delete(partition);
    this.partitionFailed(partition, 'CORRUPT_MESSAGE',
      `The record batch at offset ${offset ?? '?'} of ${this.request.topic}-${partition} (or the batch holding that offset) could not be decoded: ${error}. `
      + 'Reading it again would fail the same way, so this partition is not read further; the other partitions are.');
  }

  /** Records a partition the scan cannot read, with the Kafka error name and plain words. */
  private partitionFailed(partition: number, name: string, plainWords?: string): void {
    const facts = this.states.map((p) => ({ partitionId: p.partition, leader: p.leader, replicas: p.replicas, isr: p.isr, offlineReplicas: p.offlineReplicas }));
    const message = plainWords ?? explainKafkaError(name, { topic: this.request.topic, partition, acks: 1, recordBytes: 0, partitions: facts, configs: {} });
    this.failed = [...this.failed.filter((f) => f.partition !== partition), { partition, errorName: name, message }].sort((a, b) => a.partition - b.partition);
  }

  /**
   * Records with seq > afterSeq still in the ring (at most `max`: a scan's oldest, a tail's newest), and progress.
   * A tail hands out at most 500 per poll: at 4 polls/s that is 2,000 records/s on screen, more
   * than anyone reads; the rest is counted as dropped rather than shipped to the renderer.
   */
  poll(afterSeq: number, max = this.kind === 'tail' ? 500 : 5000): ScanPoll {
    let from = this.ring.length;
    while (from > 0 && this.ring[from - 1]!.seq > afterSeq) from--;
    let records = this.ring.slice(from);
    if (records.length > max && this.kind === 'scan') {
      // A bounded scan hands out its oldest `max` first; the rest stays in the ring for the next
      // poll (a limit above `max` must not lose records, issue 12).
      records = records.slice(0, max);
    } else if (records.length > max) {
      // A tail's viewer only wants the newest `max`; the rest it never sees.
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
      ...(this.failed.length > 0 ? { failedPartitions: this.failed } : {}),
      ...(this.filter ? { matched: this.matched } : {}),
      ...(this.filterErrors ? { filterErrors: this.filterErrors } : {}),
      ...(this.notes.length > 0 ? { seekNotes: this.notes } : {}),
    };
  }

  get state(): ScanProgress['state'] {
    return this.progress.state;
  }

  /**
   * Stops at once: an in-flight fetch (a long-poll of up to maxWaitMs, or a request kafkajs is
   * retrying against a moving leader) is abandoned rather than awaited — the loop sees
   * `running === false` and the disconnect ends the request.
   */
  async stop(): Promise<void> {
    // finish() starts the disconnect without waiting for it: kafkajs's disconnect waits for the
    // in-flight fetch, and a user pressing Stop should not.
    this.finish('stopped', 'stopped by the user');
  }
}
