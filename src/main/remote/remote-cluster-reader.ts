/**
 * Issue 17: reads a remote cluster into the ClusterView every view draws, from what Kafka tells
 * (as Kafka's AdminClient asks it):
 *   Metadata          brokers, topics, partitions: leader, leaderEpoch, replicas, ISR, offline replicas
 *   DescribeCluster   the controller id (KIP-700; Metadata's controllerId where it is refused)
 *   ListOffsets       logStartOffset (EARLIEST) and highWatermark (LATEST, read_uncommitted) from each leader
 *   DescribeConfigs   topic configs and each broker's configs with their sources
 *   ListGroups        on every broker (each lists the groups it coordinates, as
 *                     KafkaAdminClient.listConsumerGroups does), DescribeGroups and OffsetFetch on that
 *                     coordinator; lag = highWatermark − max(committedOffset, logStartOffset)
 * Only Metadata must answer; any other API the cluster refuses (authorization, version, timeout)
 * leaves its part empty and is listed in `panels` with the reason, and the rest goes on.
 *
 * Not known remotely (left at neutral values, and said so in the UI): a follower's logEndOffset and
 * the per-replica states (replicaStates is empty; logEndOffset reads as highWatermark), byte
 * rates (0), segments, sizes (DescribeLogDirs is not read yet), group generation and leader,
 * quorum voters (DescribeQuorum is not read yet).
 */
import { errorName, type MetadataResponse } from '../../broker/protocol';
import type { RemoteKafkaClient } from '../../clients/kafka-client';
import type { BrokerConfigsView, BrokerView, ClusterView, ConfigEntryView, ConfigSource, GroupState, GroupView, TopicView } from '../../shared/cluster-view';
import type { RemotePanelStatus } from '../../shared/remote-contract';
import { decodeAssignment, decodeSubscription } from './consumer-protocol';

const API = { listOffsets: 2, metadata: 3, offsetFetch: 9, describeGroups: 15, listGroups: 16, describeConfigs: 32, describeCluster: 60 } as const;
const RESOURCE_TOPIC = 2;
const RESOURCE_BROKER = 4;
const EARLIEST_TIMESTAMP = -2;
const LATEST_TIMESTAMP = -1;

/** DescribeConfigsResponse configSource (Kafka's DescribeConfigsResponse.ConfigSource ids). */
const CONFIG_SOURCES: Readonly<Record<number, ConfigSource>> = {
  1: 'DYNAMIC_TOPIC_CONFIG', 2: 'DYNAMIC_BROKER_CONFIG', 3: 'DYNAMIC_DEFAULT_BROKER_CONFIG', 4: 'STATIC_BROKER_CONFIG', 5: 'DEFAULT_CONFIG',
};
const GROUP_STATES = new Set<GroupState>(['Empty', 'PreparingRebalance', 'CompletingRebalance', 'Stable', 'Dead']);

interface RawConfig { name: string; value: string | null; readOnly: boolean; configSource: number; isDefault?: boolean; isSensitive: boolean; documentation?: string | null }

export interface RemoteRead {
  view: ClusterView;
  panels: RemotePanelStatus[];
}

