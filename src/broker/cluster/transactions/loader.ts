/**
 * Transaction coordinator failover (Kafka TransactionStateManager.loadTransactionsForTxnTopicPartition):
 * the new leader of a __transaction_state partition replays its replica of the log — the last
 * TransactionLogValue per transactionalId wins, a tombstone forgets it — then resumes the
 * markers of transactions caught in PrepareCommit/PrepareAbort. The partition's leader epoch
 * becomes the coordinatorEpoch of the markers it writes.
 *
 * Bad stored data never escapes the load (ARCHITECTURE "Containment"). A key of an unknown
 * version is skipped, as Kafka's TransactionStateManager.loadTransactionMetadata does (UnknownKey,
 * taken for a left-over of an aborted upgrade). Any other record that does not decode fails the
 * load: Kafka's loader logs the error and keeps what it read before the bad record, which would let a stale state (say, Ongoing instead of a later PrepareAbort) be served;
 * here the partition is left unloaded instead, as Kafka's newer CoordinatorRuntime does for a
 * failed load (FAILED: NOT_COORDINATOR), with a transaction-coordinator-load-failed event, until
 * the next leader epoch loads again.
 */
import { decodeRecordBatch } from '../../protocol/records';
import { errorText } from '../events/error-text';
import { TRANSACTION_STATE_TOPIC } from '../groups/config';
import type { TransactionCoordinatorCore } from './coordinator-core';
import { sendMarkers } from './markers';
import { fromLogValue, type TransactionMetadata } from './transaction-metadata';
import { decodeTransactionLogKey, decodeTransactionLogValue } from './txn-log-format';

export function loadTransactionPartition(c: TransactionCoordinatorCore, partition: number, leaderEpoch: number): void {
  c.failedPartitions.delete(partition);
  let loaded: Map<string, TransactionMetadata>;
  try {
    loaded = readTransactionPartition(c, partition);
  } catch (e) {
    c.failedPartitions.set(partition, leaderEpoch);
    c.emit({ type: 'transaction-coordinator-load-failed', brokerId: c.brokerId, partition, leaderEpoch, reason: errorText(e) });
    return;
  }
  c.ownedPartitions.set(partition, leaderEpoch);
  for (const [id, txn] of [...loaded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) c.txns.set(id, txn);
  c.emit({ type: 'transaction-coordinator-loaded', brokerId: c.brokerId, partition, leaderEpoch, transactionalIds: loaded.size });
  for (const txn of c.txns.values()) {
    if (c.partitionOf(txn.transactionalId) === partition && (txn.state === 'PrepareCommit' || txn.state === 'PrepareAbort')) c.contained(`txn-markers ${txn.transactionalId}`, () => sendMarkers(c, txn));
  }
}

function readTransactionPartition(c: TransactionCoordinatorCore, partition: number): Map<string, TransactionMetadata> {
  const loaded = new Map<string, TransactionMetadata>();
  for (const bytes of c.host.readLog(c.brokerId, TRANSACTION_STATE_TOPIC, partition, 0)) {
    const { header, records } = decodeRecordBatch(bytes);
    if (header.isControl) continue;
    for (const record of records) {
      // Kafka requires every __transaction_state record to have a key.
      if (record.key === null) throw new Error(`record at offset ${record.offset} has no key`);
      const transactionalId = decodeTransactionLogKey(record.key);
      if (transactionalId === null) continue;
      if (record.value === null) loaded.delete(transactionalId);
      else loaded.set(transactionalId, fromLogValue(transactionalId, decodeTransactionLogValue(record.value)));
    }
  }
  return loaded;
}

export function unloadTransactionPartition(c: TransactionCoordinatorCore, partition: number): void {
  c.failedPartitions.delete(partition);
  if (!c.ownedPartitions.delete(partition)) return;
  for (const id of [...c.txns.keys()]) if (c.partitionOf(id) === partition) c.txns.delete(id);
}
