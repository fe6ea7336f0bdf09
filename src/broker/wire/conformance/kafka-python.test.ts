/** kafka-python as a subprocess: producer, consumer with seek, KafkaAdminClient create/describe configs/delete. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { startHost } from './harness';
import { itWith, missingKafkaPython, runPython } from './tools';

describe('kafka-python', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startHost({ seed: 41 });
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKafkaPython, 'producer, consumer with seek and KafkaAdminClient', async () => {
    const script = readFileSync(join(__dirname, 'kafka-python.py'), 'utf8');
    const out = JSON.parse(await runPython(script, [host.bootstrap], 90_000));
    expect(out.configNames).toContain('retention.ms');
    expect(out.configNames).toContain('cleanup.policy');
    expect(out.produced).toBe(500);
    expect(out.firstAfterSeek).toBe('v200');
    expect(out.readAfterSeek).toBe(150);
    expect(out.positionAtBeginning).toBe(0);
    expect(out.positionAtEnd).toBe(250);
    expect(out.topicsAfterDelete).toEqual([]);
  }, 120_000);
});
