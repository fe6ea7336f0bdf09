/**
 * Issue 15: transaction state comes back from `__transaction_state` after a restart (Kafka's
 * TransactionStateManager.loadTransactionsForTxnTopicPartition on the new coordinator). kafkajs
 * transactional producers leave one transaction committed, two ongoing and one hanging; the lab
 * stops (cleanly, or as a crash: no checkpoints, no clean-shutdown marker) and starts again on the
 * same directory and ports. The same kafkajs producers then commit one ongoing transaction and
 * abort the other; the hanging one is aborted by the coordinator once transaction.timeout.ms has
 * passed (abortTimedOutTransactions); read_committed (librdkafka) sees exactly the committed records.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterEach, describe, expect } from 'vitest';
import { waitForBrokersToKnow } from '../wire/conformance/harness';
import { itWith, KCAT, missingKcat, run } from '../wire/conformance/tools';
import { ClusterHost } from './cluster-host';
import { portsOf, RawCaller } from './testing/lab-process';

let root = '';
const hosts: ClusterHost[] = [];
const producers: Producer[] = [];
afterEach(async () => {
  for (const p of producers.splice(0)) await p.disconnect().catch(() => undefined);
  while (hosts.length) await hosts.pop()!.close();
  fs.rmSync(root, { recursive: true, force: true });
});

async function startLab(labDir: string, brokerPorts?: ReadonlyMap<number, number>): Promise<ClusterHost> {
  const host = await ClusterHost.start({ brokers: 3, basePort: 0, seed: 16, storage: { labDir, labName: 'txn' }, log: () => {}, ...(brokerPorts ? { brokerPorts } : {}) });
  hosts.push(host);
  return host;
}

const client = (bootstrap: string) => new Kafka({ clientId: 'restart-txn', brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 100, maxRetryTime: 1000 } });

async function transactional(bootstrap: string, transactionalId: string, transactionTimeout = 60_000): Promise<Producer> {
  const p = client(bootstrap).producer({ transactionalId, idempotent: true, maxInFlightRequests: 1, transactionTimeout });
  await p.connect();
  producers.push(p);
  return p;
}

const values = (prefix: string) => Array.from({ length: 10 }, (_, i) => ({ value: `${prefix}-${i}` }));

/** ListOffsets v7 latest for partition 0: isolation 0 gives the highWatermark, 1 the lastStableOffset. */
async function latest(caller: RawCaller, port: number, isolationLevel: 0 | 1): Promise<number> {
  const r = await caller.call(port, 2, 7, { replicaId: -1, isolationLevel, topics: [{ name: 'tx', partitions: [{ partitionIndex: 0, currentLeaderEpoch: -1, timestamp: -1 }] }] });
  return Number(r.topics[0].partitions[0].offset);
}

/** Polls the async `check` every 100 ms until it returns a truthy value; throws naming `what` after timeoutMs. */
async function waitFor<T>(what: string, check: () => Promise<T | false>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Each broker id's port, as Metadata answers. */
async function brokerPorts(bootstrap: string): Promise<Map<number, number>> {
  const caller = new RawCaller();
  try {
    const m = await caller.call(portsOf(bootstrap)[0]!, 3, 12, { topics: [], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    return new Map((m.brokers as { nodeId: number; port: number }[]).map((b) => [b.nodeId, b.port]));
  } finally {
    caller.close();
  }
}

describe.each(['clean stop', 'crash'] as const)('transactions across a restart (%s)', (stop) => {
  itWith(missingKcat, 'ongoing transactions commit and abort after the restart, a hanging one times out, read_committed sees the committed records', async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-txn-'));
    const labDir = path.join(root, 'txn');
    const first = await startLab(labDir);
    const admin = client(first.bootstrap).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'tx', numPartitions: 1, replicationFactor: 3 }], waitForLeaders: true });
    await admin.disconnect();

    const done = await transactional(first.bootstrap, 'tx-done');
    const doneTxn = await done.transaction();
    await doneTxn.send({ topic: 'tx', acks: -1, messages: values('done') });
    await doneTxn.commit();
    const toCommit = await transactional(first.bootstrap, 'tx-commit');
    const commitTxn = await toCommit.transaction();
    await commitTxn.send({ topic: 'tx', acks: -1, messages: values('commit') });
    const toAbort = await transactional(first.bootstrap, 'tx-abort');
    const abortTxn = await toAbort.transaction();
    await abortTxn.send({ topic: 'tx', acks: -1, messages: values('abort') });
    // Hanging: its producer goes away without ending it (timeout 5 s).
    const hanging = await transactional(first.bootstrap, 'tx-hang', 5000);
    const hangTxn = await hanging.transaction();
    await hangTxn.send({ topic: 'tx', acks: -1, messages: values('hang') });
    await hanging.disconnect();

    const ports = await brokerPorts(first.bootstrap);
    const closing = hosts.pop()!;
    // A crash: nothing more is written (no final checkpoints, no .kafka_cleanshutdown), as after SIGKILL.
    if (stop === 'crash') closing.labStorage!.detach();
    await closing.close();
    expect(fs.existsSync(path.join(labDir, 'broker-1', '.kafka_cleanshutdown'))).toBe(stop === 'clean stop');

    const second = await startLab(labDir, ports);
    expect(second.bootstrap).toBe(first.bootstrap);
    await waitForBrokersToKnow(second, 'tx', 1);
    // The same producers, talking to the new process on the same ports, end their transactions.
    await commitTxn.commit();
    await abortTxn.abort();

    const caller = new RawCaller();
    try {
      const leaderPort = await caller.leaderPort(ports.get(1)!, 'tx');
      // The hanging transaction is aborted by the coordinator, and then nothing is unstable any more.
      await waitFor('the lastStableOffset to reach the highWatermark', async () => {
        const [hw, lso] = [await latest(caller, leaderPort, 0), await latest(caller, leaderPort, 1)];
        return hw === lso && hw >= 44 ? hw : false;
      }, 90_000);
    } finally {
      caller.close();
    }
    // The coordinator that ended it is the restarted one, after loading the stored transactions.
    const events = second.recentEvents(100_000);
    const loadedIds = new Map<number, number>();
    for (const e of events) if (e.type === 'transaction-coordinator-loaded') loadedIds.set(e.partition, e.transactionalIds);
    expect([...loadedIds.values()].reduce((a, b) => a + b, 0)).toBe(4);
    expect(events.some((e) => e.type === 'producer-fenced' && e.transactionalId === 'tx-hang')).toBe(true);
    const committed = await run(KCAT, ['-C', '-b', second.bootstrap, '-t', 'tx', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_committed'], { timeoutMs: 60_000 });
    expect(committed.code, committed.stderr).toBe(0);
    expect(committed.stdout.split('\n').filter(Boolean)).toEqual([...values('done'), ...values('commit')].map((m) => m.value));
    const everything = await run(KCAT, ['-C', '-b', second.bootstrap, '-t', 'tx', '-o', 'beginning', '-e', '-q', '-X', 'isolation.level=read_uncommitted'], { timeoutMs: 60_000 });
    expect(everything.stdout.split('\n').filter(Boolean).sort()).toEqual(['done', 'commit', 'abort', 'hang'].flatMap((p) => values(p).map((m) => m.value)).sort());
    // The ended transactions start again: a new transaction of tx-commit commits after the restart.
    const again = await toCommit.transaction();
    await again.send({ topic: 'tx', acks: -1, messages: [{ value: 'after-restart' }] });
    await again.commit();
  }, 180_000);
});
