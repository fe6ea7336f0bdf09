/**
 * Exactly-once across a crash: a kafkajs consume-transform-produce process (transactions-
 * transform.cjs) is SIGKILLed inside a transaction, after its output and its input offsets were
 * sent and before EndTxn. A successor with the same transactional.id aborts the open transaction
 * (InitProducerId fences the old epoch), the group resumes from the offsets committed by earlier
 * transactions, and under read_committed every input appears in the output exactly once, while
 * read_uncommitted still shows the aborted duplicates.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kafka, Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, sleep, startGroupHost } from './groups-harness';

const INPUTS = 300;

interface Transform { child: ChildProcess; committed: number; crashed: boolean; exited: boolean; stderr: string }

function startTransform(bootstrap: string, crashAt: number): Transform {
  const child = spawn(process.execPath, [join(__dirname, 'transactions-transform.cjs'), bootstrap, String(crashAt)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const state: Transform = { child, committed: 0, crashed: false, exited: false, stderr: '' };
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, nl)) as { committed?: number; crashing?: number };
      buffered = buffered.slice(nl + 1);
      if (line.committed) state.committed += line.committed;
      if (line.crashing) state.crashed = true;
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => void (state.stderr += chunk.toString('utf8')));
  child.on('exit', () => void (state.exited = true));
  return state;
}

describe('exactly-once consume-transform-produce across a crash', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  let producer: Producer;
  const transforms: Transform[] = [];

  beforeAll(async () => {
    host = await startGroupHost(121);
    kafka = kafkaFor(host, 'transactions-eos');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    for (const t of transforms) t.child.kill('SIGKILL');
    await producer?.disconnect();
    await host?.close();
  });

  async function readAll(groupId: string, readUncommitted: boolean, atLeast: number): Promise<string[]> {
    const consumer = kafka.consumer({ groupId, readUncommitted, sessionTimeout: 6000, heartbeatInterval: 300, maxWaitTimeInMs: 200 });
    const values: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'eos-out', fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void values.push(message.value!.toString()) });
      await waitFor(`${atLeast} outputs (${groupId})`, () => values.length >= atLeast, 30_000);
      await sleep(500);
      return values;
    } finally {
      await consumer.disconnect();
    }
  }

  it('every input appears in the read_committed output exactly once', async () => {
    await createTopic(host, 'eos-in', 3, 3);
    await createTopic(host, 'eos-out', 3, 3);
    for (let i = 0; i < INPUTS; i += 10) await produceNumbered(producer, 'eos-in', 'in', i, i + 10);

    const first = startTransform(host.bootstrap, 4);
    transforms.push(first);
    await waitFor('the first transform crashed mid-transaction', () => first.exited, 60_000);
    expect(first.crashed, first.stderr).toBe(true);
    expect(first.committed).toBeLessThan(INPUTS);

    const second = startTransform(host.bootstrap, 0);
    transforms.push(second);
    await waitFor('all input offsets committed by transactions', () => groupView(host, 'g-eos')?.offsets.reduce((n, o) => n + o.committedOffset, 0) === INPUTS, 60_000);
    second.child.kill('SIGKILL');
    expect(second.stderr).toBe('');

    const events = host.recentEvents(10_000);
    expect(events.some((e) => e.type === 'transaction-aborted' && e.transactionalId === 'eos-transform' && e.reason === 'init-producer-id')).toBe(true);
    expect(events.some((e) => e.type === 'producer-fenced' && e.transactionalId === 'eos-transform')).toBe(true);

    const committedOutput = await readAll('g-eos-rc', false, INPUTS);
    const counts = new Map<string, number>();
    for (const v of committedOutput) counts.set(v, (counts.get(v) ?? 0) + 1);
    expect(committedOutput).toHaveLength(INPUTS);
    for (let i = 0; i < INPUTS; i++) expect(counts.get(`out-${i}`), `out-${i}`).toBe(1);

    // The crashed transaction's output is in the log, aborted: read_uncommitted sees it twice.
    const uncommittedOutput = await readAll('g-eos-ru', true, INPUTS + 1);
    expect(uncommittedOutput.length).toBeGreaterThan(INPUTS);
  }, 120_000);
});
