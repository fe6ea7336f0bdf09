/**
 * The worker's herder (Kafka's DistributedHerder, for one worker): connector configs, target states
 * and task configs live in `connect-configs`, source offsets in `connect-offsets`, statuses in
 * `connect-status` (see storage/keys.ts), all replayed at start, so a restarted worker runs the same
 * connectors again and its sources resume from their committed offsets. Every operation of the REST
 * API lands here; failures throw ConnectRestError with Kafka's HTTP status.
 */
import type { Kafka } from 'kafkajs';
import { ConnectRestError } from './rest/errors';
import { invalidConfigMessage, validateConfig, type ConfigInfos } from './plugins/config-def';
import { converterFor, STRING_CONVERTER } from './plugins/converters';
import { findPlugin, PLUGINS } from './plugins/registry';
import type { ConnectorPlugin, RunningTask } from './plugins/types';
import type { KafkaLogs, LogRecord } from './storage/kafka-log';
import * as keys from './storage/keys';
import type { ConnectState, TargetState } from './storage/keys';

export type StatusEntry = { state: ConnectState; trace: string | null; worker_id: string; generation: number };

type ConnectorEntry = {
  config: Record<string, string>;
  taskConfigs: Record<string, string>[];
  target: TargetState;
  status: StatusEntry;
  tasks: Map<number, TaskSlot>;
};

type TaskSlot = { runtime?: RunningTask; status: StatusEntry; /** Settles when run() ends. */ done: Promise<void> };

export type ConnectorInfo = { name: string; config: Record<string, string>; tasks: { connector: string; task: number }[]; type: 'source' | 'sink' };

export class Herder {
  private readonly connectors = new Map<string, ConnectorEntry>();
  /** Replayed configs of `connect-configs` (before the worker starts them). */
  private readonly replayed = new Map<string, { config?: Record<string, string>; target?: TargetState }>();
  private readonly offsets = new Map<string, Record<string, unknown>>();
  private logs: KafkaLogs | undefined;
  private writes = Promise.resolve();
  /**
   * The `generation` written with each status (KafkaStatusBackingStore): Kafka's is the worker
   * group's generation; with one worker here it is one more than the highest found in
   * connect-status at start, so a restarted worker's statuses supersede its predecessor's.
   */
  private generation = 0;

  constructor(
    private readonly kafka: Kafka,
    readonly workerId: string,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
  ) {}

  /** Feeds one replayed or new record of the internal topics. */
  onRecord = (record: LogRecord): void => {
    if (record.topic === keys.OFFSET_TOPIC) {
      if (record.value === null) this.offsets.delete(record.key);
      else this.offsets.set(record.key, (keys.safeJson(record.value) ?? {}) as Record<string, unknown>);
      return;
    }
    if (record.topic === keys.STATUS_TOPIC) {
      const generation = record.value === null ? undefined : (keys.safeJson(record.value) as { generation?: unknown } | undefined)?.generation;
      if (typeof generation === 'number' && generation > this.generation) this.generation = generation;
      return;
    }
    if (record.topic !== keys.CONFIG_TOPIC) return;
    const parsed = keys.parseConfigRecord(record.key, record.value);
    if (!parsed) return;
    const entry = this.replayed.get(parsed.name) ?? {};
    if (parsed.kind === 'connector') {
      if (parsed.properties === null) this.replayed.delete(parsed.name);
      else this.replayed.set(parsed.name, { ...entry, config: parsed.properties });
    } else if (parsed.kind === 'target-state' && this.replayed.has(parsed.name)) {
      this.replayed.set(parsed.name, { ...entry, target: parsed.state ?? 'STARTED' });
    }
  };

  /** Starts every connector found in `connect-configs` (after KafkaLogs replayed it). */
  async startReplayed(logs: KafkaLogs): Promise<void> {
    this.logs = logs;
    this.generation += 1;
    for (const [name, { config, target }] of this.replayed) {
      if (!config) continue;
      try {
        await this.startConnector(name, config, target ?? 'STARTED', false);
      } catch (err) {
        this.log('warn', `connector ${name} from connect-configs could not start: ${(err as Error).message}`);
      }
    }
  }

  listConnectors(): string[] {
    return [...this.connectors.keys()].sort();
  }

  info(name: string): ConnectorInfo {
    const entry = this.entry(name);
    return { name, config: entry.config, tasks: entry.taskConfigs.map((_, task) => ({ connector: name, task })), type: this.pluginOf(entry).type };
  }

  status(name: string): { name: string; connector: { state: ConnectState; worker_id: string; trace?: string }; tasks: { id: number; state: ConnectState; worker_id: string; trace?: string }[]; type: 'source' | 'sink' } {
    const entry = this.entry(name);
    const withTrace = (s: StatusEntry) => ({ state: s.state, worker_id: s.worker_id, ...(s.trace ? { trace: s.trace } : {}) });
    return { name, connector: withTrace(entry.status), tasks: [...entry.tasks.entries()].map(([id, t]) => ({ id, ...withTrace(t.status) })), type: this.pluginOf(entry).type };
  }

