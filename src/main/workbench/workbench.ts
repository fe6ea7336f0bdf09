/**
 * Workbench: the host side of issue 6 — real kafkajs clients the app runs against a cluster's
 * bootstrap (embedded now, remote later), behind the WorkbenchCommands contract. Plain Node; the
 * Electron shell and serve mode register it next to the cluster API.
 *
 * Every client gets its own client.id under `kafka-lab-ui-` (producer, admin, load-N,
 * consumer-N, browser-N) so the clients view tells them apart from the user's own clients.
 */
import { Kafka, logLevel, type Admin, type SASLOptions } from 'kafkajs';
import type { GroupView } from '../../shared/cluster-view';
import {
  workbenchClientIdPrefix,
  type ConsumerConfig, type ConsumerStatus, type LagHistory, type LagTrend, type LoadGeneratorConfig, type LoadGeneratorStatus,
  type OffsetResetRequest, type OffsetResetResult, type ProduceProgress, type ProduceRequest, type ProduceResult, type ScanPoll, type ScanRequest,
  type TailRequest, type WorkbenchCommands, type WorkbenchStatus,
} from '../../shared/workbench-contract';
import { registerKafkajsCodecs } from './kafkajs-codecs';
import { LagSampler } from './lag-sampler';
import { LoadGenerator } from './load-generator';
import { UiConsumer } from './consumer-service';
import { offsetReset } from './offset-reset';
import { ProducerService } from './producer-service';
import { checkRecordFilter } from './record-filter';
import { checkScanRequest, ScanSession } from './scan-session';
import type { LabClientConnection } from '../../shared/listener-view';

export interface WorkbenchOptions {
  /** Comma-separated host:port list. */
  bootstrap: string;
  /** Where group lag comes from (the host's snapshot for the embedded cluster); none = no lag history. */
  groups?: () => GroupView[];
  lagIntervalMs?: number;
  /** Scan sessions not polled for this long are stopped and forgotten (ms). */
  idleSessionMs?: number;
  /** Issue 16: TLS and SASL settings for a secured listener (ClusterHost.labClientConnection). */
  connection?: LabClientConnection;
}

/** Scans and tails on this host, all viewers together (each viewer has maxScansPerViewer of them). */
const maxSessions = 32;
const maxClients = 64;

export class Workbench implements WorkbenchCommands {
  private readonly brokers: string[];
  private readonly connection: LabClientConnection;
  private readonly producers: ProducerService;
  private readonly loads = new Map<string, LoadGenerator>();
  private readonly consumers = new Map<string, UiConsumer>();
  private readonly sessions = new Map<string, { session: ScanSession; lastPolledMs: number }>();
  private readonly sampler: LagSampler | null;
  private readonly reaper: ReturnType<typeof setInterval>;
  private nextId = 1;
  private readonly instance = Math.random().toString(36).slice(2, 8);

  constructor(options: WorkbenchOptions) {
    registerKafkajsCodecs();
    this.brokers = options.bootstrap.split(',').map((s) => s.trim()).filter(Boolean);
    this.connection = options.connection ?? {};
    this.producers = new ProducerService(this.kafka('producer'), `${workbenchClientIdPrefix}txn-${this.instance}`);
    this.sampler = options.groups ? new LagSampler(options.groups, { intervalMs: options.lagIntervalMs }) : null;
    this.sampler?.start();
    const idleMs = options.idleSessionMs ?? 60_000;
    this.reaper = setInterval(() => {
      for (const [id, s] of this.sessions) if (Date.now() - s.lastPolledMs > idleMs) void this.stopScan(id);
    }, Math.min(idleMs, 10_000));
    this.reaper.unref?.();
  }

  /** A kafkajs client with client.id kafka-lab-ui-<role>. */
  private kafka(role: string): Kafka {
    return new Kafka({
      clientId: `${workbenchClientIdPrefix}${role}`,
      brokers: this.brokers,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 3000,
      requestTimeout: 15_000,
      retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
      ...(this.connection.ssl ? { ssl: { ca: [this.connection.ssl.ca], ...(this.connection.ssl.cert ? { cert: this.connection.ssl.cert, key: this.connection.ssl.key } : {}) } } : {}),
      ...(this.connection.sasl ? { sasl: { ...this.connection.sasl } as SASLOptions } : {}),
    });
  }

  /**
   * A short-lived admin for one request. Not shared: kafkajs refreshes metadata for every topic a
   * client has touched, and one leaderless partition among them fails every later request.
   */
  private async withAdmin<T>(work: (admin: Admin) => Promise<T>): Promise<T> {
    const admin = this.kafka('admin').admin();
    await admin.connect();
    try {
      return await work(admin);
    } finally {
      await admin.disconnect().catch(() => {});
    }
  }

  private id(kind: string): string {
    return `${kind}-${this.nextId++}`;
  }

  produceRecord(request: ProduceRequest): Promise<ProduceResult> {
    return this.producers.produce(request);
  }

  async getProduceProgress(requestId: string): Promise<ProduceProgress | null> {
    return typeof requestId === 'string' ? this.producers.progress.get(requestId) : null;
  }

