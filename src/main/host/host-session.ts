/**
 * HostSession (issue 13): the running cluster host, its PushHub and its workbench, and the swap
 * to a new cluster ("New cluster…", a scenario, a replayed recording) under them. Serve mode and
 * the Electron shell hold one HostSession; viewers talk to `session.host` and
 * `session.workbench`, which always lead to the current cluster, so nothing a viewer holds
 * goes stale when the cluster is replaced.
 *
 * A swap: pause the old cluster and close its listeners (external clients see the disconnect,
 * as from a broker that went away), start the new ClusterHost on the same port per broker id (a
 * user's bootstrap keeps working), then close the old host and workbench and start a new
 * workbench. If the new cluster fails to start, the old one reopens its listeners and goes on;
 * the caller gets the reason. Every viewer gets the new snapshot on the next push, with a
 * higher `sim.session.generation`, which tells it to start its timeline afresh. The new
 * ClusterHost brings its own fresh event history (and h-time's time-travel history).
 */
import { listenerConfigsOf } from '../../broker/cluster/config/listener-definitions';
import { validateBrokerConfig } from '../../broker/host/broker-config';
import type { ClusterCommand, ClusterEvent, ClusterView, CommandResult } from '../../shared';
import { describeShape, shapeOf } from '../../shared/cluster-shape';
import type { EventHistory, MetricHistory } from '../../shared/history-contract';
import {
  newClusterFieldErrors, type FieldError, type HostSessionResult, type HostSessionView, type NewClusterRequest, type SessionOrigin,
} from '../../shared/host-session-contract';
import { workbenchCommandMethods, type WorkbenchCommands } from '../../shared/workbench-contract';
import type { ClusterHostLike, HostStartOptions } from './cluster-host-like';
import { PushHub } from './hosted-api';
import type { StartedHost } from './start-cluster-host';
import { unavailableWorkbench } from './unavailable-workbench';

export type ClosableWorkbench = WorkbenchCommands & { close(): Promise<void> };

export interface HostSessionDeps {
  /** Starts a cluster host (startClusterHost with the shell's demo flag). */
  startHost(options: HostStartOptions): Promise<StartedHost>;
  /** Starts the workbench against a host, or null (then the reason below is what its methods answer). */
  startWorkbench(host: StartedHost): Promise<ClosableWorkbench | null>;
  /** Why there is no workbench, for the methods of the stand-in. */
  noWorkbenchReason(host: StartedHost): string;
  /** Options every new cluster inherits (listen and advertised host, speed, basePort); shape, seed and configs come from the request. */
  baseOptions: HostStartOptions;
}

/** What a swap adds to the new host before viewers see it (a scenario attaches here); throwing undoes the swap. */
export type AfterStart = (host: StartedHost) => void;

export class HostSession {
  /** The current cluster, seen through a stable object. */
  readonly host: ClusterHostLike;
  readonly workbench: WorkbenchCommands;
  readonly hub: PushHub;
  private generation = 1;
  private origin: SessionOrigin = { kind: 'started' };
  private currentWorkbench: ClosableWorkbench | null;
  private readonly eventListeners = new Set<(events: ClusterEvent[]) => void>();
  private unsubscribeCurrent: () => void;
  private chain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private swapping = false;
  /** Issue 15: what the current cluster was started with beyond the base options (its shape, racks and broker configs), for "Reset lab". */
  private startedWith: Partial<HostStartOptions> = {};
  /** Adds to the pushed view what the session knows beyond the host (the scenario's narration). */
  scenarioView: () => HostSessionView['scenario'] = () => null;

  private constructor(private current: StartedHost, workbench: ClosableWorkbench | null, private readonly deps: HostSessionDeps) {
    this.currentWorkbench = workbench;
    this.unsubscribeCurrent = this.subscribe(current);
    this.host = this.sessionHost();
    this.workbench = this.workbenchProxy();
    this.hub = new PushHub(this.host);
  }

  /** Starts the first cluster and its workbench. */
  static async start(deps: HostSessionDeps): Promise<HostSession> {
    const host = await deps.startHost(deps.baseOptions);
    const workbench = await deps.startWorkbench(host).catch(() => null);
    return new HostSession(host, workbench, deps);
  }

  /** The running host itself (for the shell's status lines and for attaching a scenario). */
  get started(): StartedHost {
    return this.current;
  }