export async function readRemoteCluster(client: RemoteKafkaClient, nowMs: number): Promise<RemoteRead> {
  const panels: RemotePanelStatus[] = [];
  const attempt = async <T>(api: string, work: () => Promise<T>): Promise<T | null> => {
    try {
      const value = await work();
      if (!panels.some((p) => p.api === api)) panels.push({ api, ok: true });
      return value;
    } catch (e) {
      const existing = panels.find((p) => p.api === api);
      const reason = (e as Error).message;
      if (existing) Object.assign(existing, { ok: false, reason: existing.reason ?? reason });
      else panels.push({ api, ok: false, reason });
      return null;
    }
  };
  const metadata: MetadataResponse = await client.metadata();
  panels.push({ api: 'Metadata', ok: true });
  const cluster = await attempt('DescribeCluster', async () => {
    const { body } = await client.request('any', API.describeCluster, { includeClusterAuthorizedOperations: false, endpointType: 1 });
    if (body.errorCode !== 0) throw new Error(`${errorName(body.errorCode)}${body.errorMessage ? `: ${body.errorMessage}` : ''}`);
    return body as { clusterId: string; controllerId: number };
  });
  const controllerId = cluster?.controllerId ?? metadata.controllerId ?? -1;

  const topics: TopicView[] = metadata.topics.filter((t) => t.errorCode === 0 && t.name !== null).map((t) => ({
    name: t.name!, topicId: t.topicId ?? '', internal: t.isInternal ?? false,
    replicationFactor: t.partitions[0]?.replicaNodes.length ?? 0,
    partitions: [...t.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => ({
      partition: p.partitionIndex, leader: p.leaderId, leaderEpoch: p.leaderEpoch ?? -1,
      replicas: p.replicaNodes, inSyncReplicas: p.isrNodes, offlineReplicas: p.offlineReplicas ?? [],
      preferredLeader: p.replicaNodes[0] ?? -1, highWatermark: 0, logStartOffset: 0, logEndOffset: 0, lastStableOffset: 0,
      reassignment: null, replicaStates: [],
    })),
    configs: [], produceRatePerSec: 0, sizeBytes: 0,
  }));
  const partitionOf = (topic: string, partition: number) => topics.find((t) => t.name === topic)?.partitions[partition];

  // ListOffsets to each leader: EARLIEST then LATEST for the partitions it leads.
  const byLeader = new Map<number, { name: string; partitions: number[] }[]>();
  for (const t of topics) for (const p of t.partitions) {
    if (p.leader < 0) continue;
    const list = byLeader.get(p.leader) ?? [];
    let entry = list.find((e) => e.name === t.name);
    if (!entry) list.push(entry = { name: t.name, partitions: [] });
    entry.partitions.push(p.partition);
    byLeader.set(p.leader, list);
  }
  await Promise.all([...byLeader].map(([leader, leaderTopics]) => attempt('ListOffsets', async () => {
    for (const timestamp of [EARLIEST_TIMESTAMP, LATEST_TIMESTAMP]) {
      const { body } = await client.request(leader, API.listOffsets, {
        replicaId: -1, isolationLevel: 0,
        topics: leaderTopics.map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, currentLeaderEpoch: -1, timestamp, maxNumOffsets: 1 })) })),
      });
      for (const t of body.topics as { name: string; partitions: { partitionIndex: number; errorCode: number; offset: number; oldStyleOffsets?: number[] }[] }[]) {
        for (const p of t.partitions) {
          if (p.errorCode !== 0) throw new Error(`${errorName(p.errorCode)} for ${t.name}-${p.partitionIndex}`);
          const view = partitionOf(t.name, p.partitionIndex);
          if (!view) continue;
          const offset = Number(p.offset);
          if (timestamp === EARLIEST_TIMESTAMP) view.logStartOffset = offset;
          else Object.assign(view, { highWatermark: offset, logEndOffset: offset, lastStableOffset: offset });
        }
      }
    }
  })));

  // DescribeConfigs: topics from any broker, each broker's own configs from that broker.
  const toEntry = (c: RawConfig): ConfigEntryView | null => {
    const source = CONFIG_SOURCES[c.configSource] ?? (c.isDefault ? 'DEFAULT_CONFIG' : undefined);
    if (source === undefined) return null;
    return { name: c.name, value: c.value, defaultValue: null, source, readOnly: c.readOnly, sensitive: c.isSensitive, documentation: c.documentation ?? '' };
  };
  const describeConfigs = async (target: number | 'any', resourceType: number, names: string[]) => {
    const { body } = await client.request(target, API.describeConfigs, { resources: names.map((resourceName) => ({ resourceType, resourceName, configurationKeys: null })), includeSynonyms: false, includeDocumentation: true });
    return body.results as { errorCode: number; errorMessage: string | null; resourceName: string; configs: RawConfig[] }[];
  };
  await attempt('DescribeConfigs', async () => {
    if (topics.length === 0) return;
    for (const r of await describeConfigs('any', RESOURCE_TOPIC, topics.map((t) => t.name))) {
      if (r.errorCode !== 0) throw new Error(`${errorName(r.errorCode)}${r.errorMessage ? `: ${r.errorMessage}` : ''} (topic ${r.resourceName})`);
      const topic = topics.find((t) => t.name === r.resourceName);
      if (topic) topic.configs = r.configs.map(toEntry).filter((e): e is ConfigEntryView => e !== null);
    }
  });
  const brokerConfigs: BrokerConfigsView[] = [];
  await Promise.all(metadata.brokers.map((b) => attempt('DescribeConfigs', async () => {
    const [r] = await describeConfigs(b.nodeId, RESOURCE_BROKER, [String(b.nodeId)]);
    if (!r || r.errorCode !== 0) throw new Error(r ? `${errorName(r.errorCode)}${r.errorMessage ? `: ${r.errorMessage}` : ''} (broker ${b.nodeId})` : 'no result');
    brokerConfigs.push({ brokerId: b.nodeId, configs: r.configs.map(toEntry).filter((e): e is ConfigEntryView => e !== null) });
  })));
  brokerConfigs.sort((a, b) => (a.brokerId ?? -1) - (b.brokerId ?? -1));
  // The cluster-wide defaults: the BROKER resource named "" (kafka-configs --entity-default), last as the embedded view has it.
  await attempt('DescribeConfigs', async () => {
    const [r] = await describeConfigs('any', RESOURCE_BROKER, ['']);
    if (!r || r.errorCode !== 0) throw new Error(r ? `${errorName(r.errorCode)}${r.errorMessage ? `: ${r.errorMessage}` : ''} (cluster-wide default)` : 'no result');
    brokerConfigs.push({ brokerId: null, configs: r.configs.map(toEntry).filter((e): e is ConfigEntryView => e !== null) });
  });

  const groups = (await Promise.all(metadata.brokers.map((b) => readGroupsAt(client, b.nodeId, attempt, partitionOf)))).flat();
  groups.sort((a, b) => a.groupId.localeCompare(b.groupId));

  const brokers: BrokerView[] = [...metadata.brokers].sort((a, b) => a.nodeId - b.nodeId).map((b) => {
    let leaderCount = 0;
    let replicaCount = 0;
    for (const t of topics) for (const p of t.partitions) {
      if (p.leader === b.nodeId) leaderCount++;
      if (p.replicas.includes(b.nodeId)) replicaCount++;
    }
    return { brokerId: b.nodeId, rack: b.rack ?? null, host: b.host, port: b.port, state: 'running', isActiveController: b.nodeId === controllerId, leaderCount, replicaCount, bytesInPerSec: 0, bytesOutPerSec: 0 };
  });

  const view: ClusterView = {
    clusterId: cluster?.clusterId ?? metadata.clusterId ?? '',
    seed: null, simTimeMs: nowMs, sim: null,
    controller: { voters: [], activeControllerId: controllerId >= 0 ? controllerId : null, controllerEpoch: -1, metadataEpoch: -1 },
    brokers, topics: topics.sort((a, b) => a.name.localeCompare(b.name)), groups, connections: [],
    ...(brokerConfigs.length > 0 ? { brokerConfigs } : {}),
  };
  return { view, panels };
}

