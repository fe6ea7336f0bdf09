/** confluent-kafka-python (librdkafka 2.0.x) as a subprocess: admin calls, idempotent acks=all producer, assigned consumer. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { startHost } from './harness';
import { itWith, missingConfluentKafka, runPython } from './tools';

describe('confluent-kafka-python', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 31 });
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingConfluentKafka, 'AdminClient, idempotent producer with acks=all and an assigned consumer', async () => {
    const script = readFileSync(join(__dirname, 'confluent-kafka-python.py'), 'utf8');
    // KIP-511: the registry shows the client software while its connections are open.
    const software = new Set<string | null>();
    const poll = setInterval(() => host.snapshot().connections.forEach((c) => software.add(c.clientSoftwareName)), 20);
    const out = JSON.parse(await runPython(script, [host.bootstrap], 90_000)).valueOf();
    clearInterval(poll);
    expect(software).toContain('confluent-kafka-python');
    expect(out.duplicateCreate).toBe('TOPIC_ALREADY_EXISTS');
    expect(out.brokers).toEqual([1, 2, 3]);
    expect(out.partitions).toEqual([0, 1, 2, 3]);
    for (const replicas of Object.values(out.replicas) as number[][]) expect(replicas).toHaveLength(3);
    expect(out.minIsr).toBe('2');
    expect(out.minIsrSource).toBe(1); // DYNAMIC_TOPIC_CONFIG
    expect(out.cleanupIsDefault).toBe(true);
    expect(out.configCount).toBeGreaterThan(10);
    expect(out.retentionAfterAlter).toBe('86400000');
    expect(out.deliveryErrors).toEqual([]);
    expect(out.unflushed).toBe(0);
    expect(out.delivered).toBe(2000);
    expect(out.consumeErrors).toBeUndefined();
    expect(out.consumed).toBe(2000);
    expect(out.consumedAll).toBe(true);
    expect(out.topicsAfterDelete).toEqual([]);
  }, 120_000);
});
