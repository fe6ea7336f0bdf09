/**
 * Issue 15, power loss over real sockets: kafkajs writes to an RF=1 topic with acks=1 and to an
 * RF=3, min.insync.replicas=2 topic with acks=all, both with Kafka's default flushing (the OS
 * page cache holds the writes). Broker 1 loses power and restarts: the RF=1 partition it alone held
 * comes back empty (its `.log` cut to the flushed offset, 0), while every acknowledged acks=all
 * record is still served.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { ClusterHost } from './cluster-host';

let root = '';
const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** The partition's high watermark, polled (up to ~20 s) while leadership moves and broker 1 restarts. */
async function highWatermarkOnceServed(admin: Admin, topic: string, expected: string): Promise<string> {
  let high = '';
  for (let i = 0; i < 200 && high !== expected; i++) {
    try {
      high = (await admin.fetchTopicOffsets(topic))[0]!.high;
    } catch {
      // Connection closed or LEADER_NOT_AVAILABLE while the broker restarts: ask again.
    }
    if (high !== expected) await new Promise((r) => setTimeout(r, 100));
  }
  return high;
}

describe('power loss (kafkajs over real sockets, disk storage)', () => {
  it('loses the unflushed RF=1 acks=1 records and none of the acks=all RF=3 ones', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-power-loss-'));
    const labDir = path.join(root, 'power-loss');
    const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 16, storage: { labDir, labName: 'power-loss' }, log: () => {} });
    hosts.push(host);
    const kafka = new Kafka({ clientId: 'power-loss-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 20, initialRetryTime: 100 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: 'solo', replicaAssignment: [{ partition: 0, replicas: [1] }] },
        { topic: 'safe', replicaAssignment: [{ partition: 0, replicas: [1, 2, 3] }], configEntries: [{ name: 'min.insync.replicas', value: '2' }] },
      ],
      waitForLeaders: true,
    });
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    await producer.send({ topic: 'solo', acks: 1, messages: Array.from({ length: 30 }, (_, i) => ({ value: `solo-${i}` })) });
    await producer.send({ topic: 'safe', acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ value: `safe-${i}` })) });
    await producer.disconnect();
    expect((await admin.fetchTopicOffsets('solo'))[0]!.high).toBe('30');

    const soloLog = path.join(labDir, 'broker-1', 'solo-0', '00000000000000000000.log');
    expect(fs.statSync(soloLog).size).toBeGreaterThan(0);
    expect(await host.execute({ type: 'power-loss-broker', brokerId: 1 })).toMatchObject({ ok: true });
    // Nothing was flushed: the segment holds no batch any more (the emptied segment's files go, as the log's only segment restarts at 0).
    expect(fs.existsSync(soloLog) ? fs.statSync(soloLog).size : 0).toBe(0);
    expect(await host.execute({ type: 'start-broker', brokerId: 1 })).toMatchObject({ ok: true });

    // Every acknowledged acks=all record is served (by whichever replica leads now), and the RF=1
    // partition is back once broker 1 is, with nothing: its records were only in the page cache.
    expect(await highWatermarkOnceServed(admin, 'safe', '30')).toBe('30');
    expect(await highWatermarkOnceServed(admin, 'solo', '0')).toBe('0');
    const dropped = host.recentEvents().filter((e) => e.type === 'unflushed-records-dropped');
    expect(dropped).toEqual(expect.arrayContaining([expect.objectContaining({ topic: 'solo', partition: 0, brokerId: 1, flushedOffset: 0, fromLogEndOffset: 30, count: 30 })]));
    await admin.disconnect();
  }, 90_000);
});
