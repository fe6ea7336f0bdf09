/**
 * confluent-kafka-python (librdkafka 2.0) transactional producer: InitProducerId v4, AddPartitionsToTxn,
 * AddOffsetsToTxn/TxnOffsetCommit (send_offsets_to_transaction), EndTxn with commit and abort;
 * read_committed and read_uncommitted consumers (librdkafka filters aborted records with
 * Fetch's abortedTransactions); a second producer with the same transactional.id fences the
 * first (PRODUCER_FENCED, fatal for the zombie).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, readPartition } from './harness';
import { startGroupHost } from './groups-harness';
import { itWith, missingConfluentKafka, runPython } from './tools';

const range = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('librdkafka transactions', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startGroupHost(131);
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingConfluentKafka, 'confluent-kafka-python commits and aborts transactions; read_committed sees only committed records', async () => {
    await createTopic(host, 'txn-py', 1, 3);
    const script = readFileSync(join(__dirname, 'transactions-confluent-kafka-python.py'), 'utf8');
    const out = JSON.parse(await runPython(script, [host.bootstrap, 'txn-py'], 120_000));
    expect(out.committedInTxn).toBe(7);
    expect(out.readCommitted).toEqual([...range('committed', 10), ...range('second', 5)]);
    expect(out.readUncommitted).toEqual([...range('committed', 10), ...range('aborted', 10), ...range('second', 5)]);
    expect(out.zombieCommit).toBe('_FENCED');
    expect(out.zombieFatal).toBe(true);
    expect(out.afterFencing).toEqual(['successor']);
    // Every stored batch, control markers included, carries a valid CRC-32C.
    await readPartition(host, 'txn-py', 0);
  }, 120_000);
});
