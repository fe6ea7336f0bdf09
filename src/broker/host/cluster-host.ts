/**
 * ClusterHost: the simulated cluster, its wire listeners and the wall-clock driver, as one object.
 * The CLI (`kafka-lab broker`), serve mode and the Electron shell all use this class; it is the
 * one place that would change if the broker moved into a worker (ARCHITECTURE §1).
 *
 * Broker ids are 1..N; broker i listens on 127.0.0.1:(basePort + i - 1) (or on `listenHost`), or
 * on ephemeral ports when basePort is 0. Metadata, FindCoordinator, DescribeCluster and the
 * bootstrap string name `advertisedHost` (default: the listen address). A stopped broker's listener is closed (its port refuses connections) and
 * reopened on the same port when it starts again.
 */
import { join } from 'node:path';
import { LAB_NUM_PARTITIONS, labDefaultReplicationFactor } from '../cluster/config/lab-defaults';
import type { ClusterCommand, CommandResult } from '../../shared/cluster-commands';
import type { ClusterEvent } from '../../shared/cluster-events';
import type { ClusterView } from '../../shared/cluster-view';
import { MAX_DEDICATED_CONTROLLERS } from '../../shared/cluster-shape';
import { HOSTED_INPUT_LOG_LIMIT_BYTES, type KafkaCluster } from '../cluster/api';
import { createCluster, type SimCluster } from '../cluster/cluster';
import { DEFAULT_FLOW_VIEW_WINDOW_MS } from '../cluster/flow/flow-recorder';
import type { CoordinatorPair } from '../cluster/transactions/coordinator-inputs';
import { traceToJson } from '../sim/trace';
import { describeModelError, WallClockDriver } from '../sim/wall-clock-driver';
import { WaitTracker, type BrokerServices, type LogLevel } from '../wire/broker-services';
import { ConnectionRegistry } from '../wire/connection-registry';
import { readConnectionLimits } from '../wire/connection-quotas';
import { DEFAULT_SOCKET_REQUEST_MAX_BYTES } from '../wire/frame-decoder';
import { apiSchemas } from '../protocol';
import { createHandlerRegistry } from '../wire/handlers';
import { MAX_PARTITIONS_PER_REQUEST } from '../wire/handlers/19-create-topics';
import { TopicIdIndex } from '../wire/topic-id-index';
import { LISTENER_HOST, WireServer } from '../wire/wire-server';
import type { EventHistory, MetricHistory } from '../../shared/history-contract';
import { splitBrokerConfig } from './broker-config';
import { wireCoordinators } from './coordinators';
import { attachSecurity } from '../cluster/security/security-model';
import { applySecurityCommand, isSecurityCommand } from './security-commands';
import { ClientQuotaManager, throttledClients } from '../wire/client-quota-manager';
import { EventHistoryStore } from './event-history';
import { MetricHistoryStore } from './metric-history';
import { bindBrokerPorts, bindOtherListeners, bindPreferredPorts, describePortFallback } from './port-binding';
import { SessionHistory } from './session-history';
import { LabStorage, waitForRecoveredMetadata, type LabStorageOptions } from './lab-storage';
import { isRoutineEvent } from '../../shared/event-significance';
import type { PastViewResult, SessionHistoryRange } from '../../shared/session-history-contract';
import { SimCluster as SimClusterClass } from '../cluster/cluster';
import { MemoryStorage, type HostStorage } from './storage-commands';
import { DiskStorage } from './disk-storage-commands';
import { attachScramCredentials, type ScramCredentialInput, type ScramCredentialStore } from '../cluster/security/scram-credentials';
import type { ListenerConfig } from '../wire/listener-config';
import type { ListenerSecurityView } from '../../shared/listener-view';
import { newScramCredential } from '../wire/sasl/scram';
import { resolveListeners } from './listener-security';
import { writeAllPending } from '../storage/disk-segment';
import { checkListenerPortRanges } from './listener-validation';
import { advertisedPortOf, hostPort, listenerViews, otherListenerEndpoint, readyListenerFields, type HostListener } from './listener-endpoints';
import type { LabClientConnection } from '../../shared/listener-view';
import { labClientConnection } from './lab-client-connection';


/**
 * Issue 15: the input log budget of a lab on disk (64 MiB, against HOSTED_INPUT_LOG_LIMIT_BYTES'
 * 256 MiB in memory): its produce inputs are the only in-process copy of record bytes left, so
 * a long session drops them early (export then refuses, as past any budget; --keep-input-log keeps it).
 */
export const DISK_LAB_INPUT_LOG_LIMIT_BYTES = 64 * 1024 * 1024;