  taskConfigs(name: string): { id: { connector: string; task: number }; config: Record<string, string> }[] {
    return this.entry(name).taskConfigs.map((config, task) => ({ id: { connector: name, task }, config }));
  }

  validate(className: string, props: Record<string, string>): ConfigInfos {
    const plugin = findPlugin(className);
    if (!plugin) throw new ConnectRestError(400, `Failed to find any class that implements Connector and which name matches ${className}, available connectors are: ${PLUGINS.map((p) => p.className).join(', ')}`);
    const infos = validateConfig(plugin.className, plugin.configDef, props, (p) => ({ ...plugin.validate(p), ...this.converterErrors(p) }));
    return infos;
  }

  /** PUT /connectors/{name}/config and POST /connectors. Returns whether the connector is new. */
  async putConfig(name: string, config: Record<string, string>, allowReplace: boolean): Promise<{ created: boolean; info: ConnectorInfo }> {
    if (!name.trim()) throw new ConnectRestError(400, 'Connector name cannot be empty');
    if (config.name !== undefined && config.name !== name) throw new ConnectRestError(400, `Connector name configuration (${config.name}) doesn't match connector name in the URL (${name})`);
    const props: Record<string, string> = { ...config, name };
    const className = props['connector.class'];
    if (className === undefined) throw new ConnectRestError(400, invalidConfigMessage(validateConfig('', [{ name: 'connector.class', type: 'STRING', defaultValue: undefined, importance: 'HIGH', documentation: '', group: 'Common' }], props)));
    const infos = this.validate(className, props);
    if (infos.error_count > 0) throw new ConnectRestError(400, invalidConfigMessage(infos));
    const existing = this.connectors.get(name);
    if (existing && !allowReplace) throw new ConnectRestError(409, `Connector ${name} already exists`);
    const target = existing?.target ?? 'STARTED';
    if (existing) await this.stopConnector(name);
    await this.write(keys.CONFIG_TOPIC, keys.connectorKey(name), { properties: props });
    await this.startConnector(name, props, target, true);
    return { created: !existing, info: this.info(name) };
  }

  async pause(name: string): Promise<void> {
    const entry = this.entry(name);
    await this.write(keys.CONFIG_TOPIC, keys.targetStateKey(name), { state: 'PAUSED' });
    entry.target = 'PAUSED';
    if (entry.status.state === 'RUNNING') this.setConnectorStatus(name, entry, 'PAUSED', null);
    for (const [id, task] of entry.tasks) {
      task.runtime?.pause();
      if (task.status.state === 'RUNNING') this.setTaskStatus(name, id, 'PAUSED', null);
    }
  }

  async resume(name: string): Promise<void> {
    const entry = this.entry(name);
    await this.write(keys.CONFIG_TOPIC, keys.targetStateKey(name), { state: 'STARTED' });
    entry.target = 'STARTED';
    if (entry.status.state === 'PAUSED') this.setConnectorStatus(name, entry, 'RUNNING', null);
    for (const [id, task] of entry.tasks) {
      task.runtime?.resume();
      if (task.status.state === 'PAUSED') this.setTaskStatus(name, id, 'RUNNING', null);
    }
  }

  /** POST /connectors/{name}/restart (ConnectorsResource.restartConnector, KIP-745's includeTasks/onlyFailed). */
  async restart(name: string, includeTasks: boolean, onlyFailed: boolean): Promise<void> {
    const entry = this.entry(name);
    if (!onlyFailed || entry.status.state === 'FAILED') this.setConnectorStatus(name, entry, entry.target === 'PAUSED' ? 'PAUSED' : 'RUNNING', null);
    if (!includeTasks) return;
    for (const [id, task] of entry.tasks) {
      if (onlyFailed && task.status.state !== 'FAILED') continue;
      task.runtime?.stop();
      await task.done;
      this.startTask(name, entry, id);
    }
  }

  /** DELETE /connectors/{name}: tombstones for its config and target state, as KafkaConfigBackingStore.removeConnectorConfig. */
  async delete(name: string): Promise<void> {
    this.entry(name);
    await this.stopConnector(name);
    this.connectors.delete(name);
    await this.write(keys.CONFIG_TOPIC, keys.connectorKey(name), null);
    await this.write(keys.CONFIG_TOPIC, keys.targetStateKey(name), null);
  }