type Attempt = <T>(api: string, work: () => Promise<T>) => Promise<T | null>;

/** The groups broker `nodeId` coordinates: ListGroups, DescribeGroups, then OffsetFetch per group. */
async function readGroupsAt(client: RemoteKafkaClient, nodeId: number, attempt: Attempt, partitionOf: (t: string, p: number) => TopicView['partitions'][number] | undefined): Promise<GroupView[]> {
  const listed = await attempt('ListGroups', async () => {
    const { body } = await client.request(nodeId, API.listGroups, { statesFilter: [], typesFilter: [] });
    if (body.errorCode !== 0) throw new Error(errorName(body.errorCode));
    return body.groups as { groupId: string; protocolType: string }[];
  });
  if (!listed || listed.length === 0) return [];
  const described = await attempt('DescribeGroups', async () => {
    const { body } = await client.request(nodeId, API.describeGroups, { groups: listed.map((g) => g.groupId), includeAuthorizedOperations: false });
    return body.groups as { errorCode: number; groupId: string; groupState: string; protocolType: string; protocolData: string; members: { memberId: string; groupInstanceId?: string | null; clientId: string; clientHost: string; memberMetadata: Buffer; memberAssignment: Buffer }[] }[];
  }) ?? [];
  const committedByGroup = attempt('OffsetFetch', () => fetchCommitted(client, nodeId, listed.map((g) => g.groupId)));
  const out: GroupView[] = [];
  for (const g of listed) {
    const d = described.find((x) => x.groupId === g.groupId && x.errorCode === 0);
    const consumer = (d?.protocolType ?? g.protocolType) === 'consumer';
    const members = (d?.members ?? []).map((m) => {
      const subscription = consumer ? decodeSubscription(m.memberMetadata) : null;
      return {
        memberId: m.memberId, groupInstanceId: m.groupInstanceId ?? null, clientId: m.clientId, clientHost: m.clientHost,
        assignment: consumer ? decodeAssignment(m.memberAssignment) : [],
        ...(subscription ? { subscribedTopics: subscription.topics, subscriptionVersion: subscription.version } : {}),
      };
    });
    const committed = (await committedByGroup)?.get(g.groupId) ?? [];
    const offsets = committed.flatMap((t) => t.partitions.filter((p) => p.errorCode === 0 && Number(p.committedOffset) >= 0).map((p) => {
      const partition = partitionOf(t.name, p.partitionIndex);
      const committedOffset = Number(p.committedOffset);
      const endOffset = partition?.highWatermark ?? committedOffset;
      const lag = Math.max(0, endOffset - Math.max(committedOffset, partition?.logStartOffset ?? 0));
      const owner = members.find((m) => m.assignment.some((a) => a.topic === t.name && a.partitions.includes(p.partitionIndex)));
      return { topic: t.name, partition: p.partitionIndex, committedOffset, endOffset, lag, timeLagMs: 0, memberId: owner?.memberId ?? null };
    })).sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    const state = (d?.groupState ?? 'Empty') as GroupState;
    out.push({
      groupId: g.groupId, state: GROUP_STATES.has(state) ? state : 'Empty', protocolType: d?.protocolType ?? g.protocolType, protocol: d?.protocolData ?? '',
      generationId: -1, leaderId: null, coordinatorId: nodeId, members, offsets, totalLag: offsets.reduce((s, o) => s + o.lag, 0),
    });
  }
  return out;
}