/** Events a hosted model's EventLog keeps (its own default, 200,000, is for tests): as many as the host's history keeps significant ones. */
export const HOSTED_MODEL_EVENTS_RETAINED = 20_000;
export interface ClusterHostOptions {
  brokers: number;
  /**
   * Dedicated KRaft controller nodes (process.roles=controller), node ids
   * DEDICATED_CONTROLLER_BASE_ID.. (3000, 3001, …): they are the voters, have no client listener,
   * and brokers register with and heartbeat to the active one. 0 or absent: combined mode
   * (process.roles=broker,controller), the first up-to-3 brokers are the voters.
   */
  controllers?: number;
  /** First listener port; 0 = ephemeral ports (tests). */
  basePort: number;
  /** If basePort..basePort+N-1 are taken, use the next free consecutive ports. */
  portFallback?: boolean;
  /**
   * Address the broker listeners bind (default 127.0.0.1). 0.0.0.0 (or ::) for a workshop room:
   * then `advertisedHost` is required, since clients cannot connect to a wildcard address.
   */
  listenHost?: string;
  /**
   * Host name or IP address clients are told to connect to (Kafka's advertised.listeners host):
   * in Metadata, FindCoordinator, DescribeCluster and `bootstrap`. Default: `listenHost`.
   */
  advertisedHost?: string;
  seed?: number;
  /** Static broker configs by Kafka name, e.g. { 'min.insync.replicas': '2' }. */
  brokerConfig?: Record<string, string>;
  /** num.partitions for auto-created topics (default: the lab's, LAB_NUM_PARTITIONS). */
  defaultPartitions?: number;
  /** default.replication.factor for auto-created topics, capped at the broker count (default: the lab's, min(3, brokers)). */
  defaultReplicationFactor?: number;
  /** Simulated ms per wall-clock ms (default 1). */
  speed?: number;
  /**
   * [cluster model owner, follow-up 6] Simulated start time, ms since the epoch (default: the wall
   * clock at host start), so client CreateTime stamps compare against a broker clock of today.
   * Kept in the exported trace's config, so replay starts at the same instant.
   */
  startTimeMs?: number;
  /**
   * [cluster model owner, follow-up 7] Keep the whole input log (default false: it is kept up to
   * HOSTED_INPUT_LOG_LIMIT_BYTES, then dropped to bound memory, and export is refused — see
   * KafkaCluster.inputLogStatus()).
   */
  keepFullInputLog?: boolean;
  /**
   * Issue 13: the port each broker id should listen on (a new cluster keeps the ports of the one
   * it replaces, so a user's bootstrap keeps working). Ids not listed take basePort + id - 1, or
   * an ephemeral port when that is taken or basePort is 0. A listed port that is taken fails the start.
   */
  brokerPorts?: ReadonlyMap<number, number>;
  /** Issue 16: like brokerPorts for the listeners after the first: listener name → brokerId → port (ClusterHost.otherListenerPorts of the cluster replaced). */
  otherListenerPorts?: ReadonlyMap<string, ReadonlyMap<number, number>>;
  /**
   * node.id of the first broker (default 1); the others count up from it. 0 numbers them from 0,
   * as many docker setups and client test suites assume (`--first-broker-id 0`).
   */
  firstBrokerId?: number;
  /** Issue 13: broker.rack of each broker in id order (absent or shorter: no rack). */
  racks?: readonly (string | null)[];
  /**
   * Issue 13: host an existing model (a replayed recording) instead of creating one, with the
   * coordinators already attached to it; `brokers` must be its broker count. Shape, seed and
   * config options are then the model's own.
   */
  model?: { cluster: SimCluster; coordinators: CoordinatorPair };
  /**
   * Issue 13: called once the model and its coordinators exist, before the driver starts (a
   * scenario attaches here). Its `holdAtMs` is the driver's hold (WallClockDriverOptions.holdAtMs).
   */
  onModelCreated?: (cluster: SimCluster, coordinators: CoordinatorPair) => HostAttachment | void;
  /** Issue 13: start with simulated time paused (a replayed recording is shown at its end). */
  startPaused?: boolean;
  /** Bytes the time-travel session history may take (default DEFAULT_SESSION_HISTORY_BUDGET_BYTES, 64 MiB); past it the oldest is dropped. */
  sessionHistoryBudgetBytes?: number;
  /**
   * A time-travel history already filled for `model` (Open session fills it while replaying the
   * recording, so the room can scrub back to before its fault); later samples append to it.
   * Absent: a fresh history of `sessionHistoryBudgetBytes`.
   */
  sessionHistory?: SessionHistory;
  /** Where protocol and containment warnings go (default: 'warn' lines to stderr). */
  log?: (level: LogLevel, message: string) => void;
  /**
   * Issue 15: keep the replica logs in this lab directory, in Kafka's on-disk formats, and
   * recover the lab's topics, configs and records when it already holds some (./lab-storage.ts).
   * Absent: everything stays in memory. Ignored when hosting an existing `model`.
   */
  storage?: LabStorageOptions;
  /**
   * Issue 16: SCRAM users created at start (`--user alice:secret`): SCRAM-SHA-256 and SCRAM-SHA-512
   * credentials with DEFAULT_SCRAM_ITERATIONS, salted; the password itself is not kept.
   */
  users?: readonly { name: string; password: string }[];
  /** Issue 16: folder of the lab's CA and broker certificate (default: tls/ in the settings folder, tls-files.ts). */
  tlsDir?: string;
}

