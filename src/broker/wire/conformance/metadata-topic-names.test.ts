/**
 * Metadata for a topic name Kafka's Topic.validate refuses answers INVALID_TOPIC_EXCEPTION (17),
 * with or without auto-creation (KafkaApis.getTopicMetadata; AutoTopicCreationManager
 * filterCreatableTopics), and creates nothing; an unknown legal name stays
 * UNKNOWN_TOPIC_OR_PARTITION (3) when auto-creation is off. Seen raw at every flexible and
 * non-flexible version we serve, and by kcat (librdkafka).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { errorCode } from '../../protocol';
import { Caller } from '../testing/caller';
import { startHost, topicView } from './harness';
import { itWith, KCAT, missingKcat, run } from './tools';

type Answer = { topics: { errorCode: number; name: string | null; partitions: unknown[] }[] };
const ILLEGAL = ['bad name!', '..', 'x'.repeat(250), 'ünïcode'];

describe('Metadata for illegal topic names', () => {
  let host: ClusterHost;
  let caller: Caller;
  beforeAll(async () => {
    host = await startHost({ seed: 17 });
    caller = new Caller(host);
  });
  afterAll(async () => {
    caller?.close();
    await host?.close();
  });

  it('answers INVALID_TOPIC_EXCEPTION at v1-v12, auto-creation allowed or not, and creates nothing', async () => {
    const broker = host.snapshot().brokers[0]!.brokerId;
    for (const version of [1, 4, 8, 9, 10, 12]) {
      for (const allowAutoTopicCreation of [true, false]) {
        // v1-3 always auto-create; from v4 the request decides. A legal unknown name is asked only where nothing creates it.
        const createsNothing = version >= 4 && !allowAutoTopicCreation;
        const topics = [...ILLEGAL, ...(createsNothing ? [`unknown-v${version}`] : [])].map((name) => ({ name }));
        const body = await caller.call<Answer>(broker, 3, version, { topics, allowAutoTopicCreation });
        const byName = new Map(body.topics.map((t) => [t.name, t.errorCode]));
        for (const name of ILLEGAL) expect(byName.get(name), `${name.slice(0, 12)} v${version} auto=${allowAutoTopicCreation}`).toBe(errorCode('INVALID_TOPIC_EXCEPTION'));
        if (createsNothing) expect(byName.get(`unknown-v${version}`)).toBe(errorCode('UNKNOWN_TOPIC_OR_PARTITION'));
      }
    }
    for (const name of ILLEGAL) expect(topicView(host, name)).toBeUndefined();
  });

  itWith(missingKcat, 'kcat -L -t on an illegal name reports librdkafka\'s "Broker: Invalid topic"', async () => {
    const result = await run(KCAT, ['-b', host.bootstrap, '-L', '-J', '-t', 'bad name!'], { timeoutMs: 60_000 });
    expect(result.code, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as { topics: { topic: string; error?: string }[] };
    expect(out.topics).toEqual([expect.objectContaining({ topic: 'bad name!', error: 'Broker: Invalid topic' })]);
  }, 90_000);
});
