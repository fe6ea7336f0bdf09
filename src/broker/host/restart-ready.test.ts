/**
 * Issue 15: the ready line of a restarted lab comes only after every broker has loaded the metadata
 * the lab recovered (as Kafka's broker unfences only once its metadata caught up, KIP-631). The real
 * process is stopped with 24 topics and started again; the moment its ready line is printed, kcat
 * asks each broker alone (`-L -b <that broker>`, no retry) and every one lists all 24 topics with
 * their partitions and leaders.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect } from 'vitest';
import { itWith, KCAT, missingKcat, run } from '../wire/conformance/tools';
import { labProcesses, startLabProcess } from './testing/lab-process';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-ready-'));
afterAll(() => {
  for (const c of labProcesses) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

const TOPICS = Array.from({ length: 24 }, (_, i) => `ready-${String(i).padStart(2, '0')}`);

describe('a restarted lab announces ready', () => {
  itWith(missingKcat, 'only once every broker knows every recovered topic', async () => {
    const first = await startLabProcess(root, 'ready');
    const admin = new Kafka({ clientId: 'restart-ready', brokers: first.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 5, initialRetryTime: 50 } }).admin();
    await admin.connect();
    await admin.createTopics({ topics: TOPICS.map((topic) => ({ topic, numPartitions: 2, replicationFactor: 3 })), waitForLeaders: true });
    await admin.disconnect();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await startLabProcess(root, 'ready');
    try {
      // Straight after the ready line: each broker on its own answers with every topic (librdkafka's Metadata, one bootstrap broker).
      const listings = await Promise.all(second.bootstrap.split(',').map((broker) => run(KCAT, ['-L', '-J', '-b', broker, '-X', 'topic.metadata.refresh.interval.ms=-1'], { timeoutMs: 60_000 })));
      for (const listing of listings) {
        expect(listing.code, listing.stderr).toBe(0);
        const { topics } = JSON.parse(listing.stdout) as { topics: { topic: string; partitions: { leader: number }[] }[] };
        const ours = topics.filter((t) => t.topic.startsWith('ready-'));
        expect(ours.map((t) => t.topic).sort()).toEqual(TOPICS);
        for (const t of ours) expect(t.partitions.map((p) => p.leader >= 1)).toEqual([true, true]);
      }
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  }, 240_000);
});
