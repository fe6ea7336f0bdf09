/**
 * Admin APIs that go to the controller (Kafka forwards them from the receiving broker): configs,
 * leader elections, reassignments, log dirs, producer ids. A broker that cannot reach the active
 * controller answers REQUEST_TIMED_OUT, as a forwarded request would end.
 */
import { RESOURCE_BROKER, RESOURCE_TOPIC, type AlterConfigsResult, type ConfigResourceRef, type DescribeConfigsResult, type IncrementalOp, type LogDirDescription } from '../api';
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import { validateValue } from '../config/configs';
import { BROKER_CONFIG_BY_NAME } from '../config/definitions';
import { nonDynamicConfigsError } from '../config/dynamic-broker-configs';
import type { TopicAdmin } from '../controller/topic-admin';
import { tpKey } from '../metadata';

export function describeConfigs(core: ClusterCore, broker: Broker, resources: (ConfigResourceRef & { configNames: string[] | null })[]): DescribeConfigsResult[] {
  return resources.map((res) => {
    const base = { resourceType: res.resourceType, resourceName: res.resourceName };
    if (res.resourceType === RESOURCE_TOPIC) {
      const record = broker.topicRecord(res.resourceName);
      if (!record) return { ...base, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', errorMessage: `Topic ${res.resourceName} does not exist.`, configs: [] };
      return { ...base, errorName: 'NONE', errorMessage: null, configs: core.configs.describeTopic(record.configs, res.configNames) };
    }
    if (res.resourceType === RESOURCE_BROKER) {
      const id = res.resourceName === '' ? -1 : Number(res.resourceName);
      const target = core.broker(id);
      if (res.resourceName !== '' && !target) return { ...base, errorName: 'INVALID_REQUEST', errorMessage: `Broker ${res.resourceName} is unknown.`, configs: [] };
      return { ...base, errorName: 'NONE', errorMessage: null, configs: core.configs.describeBroker(id, res.configNames, target?.rack ?? null) };
    }
    return { ...base, errorName: 'INVALID_REQUEST', errorMessage: `Unsupported resource type ${res.resourceType}.`, configs: [] };
  });
}

/** Applies broker config changes (dynamic per-broker or cluster default); INVALID_CONFIG / INVALID_REQUEST like Kafka. */
export function alterBroker(core: ClusterCore, admin: TopicAdmin, resourceName: string, changes: Record<string, string | null>, replace: boolean, validateOnly: boolean): { errorName: string; errorMessage: string | null } {
  const id = resourceName === '' ? -1 : Number(resourceName);
  if (resourceName !== '' && !core.broker(id)) return { errorName: 'INVALID_REQUEST', errorMessage: `Broker ${resourceName} is unknown.` };
  const unknown = Object.keys(changes).find((name) => !BROKER_CONFIG_BY_NAME.has(name));
  if (unknown !== undefined) return { errorName: 'INVALID_CONFIG', errorMessage: `Unknown broker config ${unknown}.` };
  // Kafka refuses the whole resource when any config in it is static (DynamicBrokerConfig.validateConfigs).
  const staticError = nonDynamicConfigsError(Object.keys(changes));
  if (staticError) return { errorName: 'INVALID_REQUEST', errorMessage: staticError };
  for (const [name, value] of Object.entries(changes)) {
    const def = BROKER_CONFIG_BY_NAME.get(name)!;
    if (value !== null) {
      const msg = validateValue(def, value);
      if (msg) return { errorName: 'INVALID_CONFIG', errorMessage: msg };
    }
  }
  if (validateOnly) return { errorName: 'NONE', errorMessage: null };
  let target = id === -1 ? core.configs.dynamicDefault : core.configs.dynamicPerBroker.get(id);
  if (!target) core.configs.dynamicPerBroker.set(id, (target = {}));
  if (replace) for (const k of Object.keys(target)) delete target[k];
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) delete target[name];
    else target[name] = value;
  }
  core.configs.changed();
  for (const [name, value] of Object.entries(changes)) core.emit({ type: 'broker-config-changed', brokerId: id === -1 ? null : id, name, value });
  admin.refreshTopicSettings();
  return { errorName: 'NONE', errorMessage: null };
}

