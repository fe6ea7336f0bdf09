/**
 * Issue 15: a torn final batch (the `.log` cut mid-batch, as a crash leaves it) is truncated when
 * the lab is opened again, and the timeline says how many bytes were dropped (log-recovered).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { advance, batchOf, eventLines, leaderOf, produceOne } from '../cluster/testing';
import { DiskLogStorage } from './disk-log-storage';
import { closeAllFiles } from './file-cache';
import { captureLabMetadata, restoreLabMetadata } from './lab-metadata';

let dir = '';
afterEach(() => {
  closeAllFiles();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('truncates a torn final batch on every replica and reports the bytes dropped', async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-torn-'));
  const brokers = [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }];
  const first = createCluster({ seed: 4, brokers });
  first.core.logStorage = new DiskLogStorage(dir, first.clusterId, () => first.now());
  first.createTopics(1, [{ name: 't', numPartitions: 1, replicationFactor: 3 }], false);
  advance(first, 50);
  for (let i = 0; i < 5; i++) {
    produceOne(first, leaderOf(first, 't', 0), 't', 0, batchOf([{ key: 'k', value: `value-${i}` }]));
    advance(first, 50);
  }
  // The appends reach the files once the model's synchronous run returns (disk-segment.ts).
  await new Promise<void>((resolve) => setImmediate(resolve));
  const saved = captureLabMetadata(first, [1, 2, 3]);
  const lastBatchBytes = [...first.core.brokers.get(1)!.replicas.values()][0]!.log.activeBatches.at(-1)!.sizeBytes;
  closeAllFiles();
  for (const b of [1, 2, 3]) {
    const file = path.join(dir, `broker-${b}`, 't-0', '00000000000000000000.log');
    fs.truncateSync(file, fs.statSync(file).size - 10);
  }

  const second = createCluster({ seed: 4, brokers, clusterId: first.clusterId });
  second.core.logStorage = new DiskLogStorage(dir, second.clusterId, () => second.now());
  restoreLabMetadata(second, saved);
  advance(second, 100);
  // No replication-offset-checkpoint was written here (no host), so the highWatermark restarts at 0.
  const recovered = eventLines(second, ['log-recovered']);
  expect(recovered).toHaveLength(3);
  for (const line of recovered) expect(line).toContain(`logEndOffset=4 hw=0 truncatedBytes=${lastBatchBytes - 10}`);
  expect(recovered[0]).toMatch(/file ends/);
});