  view(): HostSessionView {
    return { generation: this.generation, origin: this.origin, scenario: this.scenarioView() };
  }

  /** "New cluster…": checks the request, then swaps. Field errors name the form's fields. */
  newCluster(request: NewClusterRequest): Promise<HostSessionResult> {
    const fieldErrors = [...newClusterFieldErrors(request), ...brokerConfigErrors(request.brokerConfig ?? {})];
    if (fieldErrors.length > 0) {
      return Promise.resolve({ ok: false, errorName: 'INVALID_CONFIG', message: fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; '), fieldErrors });
    }
    return this.replace({
      brokers: request.brokers,
      controllers: request.controllers,
      ...(request.racks && request.racks.length > 0 ? { racks: request.racks } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.brokerConfig && Object.keys(request.brokerConfig).length > 0 ? { brokerConfig: request.brokerConfig } : {}),
    }, { kind: 'new-cluster' });
  }

  /**
   * Replaces the cluster by one started with `options` (over the base options: shape, seed,
   * configs, racks replace the old ones). One swap at a time; on failure the old cluster runs on.
   */
  replace(options: Partial<HostStartOptions> & Pick<HostStartOptions, 'brokers'>, origin: SessionOrigin, afterStart?: AfterStart): Promise<HostSessionResult> {
    const run = this.chain.then(() => this.swap(options, origin, afterStart));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async swap(options: Partial<HostStartOptions> & Pick<HostStartOptions, 'brokers'>, origin: SessionOrigin, afterStart?: AfterStart): Promise<HostSessionResult> {
    if (this.closed) return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: 'The cluster host is closed.' };
    const old = this.current;
    const wasPaused = safe(() => old.snapshot().sim?.paused, false) ?? false;
    const ports = old.listenerPorts?.();
    const otherListenerPorts = old.otherListenerPorts?.();
    await old.suspendListeners?.();
    let next: StartedHost;
    try {
      // Issue 15: a new cluster, scenario or recording runs in memory; the lab's directory stays the first cluster's (two clusters never share it).
      const { seed: _seed, controllers: _controllers, brokerConfig: _brokerConfig, racks: _racks, storage: _storage, ...inherited } = this.deps.baseOptions;
      // Issue 16: the lab's listeners and their security stay (a request's own configs win).
      const listenerConfigs = listenerConfigsOf(_brokerConfig);
      const brokerConfig = { ...listenerConfigs, ...options.brokerConfig };
      next = await this.deps.startHost({ ...inherited, portFallback: false, ...(ports ? { brokerPorts: ports } : {}), ...(otherListenerPorts?.size ? { otherListenerPorts } : {}), ...options, ...(Object.keys(brokerConfig).length > 0 ? { brokerConfig } : {}) });
    } catch (error) {
      await old.resumeListeners?.(wasPaused).catch(() => undefined);
      return { ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: `The new cluster could not start (${errorText(error)}); the old cluster keeps running.` };
    }
    try {
      afterStart?.(next);
    } catch (error) {
      await next.close().catch(() => undefined);
      await old.resumeListeners?.(wasPaused).catch(() => undefined);
      return { ok: false, errorName: 'INVALID_REQUEST', message: `${errorText(error)}; the old cluster keeps running.` };
    }
    const oldWorkbench = this.currentWorkbench;
    this.currentWorkbench = null;
    this.unsubscribeCurrent();
    this.current = next;
    this.unsubscribeCurrent = this.subscribe(next);
    this.generation++;
    this.origin = origin;
    this.startedWith = options;
    this.hub.restart();
    this.swapping = true;
    try {
      await Promise.allSettled([oldWorkbench?.close(), old.close()]);
      this.currentWorkbench = await this.deps.startWorkbench(next).catch(() => null);
    } finally {
      this.swapping = false;
    }
    const shape = safe(() => describeShape(shapeOf(next.snapshot())), `${options.brokers} brokers`);
    return { ok: true, message: `New cluster: ${shape}, seed ${next.seed}, bootstrap ${next.bootstrap}` };
  }

  /**
   * Issue 15, "Reset lab": a new, empty cluster of the current one's shape (brokers, dedicated
   * controllers), racks, broker configs and seed, on the same ports; a running scenario or replay is left
   * behind. In memory nothing else needs deleting; disk storage deletes the lab's logs first.
   */
  resetLab(): Promise<HostSessionResult> {
    // On disk: the new cluster opens the same lab directory emptied first (its old host is detached from it, never writing there again).
    const labStorage = this.deps.baseOptions.storage;
    const view = safe(() => this.current.snapshot(), null);
    const shape = view ? shapeOf(view) : { brokers: this.startedWith.brokers ?? this.deps.baseOptions.brokers, controllers: this.startedWith.controllers ?? this.deps.baseOptions.controllers ?? 0 };
    const racks = this.startedWith.racks ?? (this.startedWith.model ? view?.brokers.map((b) => b.rack) : undefined) ?? this.deps.baseOptions.racks;
    const brokerConfig = this.startedWith.brokerConfig ?? this.deps.baseOptions.brokerConfig;
    return this.replace({
      brokers: shape.brokers,
      controllers: shape.controllers,
      seed: this.current.seed,
      ...(racks && racks.some((r) => r) ? { racks } : {}),
      ...(brokerConfig && Object.keys(brokerConfig).length > 0 ? { brokerConfig } : {}),
      ...(labStorage ? { storage: { ...labStorage, reset: true } } : {}),
    }, { kind: 'new-cluster' });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.chain;
    this.hub.close();
    this.unsubscribeCurrent();
    await Promise.allSettled([this.currentWorkbench?.close(), this.current.close()]);
  }

  private subscribe(host: StartedHost): () => void {
    return host.onEvents((events) => {
      for (const listener of this.eventListeners) listener(events);
    });
  }

  /** A ClusterHostLike that always answers for the current cluster. */
  private sessionHost(): ClusterHostLike {
    const current = (): StartedHost => this.current;
    const sessionView = (): HostSessionView => this.view();
    const listeners = this.eventListeners;
    const close = (): Promise<void> => this.close();
    return {
      get bootstrap() { return current().bootstrap; },
      get seed() { return current().seed; },
      get portFallback() { return current().portFallback; },
      get clientConnectionCount() { return current().clientConnectionCount; },
      get runningBrokerCount() { return current().runningBrokerCount; },
      snapshot(): ClusterView {
        const view = current().snapshot();
        return view.sim ? { ...view, sim: { ...view.sim, session: sessionView() } } : view;
      },
      onEvents(listener) {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      recentEvents: (limit?: number) => current().recentEvents(limit),
      eventHistory: (): EventHistory => current().eventHistory(),
      metricHistory: (): MetricHistory => current().metricHistory(),
      // h-time's time travel: the history lives in each ClusterHost, so a new cluster brings a fresh one.
      sessionHistoryRange: () => current().sessionHistoryRange(),
      viewAt: (simTimeMs: number, throughEventSeq?: number) => current().viewAt(simTimeMs, throughEventSeq),
      execute: (command: ClusterCommand): Promise<CommandResult> => current().execute(command),
      exportTrace: () => current().exportTrace(),
      // Issue 15: the current cluster's storage (a reset cluster brings its own).
      storage: () => {
        const host = current();
        if (!host.storage) throw new Error('this cluster host has no storage to describe');
        return host.storage();
      },
      close: close,
    };
  }

  /** Workbench methods that always reach the current cluster's workbench. */
  private workbenchProxy(): WorkbenchCommands {
    const call = (method: string, args: unknown[]): Promise<unknown> => {
      const target = this.currentWorkbench ?? unavailableWorkbench(this.swapping ? 'the cluster is being replaced; try again in a moment' : this.deps.noWorkbenchReason(this.current));
      return ((target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[method]!).apply(target, args);
    };
    return Object.fromEntries(workbenchCommandMethods.map((method) => [method, (...args: unknown[]) => call(method, args)])) as unknown as WorkbenchCommands;
  }
}

/** One field error per bad broker config, named `brokerConfig.<name>`. */
export function brokerConfigErrors(configs: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [name, value] of Object.entries(configs)) {
    const problem = validateBrokerConfig({ [name]: value });
    if (problem) errors.push({ field: `brokerConfig.${name}`, message: problem });
  }
  return errors;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function safe<T>(read: () => T, fallback: T): T {
  try {
    return read();
  } catch {
    return fallback;
  }
}
