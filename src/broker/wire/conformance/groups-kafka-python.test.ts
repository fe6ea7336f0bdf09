/** kafka-python's group consumer (JoinGroup/SyncGroup/Heartbeat, OffsetCommit/Fetch): commits, closes, and a new member continues from the committed offsets. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic } from './harness';
import { startGroupHost } from './groups-harness';
import { itWith, missingKafkaPython, runPython } from './tools';

describe('kafka-python consumer group', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startGroupHost(101);
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKafkaPython, 'consumes, commits and continues from the committed offsets', async () => {
    await createTopic(host, 'grp-kafka-python', 3, 3);
    const script = readFileSync(join(__dirname, 'groups-kafka-python.py'), 'utf8');
    const out = JSON.parse(await runPython(script, [host.bootstrap, 'grp-kafka-python', '300'], 120_000));
    expect(out.firstAssignment).toEqual([0, 1, 2]);
    expect(out.firstRun).toBe(150);
    expect(out.rereadFromFirstRun).toBe(0);
    expect(out.secondRun).toBe(150);
    expect(out.all).toBe(300);
    expect(out.committedTotal).toBe(300);
  }, 120_000);
});
