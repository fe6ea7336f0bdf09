/**
 * Config resolution, validation and DescribeConfigs entries. Broker values come from, in order:
 * dynamic per-broker, dynamic cluster default, static (ClusterOptions.brokerConfig), the default.
 * A topic value comes from its override, else its broker synonym, else the topic default.
 */
import type { ConfigEntryView, ConfigSource } from '../../../shared/cluster-view';
import { isDynamicBrokerConfig } from './dynamic-broker-configs';
import { BROKER_CONFIG_BY_NAME, BROKER_CONFIGS, TOPIC_CONFIG_BY_NAME, TOPIC_CONFIGS, type ConfigDef } from './definitions';

export type ConfigError = { errorName: 'INVALID_CONFIG'; message: string };

/** Checks one value against its definition; null when valid. */
export function validateValue(def: ConfigDef, value: string): string | null {
  const num = Number(value);
  switch (def.type) {
    case 'int':
    case 'long':
      if (!/^-?\d+$/.test(value.trim())) return `Invalid value ${value} for configuration ${def.name}: Not a number of type ${def.type.toUpperCase()}`;
      if (def.min !== undefined && num < def.min) return `Invalid value ${value} for configuration ${def.name}: Value must be at least ${def.min}`;
      if (def.type === 'int' && num > 2147483647) return `Invalid value ${value} for configuration ${def.name}: Not a number of type INT`;
      return null;
    case 'double':
      if (value.trim() === '' || Number.isNaN(num)) return `Invalid value ${value} for configuration ${def.name}: Not a number of type DOUBLE`;
      if (def.min !== undefined && num < def.min) return `Invalid value ${value} for configuration ${def.name}: Value must be at least ${def.min}`;
      return null;
    case 'boolean':
      if (!/^(true|false)$/i.test(value.trim())) return `Invalid value ${value} for configuration ${def.name}: Expected value to be either true or false`;
      return null;
    case 'list': {
      const items = value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
      if (def.validValues && items.some((i) => !def.validValues!.includes(i))) return `Invalid value ${value} for configuration ${def.name}: String must be one of: ${def.validValues.join(', ')}`;
      if (def.validValues && items.length === 0) return `Invalid value ${value} for configuration ${def.name}: Empty list`;
      return null;
    }
    case 'string':
    case 'password':
      if (def.validValues && !def.validValues.includes(value)) return `Invalid value ${value} for configuration ${def.name}: String must be one of: ${def.validValues.join(', ')}`;
      return null;
  }
}

/** Validates topic config overrides (CreateTopics/AlterConfigs): unknown names and bad values are INVALID_CONFIG. */
export function validateTopicConfigs(configs: Record<string, string | null>): ConfigError | null {
  for (const [name, value] of Object.entries(configs)) {
    const def = TOPIC_CONFIG_BY_NAME.get(name);
    if (!def) return { errorName: 'INVALID_CONFIG', message: `Unknown topic config name: ${name}` };
    if (value === null) continue;
    const msg = validateValue(def, value);
    if (msg) return { errorName: 'INVALID_CONFIG', message: msg };
  }
  return null;
}

export class BrokerConfigStore {
  readonly staticConfig: Record<string, string>;
  readonly dynamicDefault: Record<string, string> = {};
  readonly dynamicPerBroker = new Map<number, Record<string, string>>();
  /** Rises on every dynamic change, so views built from the configs can be cached until it moves. */
  version = 0;

  constructor(staticConfig: Record<string, string>) {
    this.staticConfig = { ...staticConfig };
  }

  changed(): void {
    this.version++;
  }

  /** Effective value and its source for a broker (brokerId -1: cluster-wide view). */
  resolve(name: string, brokerId = -1): { value: string | null; source: ConfigSource } {
    const perBroker = this.dynamicPerBroker.get(brokerId);
    if (perBroker && name in perBroker) return { value: perBroker[name]!, source: 'DYNAMIC_BROKER_CONFIG' };
    if (name in this.dynamicDefault) return { value: this.dynamicDefault[name]!, source: 'DYNAMIC_DEFAULT_BROKER_CONFIG' };
    if (name in this.staticConfig) return { value: this.staticConfig[name]!, source: 'STATIC_BROKER_CONFIG' };
    return { value: this.derivedDefault(name, brokerId), source: 'DEFAULT_CONFIG' };
  }

  private derivedDefault(name: string, brokerId: number): string | null {
    if (name === 'log.retention.ms') return String(Number(this.get('log.retention.hours', brokerId)) * 3_600_000);
    if (name === 'log.roll.ms') return String(Number(this.get('log.roll.hours', brokerId)) * 3_600_000);
    // KafkaConfig.logFlushIntervalMs: log.flush.interval.ms, else log.flush.scheduler.interval.ms.
    if (name === 'log.flush.interval.ms') return this.get('log.flush.scheduler.interval.ms', brokerId);
    if (name === 'broker.id' || name === 'node.id') return brokerId >= 0 ? String(brokerId) : null;
    return BROKER_CONFIG_BY_NAME.get(name)?.defaultValue ?? null;
  }

