/**
 * Issue 15: a replica's leader epochs come back from `leader-epoch-checkpoint` on load, as Kafka's
 * LeaderEpochFileCache reads it, validated against the log as LogLoader.load does
 * (truncateFromEnd(logEndOffset), truncateFromStart(logStartOffset)); epochs newer than the file
 * come from the batches (LogSegment.recover); a missing or malformed file falls back to the batches.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { ReplicaLog } from '../cluster/log/replica-log';
import { toStoredBatch } from '../cluster/log/stored-batch';
import { encodeRecordBatch } from '../protocol/records/index';
import { DiskLogStorage } from './disk-log-storage';
import { closeAllFiles } from './file-cache';
import { writeAllPending } from './disk-segment';
import { encodeLeaderEpochCheckpoint } from './format/checkpoint-file';

const TOPIC_ID = '3q2-7wAAAAAAAAAAAAAAAQ';
let labDir: string;
beforeEach(() => {
  labDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-epochs-'));
});
afterEach(() => {
  closeAllFiles();
  fs.rmSync(labDir, { recursive: true, force: true });
});

function batch(baseOffset: number, count: number, epoch: number) {
  const records = Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`v${baseOffset + i}`), offsetDelta: i, timestamp: 1_700_000_000_000 + baseOffset + i }));
  return toStoredBatch(encodeRecordBatch({ baseOffset, partitionLeaderEpoch: epoch, records }), 0);
}

/** Opens the replica log; held appends are written first, as they are once the model's run returns (disk-segment.ts). */
const openStorage = () => {
  writeAllPending();
  return new DiskLogStorage(labDir, 'lab-cluster', () => 0);
};
const open = () => new ReplicaLog(0, openStorage().openReplica({ brokerId: 1, topic: 'orders', partition: 0, topicId: TOPIC_ID }));
const checkpointFile = () => path.join(labDir, 'broker-1', 'orders-0', 'leader-epoch-checkpoint');

it('keeps an epoch whose batches are gone (compacted away) from leader-epoch-checkpoint', () => {
  const log = open();
  // Epoch 1's batches (offsets 5..9) were removed by the cleaner: only epochs 0 and 2 have batches on disk.
  log.append(batch(0, 5, 0));
  log.append(batch(10, 5, 2));
  fs.writeFileSync(checkpointFile(), encodeLeaderEpochCheckpoint([{ epoch: 0, startOffset: 0 }, { epoch: 1, startOffset: 5 }, { epoch: 2, startOffset: 10 }]));
  const again = open();
  expect(again.epochs.entries).toEqual([{ epoch: 0, startOffset: 0 }, { epoch: 1, startOffset: 5 }, { epoch: 2, startOffset: 10 }]);
  // OffsetForLeaderEpoch for epoch 1 ends where epoch 2 starts; without the file it would name epoch 0 at 10.
  expect(again.epochs.endOffsetFor(1, again.logEndOffset)).toEqual({ epoch: 1, endOffset: 10 });
});

it('validates the file against the log: entries at or past logEndOffset dropped, the first one moved to logStartOffset, newer batch epochs added', () => {
  const log = open();
  log.append(batch(0, 5, 3));
  log.append(batch(5, 5, 4));
  // A stale checkpoint (written before epoch 4's first batch) naming an epoch 9 beyond the log's end.
  fs.writeFileSync(checkpointFile(), encodeLeaderEpochCheckpoint([{ epoch: 2, startOffset: 0 }, { epoch: 3, startOffset: 2 }, { epoch: 9, startOffset: 10 }]));
  const storage = openStorage();
  storage.openBroker(1);
  fs.writeFileSync(path.join(labDir, 'broker-1', 'log-start-offset-checkpoint'), '0\n1\norders 0 1\n');
  const again = open();
  expect(again.logStartOffset).toBe(1);
  expect(again.logEndOffset).toBe(10);
  expect(again.epochs.entries).toEqual([{ epoch: 2, startOffset: 1 }, { epoch: 3, startOffset: 2 }, { epoch: 4, startOffset: 5 }]);
});

it('drops non-monotonic entries as LeaderEpochFileCache.assign does', () => {
  const log = open();
  log.append(batch(0, 20, 7));
  fs.writeFileSync(checkpointFile(), encodeLeaderEpochCheckpoint([{ epoch: 5, startOffset: 0 }, { epoch: 6, startOffset: 8 }, { epoch: 7, startOffset: 4 }, { epoch: -1, startOffset: 9 }]));
  expect(open().epochs.entries).toEqual([{ epoch: 5, startOffset: 0 }, { epoch: 7, startOffset: 4 }]);
});

it('falls back to the batches when the file is malformed', () => {
  const log = open();
  log.append(batch(0, 5, 1));
  log.append(batch(5, 5, 3));
  fs.writeFileSync(checkpointFile(), '0\n2\n1 0\nnot a line\n');
  expect(open().epochs.entries).toEqual([{ epoch: 1, startOffset: 0 }, { epoch: 3, startOffset: 5 }]);
});