export function alterConfigs(core: ClusterCore, admin: TopicAdmin, brokerId: number, resources: (ConfigResourceRef & { configs: Record<string, string | null> })[], validateOnly: boolean, replace: boolean): AlterConfigsResult[] {
  return resources.map((res) => {
    const base = { resourceType: res.resourceType, resourceName: res.resourceName };
    if (!core.controller.reachable(brokerId)) return { ...base, errorName: 'REQUEST_TIMED_OUT', errorMessage: 'The controller could not be reached.' };
    if (res.resourceType === RESOURCE_TOPIC) {
      const r = admin.alterTopicConfigs(res.resourceName, res.configs, replace, validateOnly);
      return { ...base, errorName: r.errorName, errorMessage: r.message };
    }
    if (res.resourceType === RESOURCE_BROKER) return { ...base, ...alterBroker(core, admin, res.resourceName, res.configs, replace, validateOnly) };
    return { ...base, errorName: 'INVALID_REQUEST', errorMessage: `Unsupported resource type ${res.resourceType}.` };
  });
}

/** IncrementalAlterConfigs (KIP-339): SET, DELETE, APPEND and SUBTRACT (list configs) turned into a patch. */
export function incrementalToPatch(core: ClusterCore, broker: Broker, res: ConfigResourceRef, ops: { name: string; op: IncrementalOp; value: string | null }[]): Record<string, string | null> | { errorName: string; message: string } {
  const patch: Record<string, string | null> = {};
  for (const o of ops) {
    if (o.op === 'SET') patch[o.name] = o.value;
    else if (o.op === 'DELETE') patch[o.name] = null;
    else {
      const current = res.resourceType === RESOURCE_TOPIC
        ? core.configs.topicValue(o.name, broker.topicRecord(res.resourceName)?.configs ?? {}).value
        : core.configs.get(o.name, res.resourceName === '' ? -1 : Number(res.resourceName));
      const items = (patch[o.name] ?? current ?? '').split(',').map((s) => s.trim()).filter((s) => s);
      const values = (o.value ?? '').split(',').map((s) => s.trim()).filter((s) => s);
      if (o.name !== 'cleanup.policy' && o.name !== 'log.cleanup.policy') return { errorName: 'INVALID_CONFIG', message: `Config ${o.name} is not a list; ${o.op} is not allowed.` };
      const next = o.op === 'APPEND' ? [...items, ...values.filter((v) => !items.includes(v))] : items.filter((i) => !values.includes(i));
      patch[o.name] = next.join(',');
    }
  }
  return patch;
}

export function describeLogDirs(core: ClusterCore, broker: Broker, topics: { topic: string; partitions: number[] }[] | null): LogDirDescription[] {
  const byTopic = new Map<string, { partition: number; sizeBytes: number; offsetLag: number; isFutureKey: boolean }[]>();
  let total = 0;
  for (const r of broker.replicas.values()) {
    const wanted = topics === null || topics.some((t) => t.topic === r.topic && t.partitions.includes(r.partition));
    const size = r.log.sizeBytes();
    total += size;
    if (!wanted) continue;
    const leaderHw = core.controller.topics.get(r.topic)?.partitions[r.partition];
    const leaderReplica = leaderHw ? core.broker(leaderHw.leader)?.replicas.get(tpKey(r.topic, r.partition)) : undefined;
    const offsetLag = Math.max(0, (leaderReplica?.highWatermark ?? r.highWatermark) - r.log.logEndOffset);
    const list = byTopic.get(r.topic) ?? [];
    list.push({ partition: r.partition, sizeBytes: size, offsetLag, isFutureKey: false });
    byTopic.set(r.topic, list);
  }
  const totalBytes = 1024 ** 4;
  return [{
    brokerId: broker.brokerId,
    logDir: `/var/lib/kafka-lab/broker-${broker.brokerId}`,
    errorName: 'NONE',
    topics: [...byTopic.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([topic, partitions]) => ({ topic, partitions: partitions.sort((a, b) => a.partition - b.partition) })),
    totalBytes,
    usableBytes: totalBytes - total,
  }];
}