/** Issue 16: the client listeners as the host opened them (for the ready line and the view). */
export interface HostListenerSecurity {
  /** The first listener: bootstrap=, the workbench's connection. */
  listener: ListenerConfig;
  /** Every listener, in `listeners` order (the first is `listener`). */
  listeners: HostListener[];
  /** inter.broker.listener.name (or security.inter.broker.protocol's listener); replication itself stays in the model. */
  interBrokerListenerName: string | null;
  caLocation: string | null;
  reauthMs: number;
  scram: { store: ScramCredentialStore; apply(input: ScramCredentialInput): void };
}

/** What a caller attached to the model at start adds to the host (ClusterHostOptions.onModelCreated). */
export interface HostAttachment {
  /** Simulated time the driver must not run past, or null (a predict step waiting for reveal). */
  holdAtMs?: () => number | null;
}

/** First node id of dedicated controllers, apart from broker ids 1..N (KafkaClusterTestKit numbers controllers from 3000). */
export const DEDICATED_CONTROLLER_BASE_ID = 3000;

/** Bind-anywhere addresses: fine to listen on, meaningless to advertise. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

export class ClusterHost {
  readonly bootstrap: string;
  readonly seed: number;
  private readonly listeners = new Set<(events: ClusterEvent[]) => void>();
  /** Significant events since the start, routine ones in a window (event-history.ts). */
  private readonly history = new EventHistoryStore();
  private readonly metrics = new MetricHistoryStore();
  private readonly metricTimer: ReturnType<typeof setInterval>;
  /** Issue 13: the time-travel history of this cluster (session-history.ts); a new host starts a fresh one. */
  private readonly sessionHistory: SessionHistory;
  private lastEventSeq = -1;
  private significantSinceSample = false;
  private pending: ClusterEvent[] = [];
  private closed = false;
  private commandChain: Promise<void> = Promise.resolve();
  private readonly brokerIds: number[];
  /**
   * Set when a requested broker port was taken and the listeners moved on (portFallback), e.g.
   * "port 9092 is in use; the brokers listen on 9095-9097 instead of 9092-9094"; null otherwise.
   */
  portFallback: string | null = null;
  /** Issue 15: the lab directory this cluster keeps its logs in, or null in memory. */
  labStorage: LabStorage | null = null;
  /** Issue 16: the client listener, its CA file and the SCRAM credentials (set by start). */
  security!: HostListenerSecurity;
  /** Issue 16: how the lab's own clients (the workbench) authenticate: the CA, the UI's SASL user or client certificate. */
  labClientConnection?: LabClientConnection;
  /** Issue 16: the wire side's client quota sensors, for the throttled list of the Security view. */
  quotaManager: ClientQuotaManager | null = null;

  private constructor(
    readonly cluster: KafkaCluster,
    private readonly wire: WireServer,
    private readonly connections: ConnectionRegistry,
    private readonly driver: WallClockDriver,
    ports: Map<number, number>,
    private readonly unsubscribe: () => void,
    private readonly advertisedHost: string,
    sessionHistory: SessionHistory,
  ) {
    this.sessionHistory = sessionHistory;
    // Records in motion for the cluster map (issue 14): observation only, never an input.
    cluster.enableFlow?.();
    this.seed = cluster.seed;
    this.brokerIds = [...ports.keys()];
    this.bootstrap = [...ports.values()].map((port) => hostPort(advertisedHost, port)).join(',');
    this.metricTimer = setInterval(() => this.sampleMetrics(), this.metrics.intervalMs);
    this.metricTimer.unref?.();
  }

  /** Issue 15: this cluster's storage facts (storage-commands.ts): its replica logs in memory. */
  storage(): HostStorage {
    if (!(this.cluster instanceof SimClusterClass)) throw new Error('this cluster host has no storage to describe');
    this.memoryStorage ??= this.labStorage ? new DiskStorage(this.cluster, this.labStorage) : new MemoryStorage(this.cluster);
    return this.memoryStorage;
  }

  private memoryStorage: MemoryStorage | null = null;

  /** One metric sample; a snapshot that throws skips this sample, the next tick tries again. */
  private sampleMetrics(): void {
    try {
      this.metrics.sample(this.cluster.snapshot({ replicaStates: 'none' }));
    } catch {
      // Containment: the charts' history misses one sample.
    }
  }

  static async start(opts: ClusterHostOptions): Promise<ClusterHost> {
    if (!Number.isInteger(opts.brokers) || opts.brokers < 1) throw new Error(`brokers must be a positive integer, got ${opts.brokers}`);
    const controllerCount = opts.controllers ?? 0;
    if (!Number.isInteger(controllerCount) || controllerCount < 0 || controllerCount > MAX_DEDICATED_CONTROLLERS) throw new Error(`controllers must be a whole number from 0 (combined mode) to ${MAX_DEDICATED_CONTROLLERS}, got ${opts.controllers}`);
    const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
    const brokerConfig: Record<string, string> = {};
    // Kafka Lab's defaults for new topics unless the caller chose (config/lab-defaults.ts says why).
    brokerConfig['num.partitions'] = String(opts.defaultPartitions ?? LAB_NUM_PARTITIONS);
    brokerConfig['default.replication.factor'] = String(Math.min(opts.defaultReplicationFactor ?? labDefaultReplicationFactor(opts.brokers), opts.brokers));
    Object.assign(brokerConfig, opts.brokerConfig ?? {});
    const listenHost = opts.listenHost ?? LISTENER_HOST;
    // Issue 16: the client listeners from the listener configs (throws ListenerConfigError on a bad one).
    // The lab's CA and broker certificate are kept with its data (<lab>/tls) when it is on disk.
    const tlsDir = opts.tlsDir ?? (opts.storage && !opts.model ? join(opts.storage.labDir, 'tls') : undefined);
    const resolvedSet = resolveListeners(brokerConfig, { tlsDir, advertisedHost: opts.advertisedHost ?? listenHost });
    // Clients are told advertised.listeners' host, else the host the listener binds (Kafka advertises `listeners` when advertised.listeners is unset), else the lab's advertised host.
    const boundHost = (l: { listener: { bindHost?: string } }): string | undefined => (l.listener.bindHost !== undefined && !WILDCARD_HOSTS.has(l.listener.bindHost) ? l.listener.bindHost : undefined);
    const hostListeners: HostListener[] = resolvedSet.listeners.map((l) => ({ ...l, advertisedHostName: l.advertisedHost ?? boundHost(l) ?? opts.advertisedHost ?? listenHost }));
    const resolved = hostListeners[0]!;
    const advertisedHost = resolved.advertisedHostName;
    for (const l of hostListeners) if (WILDCARD_HOSTS.has(l.advertisedHostName)) throw new Error(`brokers listening on ${listenHost} need an advertised host clients can connect to (advertisedHost / --advertised-host)`);
    // The first listener's ports come from basePort (--port); the others' from `listeners`.
    checkListenerPortRanges(hostListeners.map((l, i) => ({ name: l.listener.name, port: i === 0 ? opts.basePort : l.configuredPort })), opts.brokers);
    const firstBrokerId = opts.firstBrokerId ?? 1;
    const brokerIds = Array.from({ length: opts.brokers }, (_, i) => firstBrokerId + i);
    const { model: modelConfig, wire: wireConfig } = splitBrokerConfig(brokerConfig);
    // [cluster model owner, follow-up 6] The simulation's clock starts at the real time of host start.
    const startTimeMs = opts.startTimeMs ?? Date.now();
    // [cluster model owner, follow-up 7] A bounded input log unless the caller keeps it whole.
    const storageOptions = opts.model ? undefined : opts.storage;
    // Issue 15: a lab on disk keeps record bytes in its files, so its input log (which holds every
    // produced record set) gets a smaller budget: it would otherwise be the process's largest copy.
    const inputLogLimitBytes = opts.keepFullInputLog ? Infinity : storageOptions ? DISK_LAB_INPUT_LOG_LIMIT_BYTES : HOSTED_INPUT_LOG_LIMIT_BYTES;
    const savedMetadata = storageOptions ? LabStorage.prepare(storageOptions) : null;
    const cluster = opts.model?.cluster ?? createCluster({ seed, startTimeMs, inputLogLimitBytes, ...(savedMetadata ? { clusterId: savedMetadata.clusterId } : {}), brokers: brokerIds.map((brokerId) => ({ brokerId, rack: opts.racks?.[brokerId - firstBrokerId] ?? null })), controllers: Array.from({ length: controllerCount }, (_, i) => ({ nodeId: DEDICATED_CONTROLLER_BASE_ID + i })), brokerConfig: modelConfig });
    // Issue 15: disk storage attached (and the lab's metadata restored) before any replica exists.
    const labStorage = storageOptions ? LabStorage.open(storageOptions, cluster, brokerIds, savedMetadata) : null;
    // Issue 4: the group and transaction coordinators, reached by the wire handlers through services.
    const coordinators = wireCoordinators(cluster, opts.model?.coordinators);
    const attachment = opts.onModelCreated?.(cluster, { groups: coordinators.groups, transactions: coordinators.transactions }) ?? null;

    // Issue 16: SCRAM credentials live in the model as an extension (its inputs replay with the trace).
    const scramService = attachScramCredentials(cluster);
    for (const user of opts.users ?? []) {
      for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
        scramService.apply({ op: 'upsert', user: user.name, mechanism, credential: await newScramCredential(mechanism, user.password) });
      }
    }
    const topicIds = new TopicIdIndex(cluster);
    const connections = new ConnectionRegistry(() => cluster.now(), (brokerId, topicId) => topicIds.name(brokerId, topicId));
    const waits = new WaitTracker();
    const handlers = createHandlerRegistry((apiKey) => apiSchemas.has(apiKey));
    // Default: warnings (failed handlers, dropped model events, refused connections) to stderr, so
    // serve mode and the desktop app, which pass no log, never fail silently.
    const log = opts.log ?? ((level: LogLevel, message: string) => void (level === 'warn' && console.error(`kafka-lab warn: ${message}`)));
    let kick = (): void => {};
    const services: BrokerServices = {
      cluster,
      handlers,
      connections,
      coordinators,
      // Issue 16: attached with the coordinators (cluster/transactions/attach.ts); this returns the same model.
      security: attachSecurity(cluster),
      quotas: new ClientQuotaManager(),
      topicIds,
      scram: scramService,
      log,
      kick: () => kick(),
      trackWait: (connectionId, wait) => waits.track(connectionId, wait),
      connectionClosed: (connectionId) => waits.cancelAll(connectionId),
    };
    const maxFrameBytes = Number(wireConfig['socket.request.max.bytes'] ?? DEFAULT_SOCKET_REQUEST_MAX_BYTES);
    const wire = new WireServer(services, {
      maxFrameBytes,
      host: listenHost,
      // Issue 15: held disk appends reach the page cache before any answer leaves (acks=1 included).
      ...(labStorage ? { beforeResponseWrite: writeAllPending } : {}),
      // max.connections, max.connections.per.ip(.overrides), connections.max.idle.ms: broker configs of the model, so --config, DescribeConfigs and IncrementalAlterConfigs reach them.
      limits: (brokerId) => readConnectionLimits(cluster, brokerId, (message) => log('warn', message)),
      onConnectionClosed: (id, brokerId, reason) => log('debug', `connection ${id} to broker ${brokerId} closed: ${reason}`),
      listeners: hostListeners.map((l) => l.listener),
      sasl: {
        credential: (user, mechanism) => scramService.store.get(user, mechanism),
        anyCredential: (user) => scramService.store.any(user),
        // Each listener's own connections.max.reauth.ms is in its ListenerConfig; this is the fallback.
        reauthMs: () => resolved.reauthMs,
        nowMs: () => Date.now(),
      },
    });
    const portsInUse: number[] = [];
    const ports = opts.brokerPorts
      ? await bindPreferredPorts(wire, brokerIds, opts.brokerPorts, opts.basePort)
      : await bindBrokerPorts(wire, brokerIds, opts.basePort, opts.portFallback ?? false, listenHost, portsInUse);
    await bindOtherListeners(wire, brokerIds, hostListeners.slice(1).map((l) => ({ name: l.listener.name, port: l.configuredPort, host: l.listener.bindHost ?? listenHost })), listenHost, opts.otherListenerPorts);
    services.listenerEndpoint = (listenerName, brokerId) => otherListenerEndpoint(hostListeners, wire, listenerName, brokerId, brokerIds.indexOf(brokerId));
    for (const [brokerId, port] of ports) cluster.setBrokerEndpoint(brokerId, advertisedHost, advertisedPortOf(resolved, brokerIds.indexOf(brokerId), port));

    let host: ClusterHost | null = null;
    const driver = new WallClockDriver(cluster, {
      speed: opts.speed ?? 1,
      afterTick: () => {
        host?.flushEvents();
        host?.sampleHistory();
        host?.syncStorage();
      },
      // A model event that throws is dropped and reported; the rest of the cluster keeps running.
      onModelError: (report) => log('warn', describeModelError(report)),
      holdAtMs: () => attachment?.holdAtMs?.() ?? null,
    });
    kick = () => driver.kick();
    // A hosted model (a replayed recording) started long before now: its brokers started with its first event.
    const startup = startupEvents(cluster.events, brokerIds, opts.model ? (cluster.events[0]?.timeMs ?? cluster.now()) : cluster.now());
    // The host keeps its own bounded history (./event-history.ts). The model's EventLog keeps 200,000
    // events for tests and replay comparison: ~100 MB once a busy lab reaches it (issue 15's soak grew ~3 MB a minute).
    cluster.core.events.maxRetained = HOSTED_MODEL_EVENTS_RETAINED;
    const unsubscribeEvents = cluster.onEvent((event: ClusterEvent) => host?.collect(event));
    const unsubscribe = (): void => {
      unsubscribeEvents();
      topicIds.close();
    };
    host = new ClusterHost(cluster, wire, connections, driver, ports, unsubscribe, advertisedHost, opts.sessionHistory ?? new SessionHistory({ budgetBytes: opts.sessionHistoryBudgetBytes }));
    host.labStorage = labStorage;
    host.security = { listener: resolved.listener, listeners: hostListeners, interBrokerListenerName: resolvedSet.interBrokerListenerName, caLocation: hostListeners.find((l) => l.caLocation !== null)?.caLocation ?? null, reauthMs: resolved.reauthMs, scram: scramService };
    host.labClientConnection = await labClientConnection(resolved.listener, scramService, resolved.caLocation, tlsDir);
    host.quotaManager = services.quotas ?? null;
    host.portFallback = describePortFallback('the brokers', opts.basePort, [...ports.values()], portsInUse);
    for (const event of startup) host.collect(event);
    // A hosted model may have stopped brokers (a replayed recording): their ports are closed again.
    if (opts.model) await host.syncListeners();
    host.sampleHistory();
    // Issue 15: RegisterBrokerRecord carries each broker's listeners as bound.
    const started = host;
    labStorage?.setListenerViews(() => started.listenerSecurityView().listeners);
    driver.start({ paused: opts.startPaused ?? false });
    // Issue 15: ready only once every broker has loaded the recovered metadata.
    if (!(await waitForRecoveredMetadata(cluster, labStorage, !(opts.startPaused ?? false)))) log('warn', 'the brokers had not loaded the recovered metadata after 60 s; starting anyway');
    return host;
  }

  /**
   * Simulated ms of flow a snapshot carries: DEFAULT_FLOW_VIEW_WINDOW_MS at 1×, more at higher
   * speeds so hops between two pushes (the renderer replays a little behind now) are not missed.
   */
  private flowWindowMs(): number {
    return DEFAULT_FLOW_VIEW_WINDOW_MS * Math.max(1, Math.min(this.driver.state.speed, 10));
  }

  snapshot(): ClusterView {
    const view = this.cluster.snapshot();
    // Broker byte rates from the listeners (every API's frames); the model meters only produce
    // appends and client fetches, and exposes no replication traffic.
    const brokers = view.brokers.map((b) => ({ ...b, ...this.connections.brokerRates(b.brokerId) }));
    const { state, exportable, bytes, limitBytes, reason } = this.cluster.inputLogStatus();
    const flow = this.cluster.flowView?.(this.flowWindowMs()) ?? undefined;
    // Issue 16: who the client quotas throttle now (wall-clock sensors of the wire side).
    const security = view.security && this.quotaManager ? { ...view.security, throttled: throttledClients(this.quotaManager) } : view.security;
    return { ...view, brokers, connections: this.connections.views(), listenerSecurity: this.listenerSecurityView(), sim: { ...this.driver.state, inputLog: { state, exportable, bytes, limitBytes, reason } }, ...(flow ? { flow } : {}), ...(security ? { security } : {}) };
  }

  /** Issue 16: the listener with each broker's advertised endpoint, and the SCRAM users without secrets. */
  listenerSecurityView(): ListenerSecurityView {
    const { listeners, caLocation, reauthMs, scram, interBrokerListenerName } = this.security;
    return {
      listeners: listenerViews(listeners, this.wire, this.brokerIds),
      users: scram.store.view(),
      caLocation,
      connectionsMaxReauthMs: reauthMs,
      interBrokerListenerName,
    };
  }

  /**
   * The ready line's settings after the bootstrap: the first listener's `security.protocol=…` and
   * `ssl.ca.location=…` (empty for PLAINTEXT), then, with several listeners, each listener's
   * `listener.<NAME>.bootstrap=…` fields (listener-endpoints.ts readyListenerFields).
   */
  clientSecuritySettings(): string {
    const { listener, listeners } = this.security;
    const first = listeners[0]?.caLocation ?? null;
    const own = listener.securityProtocol === 'PLAINTEXT' ? '' : ` security.protocol=${listener.securityProtocol}${first ? ` ssl.ca.location=${first}` : ''}`;
    return own + readyListenerFields(listenerViews(listeners, this.wire, this.brokerIds), new Map(listeners.map((l) => [l.listener.name, l.caLocation])));
  }

  /**
   * Issue 16: creates or replaces a user's SCRAM-SHA-256 and SCRAM-SHA-512 credentials (salted;
   * the password is not kept), as an input of the cluster's log.
   */
  async upsertScramUser(name: string, password: string): Promise<void> {
    for (const mechanism of ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const) {
      this.security.scram.apply({ op: 'upsert', user: name, mechanism, credential: await newScramCredential(mechanism, password) });
    }
  }

  /**
   * The session as a replayable trace, JSON text (src/broker/sim/trace.ts traceToJson: Buffers as
   * { $buffer: base64 }); `replayTrace(traceFromJson(text), (c) => void attachCoordinators(c))`
   * rebuilds the identical run. Throws with the input log's reason when it was dropped at its
   * budget or never kept (a partial log would not replay).
   */
  exportTrace(): string {
    const status = this.cluster.inputLogStatus();
    if (!status.exportable) throw new Error(status.reason ?? 'The input log is not kept, so this session cannot be exported.');
    return traceToJson(this.cluster.exportTrace());
  }

  onEvents(listener: (events: ClusterEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The newest `limit` events, routine and significant, in sequence order. */
  recentEvents(limit = 1000): ClusterEvent[] {
    return this.history.recent(limit);
  }

  /** Every significant event since the cluster started (bounded; EventHistory.dropped says what was dropped) and the newest routine ones. */
  eventHistory(): EventHistory {
    return this.history.history();
  }

  /** Per-topic Σ highWatermark samples for the throughput charts (bounded, downsampled). */
  metricHistory(): MetricHistory {
    return this.metrics.history();
  }

  /** The time-travel history kept so far: its range, budget and what was dropped (ClusterApi.getSessionHistory). */
  sessionHistoryRange(): SessionHistoryRange {
    return this.sessionHistory.range();
  }

  /** The cluster as it was at simulated time `simTimeMs`, through event `throughEventSeq` if given (ClusterApi.getViewAt); refused when older than the kept history. */
  viewAt(simTimeMs: number, throughEventSeq?: number): PastViewResult {
    if (typeof simTimeMs !== 'number' || !Number.isFinite(simTimeMs)) return { ok: false, errorName: 'INVALID_REQUEST', message: `A moment is a simulated time in ms, got ${String(simTimeMs)}.` };
    try {
      if (throughEventSeq !== undefined && (typeof throughEventSeq !== 'number' || !Number.isFinite(throughEventSeq))) return { ok: false, errorName: 'INVALID_REQUEST', message: `An event sequence number is a number, got ${String(throughEventSeq)}.` };
      const past = this.sessionHistory.viewAt(simTimeMs, throughEventSeq);
      if (past) return { ok: true, ...past };
      const { fromMs } = this.sessionHistory.range();
      return { ok: false, errorName: 'OFFSET_OUT_OF_RANGE', message: fromMs === null ? 'No history has been kept yet.' : `History is kept from ${new Date(fromMs).toISOString()} (simulated) on; older history was dropped to stay within its memory budget.` };
    } catch (error) {
      return { ok: false, errorName: 'UNKNOWN_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * Takes a history sample when one is due (after a driver tick: periodic or after significant
   * events) or when `reason` forces one (around commands). A snapshot that throws skips it.
   */
  private sampleHistory(reason?: 'before-command' | 'event'): void {
    try {
      const realNowMs = Date.now();
      const due = reason ?? this.sessionHistory.due(this.cluster.now(), realNowMs, this.significantSinceSample);
      if (!due) return;
      this.sessionHistory.record(this.snapshot(), this.lastEventSeq, due, realNowMs);
      this.significantSinceSample = false;
    } catch {
      // Containment: the history misses one sample; the cluster and the next sample go on.
    }
  }

  async execute(cmd: ClusterCommand): Promise<CommandResult> {
    if (this.closed) return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: 'The cluster host is closed.' };
    switch (cmd.type) {
      case 'set-speed':
        if (!(cmd.speed > 0) || !Number.isFinite(cmd.speed)) return { ok: false, errorName: 'INVALID_REQUEST', message: `Speed must be a positive number, got ${cmd.speed}.` };
        this.driver.setSpeed(cmd.speed);
        return { ok: true, message: `speed ${cmd.speed}×` };
      case 'pause':
        this.driver.pause();
        return { ok: true, message: 'paused: simulated time stands still; clients keep their own timeouts' };
      case 'resume':
        this.driver.resume();
        return { ok: true, message: 'resumed' };
      case 'step': {
        if (!this.driver.state.paused) return { ok: false, errorName: 'INVALID_REQUEST', message: 'Step needs the simulation paused.' };
        const stepMs = cmd.stepMs ?? 100;
        const before = this.cluster.now();
        this.driver.step(stepMs);
        const moved = this.cluster.now() - before;
        // Issue 13: a hold (a scenario's predict step) stops the step short; say so rather than claim the full step.
        if (moved < stepMs) return { ok: true, message: `stepped ${moved} ms: simulated time is held at a scenario's predict step until its answer is revealed` };
        return { ok: true, message: `stepped ${stepMs} ms` };
      }
      case 'create-topic':
      case 'add-partitions': {
        // The controller's per-request bound (KAFKA-17870), as on the wire: a typo of 10^9 partitions
        // in the UI must not run the process out of memory.
        const count = cmd.type === 'create-topic' ? cmd.partitions : cmd.totalCount - (this.cluster.snapshot().topics.find((t) => t.name === cmd.topic)?.partitions.length ?? 0);
        if (count > MAX_PARTITIONS_PER_REQUEST) return { ok: false, errorName: 'POLICY_VIOLATION', message: `Excessively large number of partitions per request (at most ${MAX_PARTITIONS_PER_REQUEST}).` };
        return this.runModelCommand(cmd);
      }
      default:
        // Issue 16: ACLs and client quotas, applied to the security model by the host.
        if (isSecurityCommand(cmd)) return applySecurityCommand(this.cluster, cmd);
        return this.runModelCommand(cmd);
    }
  }

  /**
   * One model command at a time: listeners open and close asynchronously, and two overlapping
   * stop/start commands (a double click) must not race for the same port.
   */
  private runModelCommand(cmd: ClusterCommand): Promise<CommandResult> {
    const run = this.commandChain.then(async (): Promise<CommandResult> => {
      // Issue 13: the moment just before the command (a fault: the old leaders and ISR), and just after.
      this.sampleHistory('before-command');
      const result = this.cluster.command(cmd);
      this.sampleHistory('event');
      const listenerError = await this.syncListeners();
      this.driver.kick();
      return listenerError ?? result;
    });
    this.commandChain = run.then(() => undefined, () => undefined);
    return run;
  }

  /** Client connections the listeners hold now (for the shutdown message). */
  get clientConnectionCount(): number {
    return this.wire.connectionCount();
  }

  /** Brokers of the model that are running now. */
  get runningBrokerCount(): number {
    return this.cluster.snapshot().brokers.filter((b) => b.state === 'running').length;
  }

  /** Issue 13: brokerId → the port its listener has (or had, while stopped), for a new cluster that keeps them. */
  listenerPorts(): Map<number, number> {
    const ports = new Map<number, number>();
    for (const brokerId of this.brokerIds) {
      const port = this.wire.port(brokerId);
      if (port !== null) ports.set(brokerId, port);
    }
    return ports;
  }

  /** Issue 16: listener name → brokerId → port for every listener after the first (a new cluster keeps them: ClusterHostOptions.otherListenerPorts). */
  otherListenerPorts(): Map<string, Map<number, number>> {
    return new Map(this.security.listeners.slice(1).map(({ listener }) => [listener.name, new Map(this.brokerIds.flatMap((id) => {
      const port = this.wire.port(id, listener.name);
      return port === null ? [] : [[id, port] as [number, number]];
    }))]));
  }

  /**
   * Issue 13, host reset: pauses the driver and closes every listener (clients see the
   * disconnect) so a new cluster can bind these ports; `resumeListeners` undoes it when the new
   * cluster fails to start. Kept on this instance rather than a reset in place: a new cluster is
   * a new ClusterHost, so its event and time-travel histories start fresh with it.
   */
  async suspendListeners(): Promise<void> {
    this.driver.pause();
    await Promise.all(this.brokerIds.map((brokerId) => this.wire.stop(brokerId, 'cluster replaced')));
  }

  /** Reopens the running brokers' listeners on their ports and lets simulated time run again (unless it was paused before). */
  async resumeListeners(wasPaused: boolean): Promise<void> {
    await this.syncListeners();
    if (!wasPaused) this.driver.resume();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.driver.stop();
    clearInterval(this.metricTimer);
    this.unsubscribe();
    await this.wire.close();
    this.listeners.clear();
    try {
      this.labStorage?.close();
    } catch (err) {
      console.error(`kafka-lab warn: the lab's checkpoints could not be written on close: ${(err as Error).message}`);
    }
  }

  /** Issue 15: writes the lab's metadata and checkpoints when due; a failure is reported once per tick and the cluster goes on. */
  private syncStorage(): void {
    try {
      this.labStorage?.sync(Date.now());
    } catch (err) {
      console.error(`kafka-lab warn: KAFKA_STORAGE_ERROR writing the lab's checkpoints: ${(err as Error).message}`);
    }
  }

  /**
   * Opens or closes listeners so that exactly the running brokers accept connections. If a
   * restarted broker's port was taken meanwhile, the broker is stopped again (a broker without
   * its listener would be a lie in the view) and the error is returned.
   */
  private async syncListeners(): Promise<CommandResult | null> {
    for (const brokerId of this.brokerIds) {
      const running = this.cluster.isBrokerRunning(brokerId);
      if (running && !this.wire.isListening(brokerId)) {
        let port = this.wire.port(brokerId) ?? 0;
        try {
          this.cluster.setBrokerEndpoint(brokerId, this.advertisedHost, advertisedPortOf(this.security.listeners[0]!, this.brokerIds.indexOf(brokerId), await this.wire.listen(brokerId, port)));
          // Issue 16: the broker's other listeners, on the ports they had.
          for (const { listener } of this.security.listeners.slice(1)) {
            port = this.wire.port(brokerId, listener.name) ?? 0;
            await this.wire.listen(brokerId, port, listener.name);
          }
        } catch (err) {
          await this.wire.stop(brokerId);
          this.cluster.command({ type: 'stop-broker', brokerId, controlled: false });
          return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: `Broker ${brokerId} cannot listen on port ${port} again: ${(err as Error).message}` };
        }
      } else if (!running && this.wire.isListening(brokerId)) {
        await this.wire.stop(brokerId);
      }
    }
    return null;
  }

  private collect(event: ClusterEvent): void {
    this.pending.push(event);
    if (event.seq > this.lastEventSeq) this.lastEventSeq = event.seq;
    if (!isRoutineEvent(event)) this.significantSinceSample = true;
    this.history.add(event);
  }

  private flushEvents(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch {
        // A failing viewer must not stop the driver.
      }
    }
  }
}

/**
 * The events of the cluster's construction, which happen before the host can subscribe: the
 * model's own (controller-elected) and one broker-started per broker, which the model does not
 * emit for brokers that start running at construction. The synthesized ones carry negative seq
 * numbers so they sort before the model's first event (seq 0) and never collide with it.
 */
function startupEvents(modelEvents: readonly ClusterEvent[], brokerIds: number[], nowMs: number): ClusterEvent[] {
  const started = new Set(modelEvents.filter((e) => e.type === 'broker-started').map((e) => (e as { brokerId: number }).brokerId));
  const synthesized = brokerIds.filter((id) => !started.has(id)).map((brokerId, i, all): ClusterEvent => ({ type: 'broker-started', brokerId, timeMs: nowMs, seq: i - all.length }));
  return [...synthesized, ...modelEvents];
}
