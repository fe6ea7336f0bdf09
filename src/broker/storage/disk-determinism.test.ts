/**
 * Issue 15: the model stays deterministic whichever storage holds the bytes. The same seeded
 * session — produce, segment rolls, retention, compaction, a broker crash and follower truncation —
 * run with logs in memory and on disk gives the same event log and the same record bytes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCluster, type SimCluster } from '../cluster/cluster';
import { advance, batchOf, eventLines, leaderOf, produceOne } from '../cluster/testing';
import { DiskLogStorage } from './disk-log-storage';
import { closeAllFiles } from './file-cache';

const dirs: string[] = [];
afterEach(() => {
  closeAllFiles();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function session(disk: boolean): { cluster: SimCluster; events: string[] } {
  const c = createCluster({ seed: 7, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], brokerConfig: { 'log.retention.check.interval.ms': '1000', 'log.cleaner.backoff.ms': '500' } });
  if (disk) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-determinism-'));
    dirs.push(dir);
    c.core.logStorage = new DiskLogStorage(dir, c.clusterId, () => c.now());
  }
  c.createTopics(1, [
    { name: 'events', numPartitions: 2, replicationFactor: 3, configs: { 'segment.bytes': '2048', 'retention.bytes': '6000' } },
    { name: 'latest', numPartitions: 1, replicationFactor: 3, configs: { 'cleanup.policy': 'compact', 'segment.bytes': '1024', 'min.cleanable.dirty.ratio': '0.01' } },
  ], false);
  advance(c, 50);
  for (let i = 0; i < 40; i++) {
    produceOne(c, Math.max(1, leaderOf(c, 'events', i % 2)), 'events', i % 2, batchOf([{ key: `k${i}`, value: `value-${i}-${'x'.repeat(100)}` }]), 1);
    produceOne(c, Math.max(1, leaderOf(c, 'latest', 0)), 'latest', 0, batchOf([{ key: `k${i % 5}`, value: `v${i}-${'y'.repeat(200)}` }]), 1);
    advance(c, 40);
    if (i === 20) expect(c.command({ type: 'stop-broker', brokerId: 2, controlled: false }).ok).toBe(true);
    if (i === 28) expect(c.command({ type: 'start-broker', brokerId: 2 }).ok).toBe(true);
  }
  advance(c, 2500);
  return { cluster: c, events: eventLines(c) };
}

describe('disk storage keeps the model deterministic', () => {
  it('gives the same event log and the same bytes as memory for the same inputs', () => {
    const memory = session(false);
    const disk = session(true);
    expect(disk.events).toEqual(memory.events);
    expect(memory.events.some((l) => l.includes('segment-deleted'))).toBe(true);
    expect(memory.events.some((l) => l.includes('log-compacted'))).toBe(true);
    expect(memory.events.some((l) => l.includes('broker-stopped'))).toBe(true);
    const logFiles = fs.readdirSync(dirs[0]!, { recursive: true }).map(String).filter((n) => n.endsWith('.log'));
    expect(logFiles.length).toBeGreaterThan(3);
    let batchesCompared = 0;
    for (const brokerId of [1, 2, 3]) {
      const m = memory.cluster.core.brokers.get(brokerId)!;
      const d = disk.cluster.core.brokers.get(brokerId)!;
      for (const [key, r] of m.replicas) {
        const other = d.replicas.get(key)!;
        batchesCompared += r.log.logEndOffset > 0 ? 1 : 0;
        expect([...other.log.allBatches()].map((b) => b.buffer.toString('hex'))).toEqual([...r.log.allBatches()].map((b) => b.buffer.toString('hex')));
      }
    }
    expect(batchesCompared).toBe(9);
  });
});
