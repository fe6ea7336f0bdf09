/**
 * `--first-broker-id 0` (ClusterHostOptions.firstBrokerId): brokers numbered 0..2 as many docker
 * setups and client test suites assume. Broker 0 is a broker like any other: kcat (librdkafka)
 * lists it and produces to and consumes from partitions it leads, kafkajs' admin sees it as a
 * node and as a leader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, startHost } from './harness';
import { itWith, KCAT, missingKcat, run } from './tools';

describe('brokers numbered from 0', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 40, firstBrokerId: 0 });
  });
  afterAll(async () => {
    await host?.close();
  });

  it('runs brokers 0, 1 and 2, each leading partitions', async () => {
    expect(host.snapshot().brokers.map((b) => b.brokerId)).toEqual([0, 1, 2]);
    const view = await createTopic(host, 'zero', 6, 3);
    expect(new Set(view.partitions.map((p) => p.leader))).toEqual(new Set([0, 1, 2]));
    const kafka = new Kafka({ clientId: 'first-broker-id', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => b.nodeId).sort()).toEqual([0, 1, 2]);
      const { topics } = await admin.fetchTopicMetadata({ topics: ['zero'] });
      expect(topics[0]!.partitions.some((p) => p.leader === 0)).toBe(true);
    } finally {
      await admin.disconnect();
    }
  });

  itWith(missingKcat, 'kcat lists broker 0 and round-trips records through a partition broker 0 leads', async () => {
    const listed = await run(KCAT, ['-b', host.bootstrap, '-L', '-J', '-t', 'zero']);
    expect(listed.code, listed.stderr).toBe(0);
    const md = JSON.parse(listed.stdout) as { brokers: { id: number }[]; topics: { partitions: { partition: number; leader: number }[] }[] };
    expect(md.brokers.map((b) => b.id).sort()).toEqual([0, 1, 2]);
    const ledByZero = md.topics[0]!.partitions.filter((p) => p.leader === 0).map((p) => p.partition);
    expect(ledByZero.length).toBeGreaterThan(0);
    const lines = Array.from({ length: 60 }, (_, i) => `r${i}`);
    const produced = await run(KCAT, ['-b', host.bootstrap, '-P', '-t', 'zero', '-p', String(ledByZero[0]), '-X', 'acks=all'], { input: `${lines.join('\n')}\n` });
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await run(KCAT, ['-b', host.bootstrap, '-C', '-t', 'zero', '-p', String(ledByZero[0]), '-o', 'beginning', '-e', '-q']);
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trim().split('\n')).toEqual(lines);
  }, 90_000);
});