  get(name: string, brokerId = -1): string {
    return this.resolve(name, brokerId).value ?? '';
  }

  num(name: string, brokerId = -1): number {
    return Number(this.get(name, brokerId));
  }

  bool(name: string, brokerId = -1): boolean {
    return this.get(name, brokerId).toLowerCase() === 'true';
  }

  /** Effective value of a topic config given its overrides. */
  topicValue(name: string, overrides: Record<string, string>): { value: string; source: ConfigSource } {
    if (name in overrides) return { value: overrides[name]!, source: 'DYNAMIC_TOPIC_CONFIG' };
    const def = TOPIC_CONFIG_BY_NAME.get(name);
    if (def?.brokerSynonym) {
      const r = this.resolve(def.brokerSynonym);
      if (r.value !== null && r.source !== 'DEFAULT_CONFIG') return { value: r.value, source: r.source };
      // log.retention.ms / log.roll.ms default from their *.hours siblings, which may be set statically.
      if (r.value !== null && r.value !== def.defaultValue) return { value: r.value, source: 'STATIC_BROKER_CONFIG' };
    }
    return { value: def?.defaultValue ?? '', source: 'DEFAULT_CONFIG' };
  }

  /** DescribeConfigs entries of a topic (every topic config, or the named ones). */
  describeTopic(overrides: Record<string, string>, names: string[] | null): ConfigEntryView[] {
    const defs = names ? names.map((n) => TOPIC_CONFIG_BY_NAME.get(n)).filter((d): d is ConfigDef => !!d) : TOPIC_CONFIGS;
    return defs.map((def) => {
      const { value, source } = this.topicValue(def.name, overrides);
      return { name: def.name, value, defaultValue: def.defaultValue, source, readOnly: false, sensitive: false, documentation: def.documentation };
    });
  }

  /** DescribeConfigs entries of a broker. */
  describeBroker(brokerId: number, names: string[] | null, rack: string | null): ConfigEntryView[] {
    const defs = names ? names.map((n) => BROKER_CONFIG_BY_NAME.get(n)).filter((d): d is ConfigDef => !!d) : BROKER_CONFIGS;
    return defs.map((def) => {
      let { value, source } = this.resolve(def.name, brokerId);
      if (def.name === 'broker.rack') {
        value = rack;
        source = rack === null ? 'DEFAULT_CONFIG' : 'STATIC_BROKER_CONFIG';
      }
      if (def.name === 'broker.id' || def.name === 'node.id') source = 'STATIC_BROKER_CONFIG';
      const readOnly = (def.readOnly ?? false) || !isDynamicBrokerConfig(def.name);
      return { name: def.name, value: def.sensitive ? null : value, defaultValue: def.defaultValue, source, readOnly, sensitive: def.sensitive ?? false, documentation: def.documentation };
    });
  }
}

/** Typed view of a topic's effective configs, recomputed when overrides or broker configs change. */
export interface TopicSettings {
  cleanupDelete: boolean;
  cleanupCompact: boolean;
  retentionMs: number;
  retentionBytes: number;
  segmentBytes: number;
  segmentMs: number;
  minInSyncReplicas: number;
  uncleanLeaderElection: boolean;
  maxMessageBytes: number;
  logAppendTime: boolean;
  deleteRetentionMs: number;
  minCompactionLagMs: number;
  /** flush.messages: fsync once this many messages are unflushed (UnifiedLog.append); ≈9.2e18 (Long.MAX_VALUE) = never. */
  flushMessages: number;
  /** flush.ms: fsync once this long (ms) passed since the last flush (LogManager.flushDirtyLogs); ≈9.2e18 = never. */
  flushMs: number;
}

export function topicSettings(store: BrokerConfigStore, overrides: Record<string, string>): TopicSettings {
  const v = (n: string) => store.topicValue(n, overrides).value;
  const policy = v('cleanup.policy').split(',').map((s) => s.trim());
  return {
    cleanupDelete: policy.includes('delete'),
    cleanupCompact: policy.includes('compact'),
    retentionMs: Number(v('retention.ms')),
    retentionBytes: Number(v('retention.bytes')),
    segmentBytes: Number(v('segment.bytes')),
    segmentMs: Number(v('segment.ms')),
    minInSyncReplicas: Number(v('min.insync.replicas')),
    uncleanLeaderElection: v('unclean.leader.election.enable').toLowerCase() === 'true',
    maxMessageBytes: Number(v('max.message.bytes')),
    logAppendTime: v('message.timestamp.type') === 'LogAppendTime',
    deleteRetentionMs: Number(v('delete.retention.ms')),
    minCompactionLagMs: Number(v('min.compaction.lag.ms')),
    flushMessages: Number(v('flush.messages')),
    flushMs: Number(v('flush.ms')),
  };
}
