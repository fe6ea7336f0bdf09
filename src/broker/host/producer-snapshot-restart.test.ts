/**
 * Issue 15, in virtual time: an idempotent producer whose every batch was deleted from the log
 * (DeleteRecords removed its segment) is still known after a clean restart, because the clean stop
 * wrote each replica's producer state snapshot (`<logEndOffset>.snapshot`, ProducerStateManager
 * .takeSnapshot on UnifiedLog.close) and the next start loads it: its retried batch is answered with
 * the original offset (KIP-98), not appended again. The model and the lab's files only: seeded, no sockets.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { advance, batchOf, leaderOf, produceOne } from '../cluster/testing';
import { closeAllFiles } from '../storage/file-cache';
import { LabStorage } from './lab-storage';

let root = '';
afterEach(() => {
  closeAllFiles();
  fs.rmSync(root, { recursive: true, force: true });
});

const brokers = [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }];

it('keeps a producer whose batches were all deleted across a clean restart (the .snapshot), so its retry is still a duplicate', () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-snapshot-'));
  const options = { labDir: path.join(root, 'snap'), labName: 'snap' };
  const first = createCluster({ seed: 9, brokers });
  const lab = LabStorage.open(options, first, [1, 2, 3], LabStorage.prepare(options));
  first.createTopics(1, [{ name: 't', numPartitions: 1, replicationFactor: 3, configs: { 'segment.bytes': '200' } }], false);
  advance(first, 200);
  const leader = leaderOf(first, 't', 0);
  const retried = batchOf([{ value: 'p-0' }, { value: 'p-1' }], { producerId: 1000, producerEpoch: 0, baseSequence: 0 });
  const original = produceOne(first, leader, 't', 0, retried);
  advance(first, 200);
  expect(original.result).toMatchObject({ errorName: 'NONE', baseOffset: 0 });
  for (let i = 0; i < 8; i++) {
    produceOne(first, leader, 't', 0, batchOf([{ value: `q-${i}-${'x'.repeat(60)}` }], { producerId: 2000, producerEpoch: 0, baseSequence: i }));
    advance(first, 50);
  }
  let deleted: unknown = null;
  first.deleteRecords(leader, [{ topic: 't', partition: 0, offset: 8 }], 30_000, (r) => (deleted = r));
  advance(first, 500);
  expect(deleted).toMatchObject([{ errorName: 'NONE' }]);
  const dir = path.join(options.labDir, `broker-${leader}`, 't-0');
  // The segment holding producer 1000's batch is gone from disk.
  expect(fs.readdirSync(dir)).not.toContain('00000000000000000000.log');
  lab.close();
  expect(fs.readdirSync(dir)).toContain('00000000000000000010.snapshot');

  const saved = LabStorage.prepare(options)!;
  const second = createCluster({ seed: 9, brokers, clusterId: saved.clusterId });
  const lab2 = LabStorage.open(options, second, [1, 2, 3], saved);
  advance(second, 500);
  const leader2 = leaderOf(second, 't', 0);
  const retry = produceOne(second, leader2, 't', 0, retried);
  advance(second, 500);
  expect(retry.result).toMatchObject({ errorName: 'NONE', baseOffset: 0 });
  // Nothing was appended: the next batch of producer 1000 continues its sequence at the log end.
  const next = produceOne(second, leader2, 't', 0, batchOf([{ value: 'p-2' }], { producerId: 1000, producerEpoch: 0, baseSequence: 2 }));
  advance(second, 500);
  expect(next.result).toMatchObject({ errorName: 'NONE', baseOffset: 10 });
  lab2.close();
});

it('keeps that producer across a crash too: the snapshot a segment roll took, plus the log after it, rebuild the state', () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-snapshot-'));
  const options = { labDir: path.join(root, 'crash'), labName: 'crash' };
  const first = createCluster({ seed: 9, brokers });
  const lab = LabStorage.open(options, first, [1, 2, 3], LabStorage.prepare(options));
  first.createTopics(1, [{ name: 't', numPartitions: 1, replicationFactor: 3, configs: { 'segment.bytes': '200' } }], false);
  advance(first, 200);
  const leader = leaderOf(first, 't', 0);
  const retried = batchOf([{ value: 'p-0' }, { value: 'p-1' }], { producerId: 1000, producerEpoch: 0, baseSequence: 0 });
  const original = produceOne(first, leader, 't', 0, retried);
  advance(first, 200);
  expect(original.result).toMatchObject({ errorName: 'NONE', baseOffset: 0 });
  for (let i = 0; i < 8; i++) {
    produceOne(first, leader, 't', 0, batchOf([{ value: `q-${i}-${'x'.repeat(60)}` }], { producerId: 2000, producerEpoch: 0, baseSequence: i }));
    advance(first, 50);
  }
  let deleted: unknown = null;
  first.deleteRecords(leader, [{ topic: 't', partition: 0, offset: 8 }], 30_000, (r) => (deleted = r));
  advance(first, 500);
  expect(deleted).toMatchObject([{ errorName: 'NONE' }]);
  const dir = path.join(options.labDir, `broker-${leader}`, 't-0');
  expect(fs.readdirSync(dir)).not.toContain('00000000000000000000.log');
  // Each roll left `<new segment base>.snapshot`; the one of the deleted segment went with it.
  const rollSnapshots = fs.readdirSync(dir).filter((n) => n.endsWith('.snapshot')).sort();
  expect(rollSnapshots.length).toBeGreaterThan(0);
  expect(rollSnapshots.every((n) => fs.existsSync(path.join(dir, n.replace('.snapshot', '.log'))))).toBe(true);
  // The host syncs after every driver tick (the metadata log, checkpoints); then a crash: no clean-shutdown marker and no snapshot at the log end; the next start validates the logs.
  lab.sync(0);
  lab.detach();
  expect(fs.existsSync(path.join(options.labDir, `broker-${leader}`, '.kafka_cleanshutdown'))).toBe(false);
  expect(fs.readdirSync(dir)).not.toContain('00000000000000000010.snapshot');

  const saved = LabStorage.prepare(options)!;
  const second = createCluster({ seed: 9, brokers, clusterId: saved.clusterId });
  const lab2 = LabStorage.open(options, second, [1, 2, 3], saved);
  advance(second, 500);
  const leader2 = leaderOf(second, 't', 0);
  // Producer 1000's batches are gone from the log: only the roll snapshot knows it; its retry is a duplicate.
  const retry = produceOne(second, leader2, 't', 0, retried);
  advance(second, 500);
  expect(retry.result).toMatchObject({ errorName: 'NONE', baseOffset: 0 });
  // Producer 2000's last batch came after the newest snapshot: the replayed tail knows it (a retry of seq 7 is a duplicate too).
  const tailRetry = produceOne(second, leader2, 't', 0, batchOf([{ value: `q-7-${'x'.repeat(60)}` }], { producerId: 2000, producerEpoch: 0, baseSequence: 7 }));
  advance(second, 500);
  expect(tailRetry.result).toMatchObject({ errorName: 'NONE', baseOffset: 9 });
  const next = produceOne(second, leader2, 't', 0, batchOf([{ value: 'p-2' }], { producerId: 1000, producerEpoch: 0, baseSequence: 2 }));
  advance(second, 500);
  expect(next.result).toMatchObject({ errorName: 'NONE', baseOffset: 10 });
  lab2.close();
});
