/**
 * KIP-392, fetch from the closest replica, with real consumers: brokers in racks rack-a..rack-c and
 * replica.selector.class=RackAwareReplicaSelector. A consumer whose client.rack is a follower's rack
 * is told by the leader (FetchResponse preferredReadReplica) to fetch from that follower, and reads
 * every record from it — librdkafka (kcat, `client.rack`) and kafkajs (`rackId`).
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { RACK_AWARE_REPLICA_SELECTOR } from '../../cluster/config/definitions';
import { createTopic, startHost, waitFor } from './harness';
import { itWith, KCAT, missingKcat } from './tools';

const RACKS = ['rack-a', 'rack-b', 'rack-c'];

describe('fetch from the closest replica (KIP-392) with real consumers', () => {
  let host: ClusterHost;
  let leader: number;
  let follower: number;
  const fetchesAt = (clientId: string, brokerId: number): number => host.snapshot().connections
    .filter((c) => c.clientId === clientId && c.brokerId === brokerId)
    .reduce((n, c) => n + (c.apis.find((a) => a.apiName === 'Fetch')?.requests ?? 0), 0);

  beforeAll(async () => {
    host = await startHost({ seed: 392, racks: RACKS, brokerConfig: { 'replica.selector.class': RACK_AWARE_REPLICA_SELECTOR } });
    const view = await createTopic(host, 'near', 1, 3);
    leader = view.partitions[0]!.leader;
    follower = view.partitions[0]!.replicas.find((r) => r !== leader)!;
    const producer = new Kafka({ clientId: 'near-producer', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({ topic: 'near', acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ value: `n-${i}` })) });
    await producer.disconnect();
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKcat, 'librdkafka with client.rack of a follower reads every record from that follower', async () => {
    const child = spawn(KCAT, ['-b', host.bootstrap, '-C', '-t', 'near', '-o', 'beginning', '-q', '-u', '-f', '%s\n', '-X', 'client.id=kcat-near', '-X', `client.rack=${RACKS[follower - 1]}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => void (out += b.toString('utf8')));
    try {
      await waitFor('kcat read 30 records', () => out.split('\n').filter(Boolean).length >= 30, 30_000);
      expect(out.trim().split('\n')).toEqual(Array.from({ length: 30 }, (_, i) => `n-${i}`));
      await waitFor('kcat fetching from the follower', () => fetchesAt('kcat-near', follower) > 0, 15_000);
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  it('a kafkajs consumer with rackId of a follower follows preferredReadReplica to it', async () => {
    const kafka = new Kafka({ clientId: 'js-near', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'near-group', rackId: RACKS[follower - 1], maxWaitTimeInMs: 200 });
    const seen: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'near', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value!.toString()) });
      await waitFor('kafkajs read 30 records', () => seen.length >= 30, 30_000);
      await waitFor('kafkajs fetching from the follower', () => fetchesAt('js-near', follower) > 0, 15_000);
      expect(new Set(seen).size).toBe(30);
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);
});
