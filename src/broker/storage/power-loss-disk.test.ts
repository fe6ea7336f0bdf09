/**
 * Issue 15: a power loss cuts a broker's segment files back to its flushed offset (recoveryPoint):
 * the active segment's `.log` loses the bytes of the unflushed batches (a roll flushes, so only the
 * active segment holds unflushed ones), its indexes are rebuilt, and opening the directory again
 * recovers exactly the flushed records.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import { advance, batchOf, eventLines, produceOne } from '../cluster/testing';
import { DiskLogStorage } from './disk-log-storage';
import { closeAllFiles } from './file-cache';
import { captureLabMetadata, restoreLabMetadata } from './lab-metadata';

let dir = '';
afterEach(() => {
  closeAllFiles();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('cuts the segment files to the flushed offset and recovers exactly the flushed records', () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-power-loss-'));
  const brokers = [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }];
  const first = createCluster({ seed: 5, brokers });
  first.core.logStorage = new DiskLogStorage(dir, first.clusterId, () => first.now());
  // These batches are under 80 bytes: segment.bytes 650 rolls every 8 (the roll flushes to 8);
  // flush.messages 2 flushes every second append, so the flushed offset ends inside the active segment.
  first.createTopics(1, [{ name: 't', numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: [1] }], configs: { 'flush.messages': '2', 'segment.bytes': '650' } }], false);
  advance(first, 50);
  for (let i = 0; i < 11; i++) {
    produceOne(first, 1, 't', 0, batchOf([{ key: 'k', value: `value-${i}` }]), 1);
    advance(first, 20);
  }
  const log = first.core.broker(1)!.replicas.get(tpKey('t', 0))!.log;
  const partitionDir = path.join(dir, 'broker-1', 't-0');
  const logFiles = () => fs.readdirSync(partitionDir).filter((f) => f.endsWith('.log')).sort();
  const segmentsBefore = log.segments.map((s) => s.baseOffset);
  expect(segmentsBefore.length).toBeGreaterThan(1);
  expect(logFiles()).toHaveLength(segmentsBefore.length);
  const flushed = log.recoveryPoint;
  expect(segmentsBefore).toEqual([0, 8]);
  expect(flushed).toBe(10);
  const saved = captureLabMetadata(first, [1, 2, 3]);

  expect(first.command({ type: 'power-loss-broker', brokerId: 1 }).ok).toBe(true);
  expect(eventLines(first, ['unflushed-records-dropped'])).toEqual([expect.stringMatching(new RegExp(`flushedOffset=${flushed} logEndOffset=11 count=${11 - flushed}$`))]);

  // Files: every kept segment's .log holds exactly its kept batches; no segment file above the flushed offset.
  const kept = log.segments;
  expect(logFiles()).toEqual(kept.map((s) => `${String(s.baseOffset).padStart(20, '0')}.log`));
  kept.forEach((s, i) => {
    const size = fs.statSync(path.join(partitionDir, `${String(s.baseOffset).padStart(20, '0')}.log`)).size;
    const batches = log.segmentBatches(i);
    expect(size).toBe(batches.reduce((n, b) => n + b.sizeBytes, 0));
    expect(batches.at(-1)?.lastOffset ?? -1).toBeLessThan(flushed);
  });
  expect(fs.existsSync(path.join(partitionDir, `${String(kept.at(-1)!.baseOffset).padStart(20, '0')}.index`))).toBe(true);
  closeAllFiles();

  // Opening the directory again: LogLoader finds the flushed records and nothing else.
  const second = createCluster({ seed: 5, brokers, clusterId: first.clusterId });
  second.core.logStorage = new DiskLogStorage(dir, second.clusterId, () => second.now());
  restoreLabMetadata(second, saved);
  advance(second, 100);
  const recovered = eventLines(second, ['log-recovered']);
  expect(recovered).toEqual([expect.stringContaining(`t-0 broker=1 logStartOffset=0 logEndOffset=${flushed} `)]);
  expect(recovered[0]).toContain('truncatedBytes=0');
  const reopened = second.core.broker(1)!.replicas.get(tpKey('t', 0))!.log;
  expect([...reopened.allBatches()].map((b) => b.baseOffset)).toEqual(Array.from({ length: flushed }, (_, i) => i));
  expect(reopened.recoveryPoint).toBe(flushed);
});
