/**
 * `meta.properties` at the root of each log directory (Kafka's MetaProperties, KIP-858 v1 for
 * KRaft): a Java properties file naming the cluster, the node and the directory, so a broker
 * refuses a log directory that belongs to another cluster or node ("Invalid cluster.id" /
 * "Stored node id … doesn't match").
 */

export const META_PROPERTIES_FILE = 'meta.properties';

export interface MetaProperties {
  /** 1 for KRaft. */
  version: number;
  clusterId: string;
  nodeId: number;
  /** The log directory's own UUID (KIP-858), base64url. */
  directoryId: string | null;
}

export function encodeMetaProperties(m: MetaProperties): string {
  const lines = ['#', '#Written by Kafka Lab', `cluster.id=${m.clusterId}`];
  if (m.directoryId !== null) lines.push(`directory.id=${m.directoryId}`);
  lines.push(`node.id=${m.nodeId}`, `version=${m.version}`);
  return lines.join('\n') + '\n';
}

/** Reads the properties Kafka reads; throws Error naming a missing or malformed key. */
export function decodeMetaProperties(text: string): MetaProperties {
  const props = parseJavaProperties(text);
  const version = Number(props.get('version'));
  if (!Number.isInteger(version)) throw new Error('meta.properties: missing or malformed version');
  const clusterId = props.get('cluster.id');
  if (!clusterId) throw new Error('meta.properties: missing cluster.id');
  const nodeText = props.get('node.id') ?? props.get('broker.id');
  const nodeId = Number(nodeText);
  if (nodeText === undefined || !Number.isInteger(nodeId)) throw new Error('meta.properties: missing or malformed node.id');
  return { version, clusterId, nodeId, directoryId: props.get('directory.id') ?? null };
}

/** Java's simple properties syntax: `#`/`!` comments, `key=value` or `key: value`; no escapes or continuations (Kafka writes none here). */
export function parseJavaProperties(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}
