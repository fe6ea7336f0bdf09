/**
 * Issue 15: an idempotent producer's retried batch is still deduplicated after a restart. Kafka
 * rebuilds each partition's producer state on load (LogLoader.load → UnifiedLog.rebuildProducerState,
 * ProducerStateManager): from the snapshot a clean shutdown took, else from the log. The very same ProduceRequest frame is sent
 * before and after the process is stopped (SIGTERM: clean; SIGKILL: unclean, CRC-validated recovery)
 * and must be answered with the original baseOffset, appending nothing (KIP-98 duplicate detection).
 * A clean stop writes Kafka's `<logEndOffset>.snapshot`, which the next start loads.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { errorCode } from '../protocol';
import { encodeRecordBatch } from '../protocol/records';
import { decodeProducerSnapshot } from '../storage/format/producer-snapshot';
import { labProcesses, portsOf, RawCaller, startLabProcess } from './testing/lab-process';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-idempotent-'));
afterAll(() => {
  for (const c of labProcesses) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(root, { recursive: true, force: true });
});

const TOPIC = 'idem';
const produceBody = (records: Buffer) => ({ transactionalId: null, acks: -1, timeoutMs: 10_000, topicData: [{ name: TOPIC, partitionData: [{ index: 0, records }] }] });
const batchOf = (producerId: number, producerEpoch: number, baseSequence: number, first: number) =>
  encodeRecordBatch({ producerId, producerEpoch, baseSequence, records: Array.from({ length: 5 }, (_, i) => ({ key: Buffer.from('k'), value: Buffer.from(`v-${first + i}`), timestamp: 1_700_000_000_000 + first + i })) });

async function latestOffset(caller: RawCaller, port: number): Promise<number> {
  const r = await caller.call(port, 2, 7, { replicaId: -1, isolationLevel: 0, topics: [{ name: TOPIC, partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] });
  return Number(r.topics[0].partitions[0].offset);
}

// The third run rolls a segment at every batch (segment.bytes 100): each roll snapshots the producer
// state (`00000000000000000005.snapshot`, `…10.snapshot`), and after SIGKILL the state is that snapshot plus the log after it.
describe.each([['SIGTERM', false], ['SIGKILL', false], ['SIGKILL', true]] as const)('an idempotent producer across a %s restart (segment rolls: %s)', (signal, rolls) => {
  it('gets the original offsets for a retried batch and nothing is appended twice', async () => {
    const lab = `idem-${signal.toLowerCase()}${rolls ? '-rolls' : ''}`;
    const caller = new RawCaller();
    const first = await startLabProcess(root, lab);
    const port0 = portsOf(first.bootstrap)[0]!;
    const configs = rolls ? [{ name: 'segment.bytes', value: '100' }] : [];
    const created = await caller.call(port0, 19, 7, { topics: [{ name: TOPIC, numPartitions: 1, replicationFactor: 3, assignments: [], configs }], timeoutMs: 10_000, validateOnly: false });
    expect(created.topics[0].errorCode).toBe(0);
    const init = await caller.call(port0, 22, 4, { transactionalId: null, transactionTimeoutMs: 60_000, producerId: -1, producerEpoch: -1 });
    expect(init.errorCode).toBe(0);
    const { producerId, producerEpoch } = init as { producerId: number; producerEpoch: number };
    const leader = await caller.leaderPort(port0, TOPIC);
    const frames = [0, 5, 10].map((seq) => caller.frame(0, 9, produceBody(batchOf(Number(producerId), producerEpoch, seq, seq))));
    const before: number[] = [];
    for (const f of frames) {
      const r = await caller.send(leader, 0, 9, f);
      expect(r.responses[0].partitionResponses[0].errorCode).toBe(0);
      before.push(Number(r.responses[0].partitionResponses[0].baseOffset));
    }
    expect(before).toEqual([0, 5, 10]);
    // A retry before the restart is deduplicated too (the baseline).
    expect(Number((await caller.send(leader, 0, 9, frames[2]!)).responses[0].partitionResponses[0].baseOffset)).toBe(10);
    caller.close();
    first.child.kill(signal);
    await first.exited;
    const labDir = path.join(root, lab);
    expect(fs.existsSync(path.join(labDir, 'broker-1', '.kafka_cleanshutdown'))).toBe(signal === 'SIGTERM');
    // A clean stop leaves each replica's producer state at its log end offset (ProducerStateManager.takeSnapshot).
    for (const brokerId of [1, 2, 3]) {
      const snapshot = path.join(labDir, `broker-${brokerId}`, `${TOPIC}-0`, '00000000000000000015.snapshot');
      if (signal === 'SIGKILL') expect(fs.existsSync(snapshot)).toBe(false);
      else expect(decodeProducerSnapshot(fs.readFileSync(snapshot))).toEqual([{ producerId: Number(producerId), producerEpoch, lastSequence: 14, lastOffset: 14, offsetDelta: 4, timestampMs: 1_700_000_000_014, coordinatorEpoch: -1, currentTxnFirstOffset: -1 }]);
      // Each roll snapshotted the state at the new segment's base offset (UnifiedLog.roll → takeSnapshot): at 10, the batch 5..9 last.
      const atRoll = path.join(labDir, `broker-${brokerId}`, `${TOPIC}-0`, '00000000000000000010.snapshot');
      if (rolls) expect(decodeProducerSnapshot(fs.readFileSync(atRoll))).toEqual([{ producerId: Number(producerId), producerEpoch, lastSequence: 9, lastOffset: 9, offsetDelta: 4, timestampMs: 1_700_000_000_009, coordinatorEpoch: -1, currentTxnFirstOffset: -1 }]);
      else expect(fs.existsSync(atRoll)).toBe(false);
    }

    const second = await startLabProcess(root, lab);
    const port = portsOf(second.bootstrap)[0]!;
    // No leader means the topic was not recovered; the broker's start-up lines say what it found.
    const leader2 = await caller.leaderPort(port, TOPIC).catch((e: Error) => {
      throw new Error(`${e.message}; broker stderr:\n${second.stderr()}`);
    });
    // The same frame, byte for byte. After a clean stop Kafka restores each producer's LAST batch
    // from the snapshot, so an older retried batch is out of order; after a crash it replays the log
    // past its latest snapshot (the roll's at 10, holding batch 5..9, when segments rolled), so an
    // older batch is recognised too.
    const retried: (readonly [number, Buffer])[] = [[2, frames[2]!], [1, frames[1]!]];
    for (const [i, f] of retried) {
      const r = await caller.send(leader2, 0, 9, f);
      if (i === 1 && signal === 'SIGTERM') {
        expect(r.responses[0].partitionResponses[0].errorCode, 'retry of batch 1').toBe(errorCode('OUT_OF_ORDER_SEQUENCE_NUMBER'));
        continue;
      }
      expect(r.responses[0].partitionResponses[0].errorCode, `retry of batch ${i}`).toBe(0);
      expect(Number(r.responses[0].partitionResponses[0].baseOffset), `retry of batch ${i}`).toBe(before[i]);
    }
    expect(await latestOffset(caller, leader2)).toBe(15);
    // The sequence goes on where it was: the next batch appends, a gap is refused.
    const next = await caller.call(leader2, 0, 9, produceBody(batchOf(Number(producerId), producerEpoch, 15, 15)));
    expect(next.responses[0].partitionResponses[0]).toMatchObject({ errorCode: 0 });
    expect(Number(next.responses[0].partitionResponses[0].baseOffset)).toBe(15);
    const gap = await caller.call(leader2, 0, 9, produceBody(batchOf(Number(producerId), producerEpoch, 30, 30)));
    expect(gap.responses[0].partitionResponses[0].errorCode).toBe(errorCode('OUT_OF_ORDER_SEQUENCE_NUMBER'));
    expect(await latestOffset(caller, leader2)).toBe(20);
    caller.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 180_000);
});
