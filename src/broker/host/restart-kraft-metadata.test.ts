/**
 * Issue 15: the lab's metadata is a KRaft snapshot across host restarts. kafkajs creates a topic
 * with a config override over real sockets; the closed lab holds
 * `metadata/__cluster_metadata-0/<endOffset>-<epoch>.checkpoint` with its TopicRecord,
 * PartitionRecords and ConfigRecord; a lab saved by an earlier Kafka Lab as
 * `cluster-metadata.json` starts with its topics and is converted; a torn snapshot makes the start
 * fail with the file's name while this process carries on.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { readLabMetadata } from '../storage/lab-metadata';
import { metadataPartitionDir } from '../storage/kraft/metadata-log-dir';
import { decodeSnapshot } from '../storage/kraft/snapshot-file';
import { waitForBrokersToKnow } from '../wire/conformance/harness';
import { ClusterHost } from './cluster-host';

let root = '';
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

async function startLab(labDir: string): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 15, storage: { labDir, labName: 'kraft' }, log: () => {} });
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

describe('the lab metadata as a KRaft snapshot across restarts', () => {
  it('keeps a topic created over the wire, converts a legacy JSON lab, and refuses a torn snapshot', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-kraft-restart-'));
    const labDir = path.join(root, 'kraft');
    const first = await startLab(labDir);
    const a = admin(first);
    await a.connect();
    await a.createTopics({ topics: [{ topic: 'orders', numPartitions: 2, replicationFactor: 3, configEntries: [{ name: 'retention.ms', value: '86400000' }] }], waitForLeaders: true });
    await a.disconnect();
    const before = await describeOrders(first);
    await hosts.pop()!.close();

    // One snapshot, holding the topic as Kafka's records.
    expect(snapshots(labDir)).toHaveLength(1);
    const records = decodeSnapshot(fs.readFileSync(path.join(metadataPartitionDir(labDir), snapshots(labDir)[0]!))).records;
    expect(records.find((r) => r.name === 'TopicRecord' && r.data!.name === 'orders')).toBeDefined();
    expect(records.filter((r) => r.name === 'PartitionRecord' && records.some((t) => t.name === 'TopicRecord' && t.data!.name === 'orders' && t.data!.topicId === r.data!.topicId))).toHaveLength(2);
    expect(records.find((r) => r.name === 'ConfigRecord' && r.data!.resourceName === 'orders')?.data).toMatchObject({ resourceType: 2, name: 'retention.ms', value: '86400000' });

    const second = await startLab(labDir);
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
    const first = await startLab(labDir);
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
