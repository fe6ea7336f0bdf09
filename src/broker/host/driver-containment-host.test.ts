/**
 * A model event that throws inside a running ClusterHost (wall-clock driver, real timers): the host
 * logs it with its stack, drops that event, and the cluster keeps serving Kafka requests and
 * running its own scheduled work.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../wire/testing/raw-client';
import { ClusterHost } from './cluster-host';

const CREATE_TOPICS = 19;
const METADATA = 3;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return condition();
}

describe('ClusterHost with a failing model event', () => {
  it('reports it and keeps serving', async () => {
    const logs: string[] = [];
    const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 5, defaultReplicationFactor: 1, log: (level, m) => void logs.push(`${level}: ${m}`) });
    cleanups.push(() => host.close());
    const port = Number(host.bootstrap.split(':').at(-1));
    let later = false;
    host.cluster.services.schedule(5, 'test: a bug in a model event', () => {
      throw new Error('model bug for the containment test');
    });
    host.cluster.services.schedule(10, 'test: the next event', () => void (later = true));
    expect(await until(() => later)).toBe(true);
    expect(logs.some((l) => l.startsWith('warn: a model event failed and was dropped') && l.includes('model bug for the containment test'))).toBe(true);

    const c = await RawClient.connect(port);
    cleanups.push(() => c.close());
    c.request(CREATE_TOPICS, 5, 1, { topics: [{ name: 'after-bug', numPartitions: 2, replicationFactor: 1, assignments: [], configs: [] }], timeoutMs: 5000, validateOnly: false });
    await c.waitFrames(1);
    expect(c.decode<{ topics: { errorCode: number }[] }>(0, CREATE_TOPICS, 5).body.topics[0]!.errorCode).toBe(0);
    // Leaders are elected by model events after the failure: the model's queue still runs.
    let leaders: number[] = [];
    expect(await until(() => {
      leaders = host.snapshot().topics.find((t) => t.name === 'after-bug')?.partitions.map((p) => p.leader) ?? [];
      return leaders.length === 2 && leaders.every((l) => l === 1);
    })).toBe(true);
    c.request(METADATA, 9, 2, { topics: [{ name: 'after-bug' }], allowAutoTopicCreation: false });
    await c.waitFrames(2);
    expect(c.decode<{ topics: { errorCode: number; partitions: unknown[] }[] }>(1, METADATA, 9).body.topics[0]!.partitions).toHaveLength(2);
  }, 30_000);
});
