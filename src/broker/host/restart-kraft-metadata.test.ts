/**
 * Issue 15: the lab's metadata is a KRaft metadata log across host restarts. kafkajs creates a
 * topic with a config override over real sockets; the closed lab holds
 * `metadata/__cluster_metadata-0/00000000000000000000.log` with its TopicRecord, PartitionRecords
 * and ConfigRecord (and no snapshot: Kafka's default policy is 20 MiB or an hour), and dump-log
 * decodes them; a restart replays the log; with a small snapshot policy a snapshot is written and
 * the segment it covers deleted, and a restart reads snapshot + log; a torn log tail is cut with a
 * timeline event; a lab saved by an earlier Kafka Lab as `cluster-metadata.json` starts with its
 * topics and is converted; a torn snapshot makes the start fail with the file's name while this
 * process carries on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { readLabMetadata } from '../storage/lab-metadata';
import { metadataPartitionDir } from '../storage/kraft/metadata-log-dir';
import { decodeSnapshot } from '../storage/kraft/snapshot-file';
import { recoverMetadataLog } from '../storage/kraft/metadata-log';
import type { MetadataSnapshotPolicy } from '../storage/kraft/metadata-log-dir';
import { runDumpLog } from '../storage/dump-log-cli';
import { waitForBrokersToKnow } from '../wire/conformance/harness';
import { ClusterHost } from './cluster-host';
import type { SimCluster } from '../cluster/cluster';
import { eventLines } from '../cluster/testing';

let root = '';
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function startLab(labDir: string, metadataSnapshots?: MetadataSnapshotPolicy): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 15, storage: { labDir, labName: 'kraft', ...(metadataSnapshots ? { metadataSnapshots } : {}) }, log: () => {} });
  hosts.push(host);
  return host;
}

const admin = (host: ClusterHost) => new Kafka({ clientId: 'kraft-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50 } }).admin();

async function describeOrders(host: ClusterHost): Promise<{ topicId: string | undefined; partitions: number; retention: string | undefined }> {
  await waitForBrokersToKnow(host, 'orders', 2);
  const a = admin(host);
  await a.connect();
  try {
    const { topics } = await a.fetchTopicMetadata({ topics: ['orders'] });
    const configs = await a.describeConfigs({ resources: [{ type: ConfigResourceTypes.TOPIC, name: 'orders', configNames: ['retention.ms'] }], includeSynonyms: false });
    const listed = await a.listTopics();
    expect(listed).toContain('orders');
    return { topicId: (topics[0] as { topicId?: string }).topicId, partitions: topics[0]!.partitions.length, retention: configs.resources[0]!.configEntries[0]?.configValue };
  } finally {
    await a.disconnect();
  }
}

const snapshots = (labDir: string): string[] => fs.readdirSync(metadataPartitionDir(labDir)).filter((n) => n.endsWith('.checkpoint'));
const segments = (labDir: string): string[] => fs.readdirSync(metadataPartitionDir(labDir)).filter((n) => n.endsWith('.log')).sort();

describe('the lab metadata as a KRaft metadata log across restarts', () => {
  it('appends the records of a topic created over the wire to the log, replays it at restart, snapshots by policy and cuts a torn tail', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-kraft-restart-'));
    const labDir = path.join(root, 'kraft');
    const first = await startLab(labDir);
    const a = admin(first);
    await a.connect();
    await a.createTopics({ topics: [{ topic: 'orders', numPartitions: 2, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }], waitForLeaders: true });
    await a.disconnect();
    const before = await describeOrders(first);
    await hosts.pop()!.close();

    // No snapshot under Kafka's default policy: the records are in the first segment.
    expect(snapshots(labDir)).toEqual([]);
    expect(segments(labDir)).toEqual(['00000000000000000000.log']);
    const logged = recoverMetadataLog(metadataPartitionDir(labDir), 0).records;
    const topicRecord = logged.find((r) => r.name === 'TopicRecord' && r.data!.name === 'orders')!;
    expect(topicRecord).toBeDefined();
    expect(logged.filter((r) => r.name === 'PartitionRecord' && r.data!.topicId === topicRecord.data!.topicId)).toHaveLength(2);
    expect(logged.find((r) => r.name === 'ConfigRecord' && r.data!.resourceName === 'orders')?.data).toMatchObject({ resourceType: 2, name: 'retention.ms', value: '86400000' });
    // Each broker registered with its listener (name, host, port, security protocol).
    const registration = logged.find((r) => r.name === 'RegisterBrokerRecord' && (r.data!.endPoints as unknown[]).length > 0)!;
    expect((registration.data!.endPoints as { name: string; host: string; port: number; securityProtocol: number }[])[0]).toMatchObject({ name: 'PLAINTEXT', host: '127.0.0.1', securityProtocol: 0 });
    // dump-log decodes the log as kafka-dump-log --cluster-metadata-decoder does.
    const out: string[] = [];
    expect(runDumpLog([path.join(metadataPartitionDir(labDir), '00000000000000000000.log')], (l) => out.push(l), () => {})).toBe(0);
    expect(out.join('\n')).toMatch(/LeaderChange: \{"version":0,"leaderId":\d,"voters":\[\{"voterId":1\},\{"voterId":2\},\{"voterId":3\}\],"grantingVoters":/);
    expect(out.join('\n')).toMatch(/payload: \{"type":"TOPIC_RECORD","version":0,"data":\{"name":"orders"/);

    // A restart replays the log, then appends (brokers register anew; partitions get new epochs as PartitionChangeRecords).
    const second = await startLab(labDir, { maxRecordBytesBetweenSnapshots: 1, maxSnapshotIntervalMs: 0 });
    // Ready (start resolved) only once every broker applied the recovered metadata: read at once, no wait.
    const model = second.cluster as SimCluster;
    expect([...model.core.brokers.values()].map((b) => b.topics.get('orders')?.partitions.length ?? 0)).toEqual([2, 2, 2]);
    expect(await describeOrders(second)).toEqual(before);
    await hosts.pop()!.close();
    // With a policy of 1 byte, the restart's first append was snapshotted, and the segment it covers is gone.
    expect(snapshots(labDir)).toHaveLength(1);
    const snapshotEnd = Number(snapshots(labDir)[0]!.slice(0, 20));
    expect(segments(labDir).map((s) => Number(s.slice(0, 20))).every((base) => base >= snapshotEnd)).toBe(true);
    expect(segments(labDir)).not.toContain('00000000000000000000.log');
    expect(recoverMetadataLog(metadataPartitionDir(labDir), 0).records.some((r) => r.name === 'PartitionChangeRecord')).toBe(false);

    // Snapshot + log after it; then a torn tail: the start cuts it and says so on the timeline.
    const third = await startLab(labDir);
    const b = admin(third);
    await b.connect();
    await b.createTopics({ topics: [{ topic: 'later', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await b.disconnect();
    await hosts.pop()!.close();
    const active = path.join(metadataPartitionDir(labDir), segments(labDir).at(-1)!);
    fs.appendFileSync(active, Buffer.from('00000000000000ff0000003c', 'hex'));
    const fourth = await startLab(labDir);
    expect(await describeOrders(fourth)).toEqual(before);
    expect(eventLines(fourth.cluster as SimCluster, ['log-recovered']).filter((l) => l.includes('__cluster_metadata-0'))).toEqual([expect.stringMatching(/truncatedBytes=12 \(0+\d+\.log: 12 byte\(s\) at position \d+ are not a whole record batch\)/)]);
    await waitForBrokersToKnow(fourth, 'later', 1);
    await hosts.pop()!.close();
  }, 120_000);

  it('keeps a topic created over the wire, converts a legacy JSON lab, and refuses a torn snapshot', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-kraft-restart-'));
    const labDir = path.join(root, 'kraft');
    const first = await startLab(labDir, { maxRecordBytesBetweenSnapshots: 1, maxSnapshotIntervalMs: 0 });
    const a = admin(first);
    await a.connect();
    await a.createTopics({ topics: [{ topic: 'orders', numPartitions: 2, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }], waitForLeaders: true });
    await a.disconnect();
    const before = await describeOrders(first);
    await hosts.pop()!.close();

    // One snapshot (every append is snapshotted under a policy of 1 byte), holding the topic as Kafka's records.
    expect(snapshots(labDir)).toHaveLength(1);
    const records = decodeSnapshot(fs.readFileSync(path.join(metadataPartitionDir(labDir), snapshots(labDir)[0]!))).records;
    expect(records.find((r) => r.name === 'TopicRecord' && r.data!.name === 'orders')).toBeDefined();
    expect(records.filter((r) => r.name === 'PartitionRecord' && records.some((t) => t.name === 'TopicRecord' && t.data!.name === 'orders' && t.data!.topicId === r.data!.topicId))).toHaveLength(2);
    expect(records.find((r) => r.name === 'ConfigRecord' && r.data!.resourceName === 'orders')?.data).toMatchObject({ resourceType: 2, name: 'retention.ms', value: '86400000' });

    const second = await startLab(labDir, { maxRecordBytesBetweenSnapshots: 1, maxSnapshotIntervalMs: 0 });
    expect(await describeOrders(second)).toEqual(before);
    await hosts.pop()!.close();

    // The same lab as an earlier Kafka Lab saved it: cluster-metadata.json and no metadata/ directory.
    const saved = readLabMetadata(labDir)!;
    const { brokers: _brokers, quorum: _quorum, ...legacy } = saved;
    fs.rmSync(path.join(labDir, 'metadata'), { recursive: true });
    fs.writeFileSync(path.join(labDir, 'cluster-metadata.json'), JSON.stringify(legacy, null, 1));
    const third = await startLab(labDir);
    expect(await describeOrders(third)).toEqual(before);
    expect(fs.existsSync(path.join(labDir, 'cluster-metadata.json'))).toBe(false);
    expect(snapshots(labDir)).toHaveLength(1);
    await hosts.pop()!.close();

    // A torn snapshot: the start fails with the file and the damage; this process goes on.
    const file = path.join(metadataPartitionDir(labDir), snapshots(labDir)[0]!);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 40));
    await expect(startLab(labDir)).rejects.toThrow(new RegExp(`KAFKA_STORAGE_ERROR: .*${path.basename(file).replace(/\./g, '\\.')}: truncated`));
    expect(fs.readFileSync(file)).toHaveLength(bytes.length - 40);
  }, 90_000);

  it('keeps a dynamic broker config of a lab without topics (ConfigRecord for BROKER "1")', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-kraft-restart-'));
    const labDir = path.join(root, 'kraft');
    const brokerConfig = async (host: ClusterHost): Promise<string | undefined> => {
      const a = admin(host);
      await a.connect();
      try {
        const described = await a.describeConfigs({ resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['log.cleaner.backoff.ms'] }], includeSynonyms: false });
        return described.resources[0]!.configEntries.find((e) => e.configName === 'log.cleaner.backoff.ms')?.configValue;
      } finally {
        await a.disconnect();
      }
    };
    const first = await startLab(labDir, { maxRecordBytesBetweenSnapshots: 1, maxSnapshotIntervalMs: 0 });
    const a = admin(first);
    await a.connect();
    await a.alterConfigs({ validateOnly: false, resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configEntries: [{ name: 'log.cleaner.backoff.ms', value: '30000' }] }] });
    await a.disconnect();
    expect(await brokerConfig(first)).toBe('30000');
    await hosts.pop()!.close();
    const records = decodeSnapshot(fs.readFileSync(path.join(metadataPartitionDir(labDir), snapshots(labDir)[0]!))).records;
    expect(records.find((r) => r.name === 'ConfigRecord')?.data).toEqual({ resourceType: 4, resourceName: '1', name: 'log.cleaner.backoff.ms', value: '30000' });
    const second = await startLab(labDir);
    expect(await brokerConfig(second)).toBe('30000');
  }, 60_000);
});
