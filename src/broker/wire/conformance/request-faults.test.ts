/**
 * Issue 18's request-level faults with real clients over real sockets: rules armed through the
 * stdin control language of `npm run broker` (runControlCommand), hit by librdkafka (kcat) and
 * kafkajs, which live through them as they would through Kafka's own answers: librdkafka retries
 * three NOT_LEADER_OR_FOLLOWER answers and its idempotent batch lands once; kafkajs reconnects after
 * a closed connection and resends; a delayed response arrives after its delay. Each hit is on the
 * timeline with the client.id it hit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { runControlCommand } from '../../host/control-commands';
import type { ClusterEvent } from '../../../shared/cluster-events';
import { createTopic, startHost, topicView } from './harness';
import { itWith, KCAT, missingKcat, run } from './tools';

type Injected = Extract<ClusterEvent, { type: 'request-fault-injected' }>;

describe('request faults with real clients', () => {
  let host: ClusterHost;
  const injected = (faultId: number): Injected[] => host.recentEvents(10_000).filter((e): e is Injected => e.type === 'request-fault-injected' && e.faultId === faultId);
  const faultId = (answer: string): number => Number(/request fault (\d+):/.exec(answer)?.[1] ?? NaN);
  const kafka = (clientId: string) => new Kafka({ clientId, brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 8, initialRetryTime: 50 } });

  beforeAll(async () => {
    host = await startHost({ seed: 18 });
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKcat, 'librdkafka retries three NOT_LEADER_OR_FOLLOWER answers and its idempotent records land once', async () => {
    await createTopic(host, 'rf-kcat', 1, 3);
    const armed = await runControlCommand(host, 'fail Produce NOT_LEADER_OR_FOLLOWER 3 topic=rf-kcat client=kcat-faults');
    expect(armed).toMatch(/^ok request fault \d+: fail Produce NOT_LEADER_OR_FOLLOWER ×3 \(topic rf-kcat, client kcat-faults\)$/);
    const id = faultId(armed);
    expect(await runControlCommand(host, 'faults')).toContain(`${id}: fail Produce NOT_LEADER_OR_FOLLOWER ×3`);
    const lines = Array.from({ length: 20 }, (_, i) => `r-${i}`);
    const produced = await run(KCAT, ['-b', host.bootstrap, '-P', '-t', 'rf-kcat', '-X', 'client.id=kcat-faults', '-X', 'enable.idempotence=true', '-X', 'retry.backoff.ms=20'], { input: `${lines.join('\n')}\n`, timeoutMs: 60_000 });
    expect(produced.code, produced.stderr).toBe(0);
    expect(injected(id).map((e) => [e.clientId, e.action, e.remaining])).toEqual([
      ['kcat-faults', 'NOT_LEADER_OR_FOLLOWER', 2], ['kcat-faults', 'NOT_LEADER_OR_FOLLOWER', 1], ['kcat-faults', 'NOT_LEADER_OR_FOLLOWER', 0],
    ]);
    expect(await runControlCommand(host, 'faults')).toBe('faults none');
    expect(topicView(host, 'rf-kcat')!.partitions[0]!.highWatermark).toBe(20);
    const consumed = await run(KCAT, ['-b', host.bootstrap, '-C', '-t', 'rf-kcat', '-o', 'beginning', '-e', '-q', '-f', '%s\n'], { timeoutMs: 60_000 });
    expect(consumed.stdout.trim().split('\n')).toEqual(lines);
  }, 90_000);

  it('kafkajs reconnects after a closed connection and resends; nothing is appended twice', async () => {
    await createTopic(host, 'rf-disconnect', 1, 3);
    const armed = await runControlCommand(host, 'disconnect Produce 1 client=js-disconnect');
    const id = faultId(armed);
    const producer = kafka('js-disconnect').producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    try {
      await producer.send({ topic: 'rf-disconnect', acks: -1, messages: Array.from({ length: 10 }, (_, i) => ({ value: `d-${i}` })) });
    } finally {
      await producer.disconnect();
    }
    expect(injected(id).map((e) => [e.apiName, e.clientId, e.action])).toEqual([['Produce', 'js-disconnect', 'disconnect']]);
    expect(topicView(host, 'rf-disconnect')!.partitions[0]!.highWatermark).toBe(10);
  }, 60_000);

  it('a delayed Metadata response arrives no sooner than its delay; the next one is not delayed', async () => {
    const armed = await runControlCommand(host, 'delay Metadata 1500 1 client=js-delay');
    const id = faultId(armed);
    const admin = kafka('js-delay').admin();
    const started = Date.now();
    await admin.connect();
    try {
      await admin.fetchTopicMetadata({ topics: ['rf-disconnect'] });
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
      expect(injected(id).map((e) => [e.apiName, e.action, e.remaining])).toEqual([['Metadata', 'delay 1500 ms', 0]]);
      await admin.fetchTopicMetadata({ topics: ['rf-disconnect'] });
      expect(injected(id)).toHaveLength(1);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);

  it('bad lines are refused with the reason and arm nothing; clear-faults removes armed rules', async () => {
    expect(await runControlCommand(host, 'fail Produce NOT_A_REAL_ERROR')).toMatch(/^error: INVALID_REQUEST: Unknown Kafka error "NOT_A_REAL_ERROR"/);
    expect(await runControlCommand(host, 'fail Prodooce NOT_LEADER_OR_FOLLOWER')).toMatch(/^error: INVALID_REQUEST: Unknown Kafka API "Prodooce"/);
    expect(await runControlCommand(host, 'delay Fetch soon')).toBe('error: delay needs a delay in ms, e.g. delay Fetch 2000 3');
    expect(await runControlCommand(host, 'faults')).toBe('faults none');
    const id = faultId(await runControlCommand(host, 'disconnect Fetch 5 broker=2'));
    expect(await runControlCommand(host, `clear-faults ${id}`)).toBe('ok 1 request fault removed');
    expect(await runControlCommand(host, `clear-faults ${id}`)).toBe(`error: INVALID_REQUEST: No request fault ${id} (it may be used up).`);
    expect(host.recentEvents(10_000).filter((e) => e.type === 'request-fault-removed')).toMatchObject([{ faultIds: [id] }]);
  });
});