  /** Stops every task (each commits its last offsets) without touching the stored configs. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.connectors.keys()].map((name) => this.stopConnector(name)));
    await this.writes;
  }

  private entry(name: string): ConnectorEntry {
    const entry = this.connectors.get(name);
    if (!entry) throw new ConnectRestError(404, `Connector ${name} not found`);
    return entry;
  }

  private pluginOf(entry: ConnectorEntry): ConnectorPlugin {
    return findPlugin(entry.config['connector.class']!)!;
  }

  private converterErrors(props: Record<string, string>): Record<string, string[]> {
    const errors: Record<string, string[]> = {};
    for (const key of ['key.converter', 'value.converter']) {
      try {
        converterFor(props, key, STRING_CONVERTER);
      } catch (e) {
        errors[key] = [`Invalid value ${props[key]} for configuration ${key}: ${(e as Error).message}`];
      }
    }
    return errors;
  }

  private async startConnector(name: string, config: Record<string, string>, target: TargetState, writeTasks: boolean): Promise<void> {
    const plugin = findPlugin(config['connector.class'] ?? '');
    if (!plugin) throw new Error(`unknown connector class ${config['connector.class']}`);
    const maxTasks = Number(config['tasks.max'] ?? '1');
    const taskConfigs = plugin.taskConfigs(config, maxTasks);
    const state: ConnectState = target === 'PAUSED' ? 'PAUSED' : 'RUNNING';
    const entry: ConnectorEntry = { config, taskConfigs, target, status: this.statusEntry(state, null), tasks: new Map() };
    this.connectors.set(name, entry);
    if (writeTasks) {
      for (const [i, properties] of taskConfigs.entries()) await this.write(keys.CONFIG_TOPIC, keys.taskKey(name, i), { properties });
      await this.write(keys.CONFIG_TOPIC, keys.commitKey(name), { tasks: taskConfigs.length });
    }
    this.setConnectorStatus(name, entry, state, null);
    for (let i = 0; i < taskConfigs.length; i++) this.startTask(name, entry, i);
  }

  private startTask(name: string, entry: ConnectorEntry, id: number): void {
    const plugin = this.pluginOf(entry);
    const runtime = plugin.createTask({
      connector: name,
      taskId: id,
      config: entry.taskConfigs[id]!,
      kafka: this.kafka,
      valueConverter: converterFor(entry.config, 'value.converter', STRING_CONVERTER),
      readOffset: (partition) => this.offsets.get(keys.offsetKey(name, partition)),
      commitOffset: async (partition, offset) => {
        const key = keys.offsetKey(name, partition);
        this.offsets.set(key, offset);
        await this.write(keys.OFFSET_TOPIC, key, offset);
      },
      log: this.log,
    });
    const slot: TaskSlot = { runtime, status: this.statusEntry(entry.target === 'PAUSED' ? 'PAUSED' : 'RUNNING', null), done: Promise.resolve() };
    entry.tasks.set(id, slot);
    this.setTaskStatus(name, id, slot.status.state, null);
    if (entry.target === 'PAUSED') runtime.pause();
    slot.done = runtime.run().then(
      () => undefined,
      (err: unknown) => {
        if (entry.tasks.get(id) !== slot) return;
        const error = err instanceof Error ? err : new Error(String(err));
        this.log('warn', `task ${name}-${id} failed: ${error.message}`);
        slot.runtime = undefined;
        this.setTaskStatus(name, id, 'FAILED', error.stack ?? error.message);
      },
    );
  }

  private async stopConnector(name: string): Promise<void> {
    const entry = this.connectors.get(name);
    if (!entry) return;
    const running = [...entry.tasks.values()];
    entry.tasks = new Map();
    for (const slot of running) slot.runtime?.stop();
    await Promise.all(running.map((slot) => slot.done));
  }

  private statusEntry(state: ConnectState, trace: string | null): StatusEntry {
    return { state, trace, worker_id: this.workerId, generation: this.generation };
  }

  private setConnectorStatus(name: string, entry: ConnectorEntry, state: ConnectState, trace: string | null): void {
    entry.status = this.statusEntry(state, trace);
    void this.write(keys.STATUS_TOPIC, keys.connectorStatusKey(name), entry.status).catch(() => undefined);
  }

  private setTaskStatus(name: string, id: number, state: ConnectState, trace: string | null): void {
    const slot = this.connectors.get(name)?.tasks.get(id);
    if (!slot) return;
    slot.status = this.statusEntry(state, trace);
    void this.write(keys.STATUS_TOPIC, keys.taskStatusKey(name, id), slot.status).catch(() => undefined);
  }

  /** Writes to an internal topic, in call order. */
  private write(topic: string, key: string, value: unknown): Promise<void> {
    const logs = this.logs;
    if (!logs) return Promise.reject(new Error('Connect worker is not started'));
    const next = this.writes.then(() => logs.send(topic, key, value));
    this.writes = next.catch((err: unknown) => this.log('warn', `write to ${topic} failed: ${(err as Error).message}`));
    return next;
  }
}