type Committed = { name: string; partitions: { partitionIndex: number; committedOffset: number; errorCode: number }[] }[];

/**
 * Committed offsets of `groupIds` at their coordinator: one OffsetFetch v8+ for all of them where
 * the broker serves it (KIP-709 batching), else one request per group (v7 and older).
 * A group-level error fails the panel with Kafka's error name.
 */
async function fetchCommitted(client: RemoteKafkaClient, nodeId: number, groupIds: string[]): Promise<Map<string, Committed>> {
  const out = new Map<string, Committed>();
  if (await client.versionFor(nodeId, API.offsetFetch) >= 8) {
    const { body } = await client.request(nodeId, API.offsetFetch, { groups: groupIds.map((groupId) => ({ groupId, memberId: null, memberEpoch: -1, topics: null })), requireStable: false });
    for (const g of body.groups as { groupId: string; errorCode: number; topics: Committed }[]) {
      if (g.errorCode) throw new Error(`${errorName(g.errorCode)} (group ${g.groupId})`);
      out.set(g.groupId, g.topics);
    }
    return out;
  }
  for (const groupId of groupIds) {
    const { body } = await client.request(nodeId, API.offsetFetch, { groupId, topics: null, requireStable: false }, { maxVersion: 7 });
    if (body.errorCode) throw new Error(`${errorName(body.errorCode)} (group ${groupId})`);
    out.set(groupId, body.topics as Committed);
  }
  return out;
}