  async startLoadGenerator(config: LoadGeneratorConfig): Promise<LoadGeneratorStatus> {
    if (this.loads.size + this.consumers.size >= maxClients) throw new Error(`At most ${maxClients} UI clients run at once; stop some first.`);
    const id = this.id('load');
    const generator = new LoadGenerator(id, `${workbenchClientIdPrefix}${id}`, this.kafka(id), config);
    this.loads.set(id, generator);
    try {
      await generator.start();
    } catch (error) {
      this.loads.delete(id);
      await generator.stop();
      throw error;
    }
    return generator.snapshot();
  }

  async stopLoadGenerator(id: string): Promise<boolean> {
    const generator = this.loads.get(id);
    if (!generator) return false;
    this.loads.delete(id);
    await generator.stop();
    return true;
  }

  async startConsumer(config: ConsumerConfig): Promise<ConsumerStatus> {
    if (this.loads.size + this.consumers.size >= maxClients) throw new Error(`At most ${maxClients} UI clients run at once; stop some first.`);
    const id = this.id('consumer');
    const consumer = new UiConsumer(id, `${workbenchClientIdPrefix}${id}`, this.kafka(id), config);
    this.consumers.set(id, consumer);
    // Joining a group can take a rebalance; the panel follows the state through getWorkbenchStatus.
    void consumer.start();
    return consumer.snapshot();
  }

  async stopConsumer(id: string): Promise<boolean> {
    const consumer = this.consumers.get(id);
    if (!consumer) return false;
    this.consumers.delete(id);
    await consumer.stop();
    return true;
  }

  async getWorkbenchStatus(): Promise<WorkbenchStatus> {
    return { loadGenerators: [...this.loads.values()].map((g) => g.snapshot()), consumers: [...this.consumers.values()].map((c) => c.snapshot()) };
  }

  private async openSession(kind: 'scan' | 'tail', request: ScanRequest | TailRequest): Promise<{ sessionId: string }> {
    // Refused, not evicted: the sessions here belong to different viewers (each with its own
    // slots, see ViewerScans), and one viewer must not stop the presenter's scan (issue 11).
    if (this.sessions.size >= maxSessions) {
      throw new Error(`At most ${maxSessions} scans and tails run at once on this host; stop one first (a closed viewer's scans stop by themselves).`);
    }
    const sessionId = this.id(kind === 'scan' ? 'browser' : 'tail');
    const session = new ScanSession(sessionId, kind, this.kafka(sessionId), request);
    this.sessions.set(sessionId, { session, lastPolledMs: Date.now() });
    return { sessionId };
  }

  async startScan(request: ScanRequest): Promise<{ sessionId: string }> {
    // Issue 12: the browser checks these as the user types; the host checks again for any other caller.
    const problem = checkScanRequest(request);
    if (problem) throw new Error(problem);
    return this.openSession('scan', request);
  }

  async startTail(request: TailRequest): Promise<{ sessionId: string }> {
    const problem = request.filter ? checkRecordFilter(request.filter) : null;
    if (problem) throw new Error(`Filter refused: ${problem}`);
    return this.openSession('tail', request);
  }

  async pollScan(sessionId: string, afterSeq: number): Promise<ScanPoll | null> {
    const entry = this.sessions.get(sessionId);
    if (!entry) return null;
    entry.lastPolledMs = Date.now();
    return entry.session.poll(afterSeq);
  }

  async stopScan(sessionId: string): Promise<boolean> {
    const entry = this.sessions.get(sessionId);
    if (!entry) return false;
    this.sessions.delete(sessionId);
    await entry.session.stop();
    return true;
  }

  async getLagHistory(groupId: string): Promise<LagHistory> {
    return this.sampler?.history(groupId) ?? { groupId, intervalMs: 0, samples: [], rebalances: [] };
  }

  async getLagTrends(): Promise<LagTrend[]> {
    return this.sampler?.trends() ?? [];
  }

  async previewOffsetReset(request: OffsetResetRequest): Promise<OffsetResetResult> {
    return this.withAdmin((admin) => offsetReset(admin, request, false));
  }

  async applyOffsetReset(request: OffsetResetRequest): Promise<OffsetResetResult> {
    return this.withAdmin((admin) => offsetReset(admin, request, true));
  }

  /** For tests: samples lag now instead of waiting for the timer. */
  sampleLagNow(): void {
    this.sampler?.sample();
  }

  async close(): Promise<void> {
    clearInterval(this.reaper);
    this.sampler?.stop();
    const scans = [...this.sessions.values()].map((entry) => entry.session);
    await Promise.all([
      ...[...this.sessions.keys()].map((id) => this.stopScan(id)),
      ...[...this.loads.keys()].map((id) => this.stopLoadGenerator(id)),
      ...[...this.consumers.keys()].map((id) => this.stopConsumer(id)),
      this.producers.close(),
    ]);
    // Stopping a scan does not wait for its connections; closing the workbench does.
    await Promise.all(scans.map((scan) => scan.closed));
  }
}
