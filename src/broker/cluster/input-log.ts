/**
 * The input log (ARCHITECTURE §2: a run is { seed, config, inputLog }) with a memory budget.
 * Produce inputs hold the client's batch bytes, so a host running all day would grow without
 * bound. The budget (ClusterOptions.inputLogLimitBytes, approximate bytes held) keeps the WHOLE
 * log while it fits; the first input that would pass it drops the log and stops recording, and
 * from then on `exportTrace` refuses with the reason — a partial log cannot replay the session, so
 * export is offered only while the full log is kept. `recordInputLog: false` never records.
 */
import type { ClusterInput, InputLogEntry, InputLogStatus } from './api';

/** Approximate bytes an input keeps alive: Buffer and string contents plus a small per-value overhead. */
export function approximateInputBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined) return 8;
  if (Buffer.isBuffer(value)) return value.length + 64;
  switch (typeof value) {
    case 'string': return 2 * value.length + 16;
    case 'number':
    case 'boolean':
    case 'bigint': return 8;
    case 'object': {
      if (depth > 8) return 64;
      let total = 32;
      if (Array.isArray(value)) for (const v of value) total += approximateInputBytes(v, depth + 1);
      else for (const v of Object.values(value)) total += approximateInputBytes(v, depth + 1);
      return total;
    }
    default: return 8;
  }
}

/**
 * approximateInputBytes of a produce input, the same number without walking it generically: every
 * produced batch passes here, and Object.values per level was a visible share of the produce path.
 */
export function produceInputBytes(input: Extract<ClusterInput, { type: 'produce' }>): number {
  const request = input.request;
  // { type, brokerId, request }: 32 + 'produce' (2 * 7 + 16) + brokerId 8 + the request.
  let total = 32 + 30 + 8 + 32;
  for (const key in request) {
    if (key !== 'topics') total += approximateInputBytes(request[key as keyof typeof request], 1);
  }
  total += 32;
  for (const t of request.topics) {
    total += 32 + 2 * t.topic.length + 16 + 32;
    for (const p of t.partitions) total += 32 + 8 + (p.records ? p.records.length + 64 : 8);
  }
  return total;
}

export class InputLog {
  private entries: InputLogEntry[] = [];
  private bytes = 0;
  private state: InputLogStatus['state'];
  private droppedAtMs: number | null = null;
  private offReason: string | null = null;

  /** limitBytes: Infinity keeps everything (tests, replay); recording false: never record. */
  constructor(private readonly limitBytes: number, recording: boolean) {
    this.state = recording ? 'full' : 'off';
  }

  append(timeMs: number, atEvent: number, input: ClusterInput): void {
    if (this.state !== 'full') return;
    const size = (input.type === 'produce' ? produceInputBytes(input) : approximateInputBytes(input)) + 32;
    if (this.bytes + size > this.limitBytes) {
      this.entries = [];
      this.bytes = 0;
      this.state = 'dropped';
      this.droppedAtMs = timeMs;
      return;
    }
    this.entries.push({ timeMs, atEvent, input });
    this.bytes += size;
  }

  /** Stops recording for good, with the reason export then gives (issue 15: a session started from a lab's stored data). */
  stopRecording(reason: string): void {
    this.entries = [];
    this.bytes = 0;
    this.state = 'off';
    this.offReason = reason;
  }

  status(): InputLogStatus {
    const limitBytes = Number.isFinite(this.limitBytes) ? this.limitBytes : null;
    const base = { state: this.state, bytes: this.bytes, limitBytes, entries: this.entries.length };
    switch (this.state) {
      case 'full': return { ...base, exportable: true, reason: null };
      case 'off': return { ...base, exportable: false, reason: this.offReason ?? 'The input log is off (recordInputLog: false): this session cannot be exported or replayed.' };
      case 'dropped': return { ...base, exportable: false, reason: `The input log passed its ${formatMiB(this.limitBytes)} budget at simulated time ${this.droppedAtMs} ms and was dropped to bound memory: this session can no longer be exported. Start the host with the full input log kept to export long sessions.` };
    }
  }

  /** A copy of the whole log; throws with the reason when it is not complete. */
  exportEntries(): InputLogEntry[] {
    const s = this.status();
    if (!s.exportable) throw new Error(s.reason ?? 'input log not exportable');
    return this.entries.slice();
  }
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / 1024 / 1024)} MiB`;
}
