/**
 * Keys and values of Kafka Connect's three internal topics in distributed mode, as Kafka's worker
 * writes them (the internal converter is JsonConverter with schemas.enable=false, so every key and
 * value is plain JSON, and a deletion is a tombstone: a record with a null value):
 *
 * - `connect-configs` (KafkaConfigBackingStore; one partition, compacted):
 *   `connector-<name>` → `{"properties":{…}}`, `task-<name>-<id>` → `{"properties":{…}}`,
 *   `commit-<name>` → `{"tasks":<count>}` (the task configs above become visible together),
 *   `target-state-<name>` → `{"state":"STARTED"|"PAUSED"}`.
 * - `connect-offsets` (KafkaOffsetBackingStore; compacted): key `["<connector>",{<source partition>}]`
 *   (OffsetStorageWriter: namespace = connector name), value `{<source offset>}`; the
 *   FileStreamSource's partition is `{"filename":…}` and its offset `{"position":<bytes>}`.
 * - `connect-status` (KafkaStatusBackingStore; compacted): `status-connector-<name>` and
 *   `status-task-<name>-<id>` → `{"state":…,"trace":…|null,"worker_id":…,"generation":…}`.
 */

export const CONFIG_TOPIC = 'connect-configs';
export const OFFSET_TOPIC = 'connect-offsets';
export const STATUS_TOPIC = 'connect-status';

/** Kafka's defaults: config.storage has exactly 1 partition, offset.storage 25, status.storage 5. */
export const INTERNAL_TOPIC_PARTITIONS: Record<string, number> = { [CONFIG_TOPIC]: 1, [OFFSET_TOPIC]: 25, [STATUS_TOPIC]: 5 };

export type TargetState = 'STARTED' | 'PAUSED';
/** AbstractStatus.State. */
export type ConnectState = 'UNASSIGNED' | 'RUNNING' | 'PAUSED' | 'FAILED' | 'RESTARTING';

export const connectorKey = (name: string): string => `connector-${name}`;
export const taskKey = (name: string, task: number): string => `task-${name}-${task}`;
export const commitKey = (name: string): string => `commit-${name}`;
export const targetStateKey = (name: string): string => `target-state-${name}`;
export const connectorStatusKey = (name: string): string => `status-connector-${name}`;
export const taskStatusKey = (name: string, task: number): string => `status-task-${name}-${task}`;

/** KafkaOffsetBackingStore's key: `["<connector>",{partition}]`, JSON with sorted-as-given fields. */
export function offsetKey(connector: string, partition: Record<string, unknown>): string {
  return JSON.stringify([connector, partition]);
}

/** One parsed record of `connect-configs`; `undefined` for a key this worker does not use. */
export type ConfigRecord =
  | { kind: 'connector'; name: string; properties: Record<string, string> | null }
  | { kind: 'task'; name: string; task: number; properties: Record<string, string> | null }
  | { kind: 'commit'; name: string; tasks: number | null }
  | { kind: 'target-state'; name: string; state: TargetState | null };

/** Parses a `connect-configs` record (value null = tombstone). Unknown or malformed keys → undefined. */
export function parseConfigRecord(key: string, value: string | null): ConfigRecord | undefined {
  const json = value === null ? null : safeJson(value);
  if (value !== null && json === undefined) return undefined;
  const obj = (json ?? {}) as Record<string, unknown>;
  if (key.startsWith('connector-')) {
    return { kind: 'connector', name: key.slice('connector-'.length), properties: json === null ? null : stringMap(obj.properties) };
  }
  if (key.startsWith('target-state-')) {
    const state = obj.state === 'PAUSED' || obj.state === 'STARTED' ? obj.state : null;
    return { kind: 'target-state', name: key.slice('target-state-'.length), state: json === null ? null : state };
  }
  if (key.startsWith('commit-')) {
    return { kind: 'commit', name: key.slice('commit-'.length), tasks: json === null ? null : Number(obj.tasks) };
  }
  const task = /^task-(.*)-(\d+)$/.exec(key);
  if (task) return { kind: 'task', name: task[1]!, task: Number(task[2]), properties: json === null ? null : stringMap(obj.properties) };
  return undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function stringMap(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) out[k] = String(v);
  return out;
}

/** Parses a `connect-offsets` key into its connector and source partition; undefined if malformed. */
export function parseOffsetKey(key: string): { connector: string; partition: Record<string, unknown> } | undefined {
  const json = safeJson(key);
  if (!Array.isArray(json) || json.length !== 2 || typeof json[0] !== 'string' || !json[1] || typeof json[1] !== 'object') return undefined;
  return { connector: json[0], partition: json[1] as Record<string, unknown> };
}

export { safeJson };
