/** A scripted WorkbenchCommands for component tests: records calls, answers from fields. */
import type {
  BrowsedRecord, ConsumerStatus, FailedPartition, LagHistory, LagTrend, LoadGeneratorStatus, OffsetResetResult, ProduceProgress, ProduceResult, ScanPoll, WorkbenchCommands, WorkbenchStatus,
} from '../../../shared/workbench-contract';

const b64 = (s: string) => btoa(s);

export function fakeRecord(overrides: Partial<BrowsedRecord> = {}): BrowsedRecord {
  return {
    seq: 1, topic: 'orders', partition: 0, offset: 0, timestampMs: Date.UTC(2026, 0, 1), timestampType: 'CreateTime',
    key: b64('k'), value: b64('{"a":1}'), keyBytes: 1, valueBytes: 7, headers: [], compression: 'none',
    producerId: -1, producerEpoch: -1, sequence: -1, isTransactional: false, controlMarker: null, leaderEpoch: 0, ...overrides,
  };
}

export class FakeWorkbench implements WorkbenchCommands {
  calls: { method: string; args: unknown[] }[] = [];
  produceResult: ProduceResult = { ok: true, topic: 'orders', partition: 1, offset: 10, elapsedMs: 3 };
  scanRecords: BrowsedRecord[] = [];
  failedPartitions: FailedPartition[] = [];
  status: WorkbenchStatus = { loadGenerators: [], consumers: [] };
  history: LagHistory = { groupId: 'g', intervalMs: 1000, samples: [], rebalances: [] };
  trends: LagTrend[] = [];
  resetResult: OffsetResetResult = { ok: true, applied: false, groupState: 'Empty', rows: [] };

  private record(method: string, args: unknown[]) { this.calls.push({ method, args }); }

  async produceRecord(...args: Parameters<WorkbenchCommands['produceRecord']>) { this.record('produceRecord', args); return this.produceResult; }
  /** What getProduceProgress answers (not recorded as a call: the panel polls it on a timer). */
  produceProgress: ProduceProgress | null = null;
  async getProduceProgress() { return this.produceProgress; }
  async startLoadGenerator(...args: Parameters<WorkbenchCommands['startLoadGenerator']>) {
    this.record('startLoadGenerator', args);
    return { id: 'load-1', clientId: 'kafka-lab-ui-load-1', config: args[0], running: true, sent: 0, errors: 0, lastError: null, ratePerSec: 0, startedAtMs: 0 } satisfies LoadGeneratorStatus;
  }
  async stopLoadGenerator(id: string) { this.record('stopLoadGenerator', [id]); return true; }
  async startConsumer(...args: Parameters<WorkbenchCommands['startConsumer']>) {
    this.record('startConsumer', args);
    return { id: 'consumer-1', clientId: 'kafka-lab-ui-consumer-1', config: args[0], state: 'starting', consumed: 0, memberId: null, assignment: [], positions: [], error: null, recent: [] } satisfies ConsumerStatus;
  }
  async stopConsumer(id: string) { this.record('stopConsumer', [id]); return true; }
  async getWorkbenchStatus() { return this.status; }
  async startScan(...args: Parameters<WorkbenchCommands['startScan']>) { this.record('startScan', args); return { sessionId: 'browser-1' }; }
  async startTail(...args: Parameters<WorkbenchCommands['startTail']>) { this.record('startTail', args); return { sessionId: 'tail-1' }; }
  async pollScan(sessionId: string, afterSeq: number): Promise<ScanPoll> {
    const records = this.scanRecords.filter((r) => r.seq > afterSeq);
    return { sessionId, kind: sessionId.startsWith('tail') ? 'tail' : 'scan', records, progress: { records: this.scanRecords.length, bytes: 123, elapsedMs: 40, dropped: 0, state: 'done', reason: 'reached the highWatermark', partitions: [], ...(this.failedPartitions.length > 0 ? { failedPartitions: this.failedPartitions } : {}) } };
  }
  async stopScan(id: string) { this.record('stopScan', [id]); return true; }
  async getLagHistory() { return this.history; }
  async getLagTrends() { return this.trends; }
  async previewOffsetReset(...args: Parameters<WorkbenchCommands['previewOffsetReset']>) { this.record('previewOffsetReset', args); return this.resetResult; }
  async applyOffsetReset(...args: Parameters<WorkbenchCommands['applyOffsetReset']>) { this.record('applyOffsetReset', args); return this.resetResult; }
}
