/**
 * Transaction coordinator failover (Kafka TransactionStateManager.loadTransactionsForTxnTopicPartition):
 * the new leader of a __transaction_state partition replays its replica of the log — the last
 * TransactionLogValue per transactionalId wins, a tombstone forgets it — then resumes the
 * markers of transactions caught in PrepareCommit/PrepareAbort. The partition's leader epoch
 * becomes the coordinatorEpoch of the markers it writes.
 */
import { decodeRecordBatch } from '../../protocol/records';
import { TRANSACTION_STATE_TOPIC } from '../groups/config';
import type { TransactionCoordinatorCore } from './coordinator-core';
import { sendMarkers } from './markers';
import { fromLogValue, type TransactionMetadata } from './transaction-metadata';
import { decodeTransactionLogKey, decodeTransactionLogValue } from './txn-log-format';

export function loadTransactionPartition(c: TransactionCoordinatorCore, partition: number, leaderEpoch: number): void {
  const loaded = new Map<string, TransactionMetadata>();
  for (const bytes of c.host.readLog(c.brokerId, TRANSACTION_STATE_TOPIC, partition, 0)) {
    const { header, records } = decodeRecordBatch(bytes);
    if (header.isControl) continue;
    for (const record of records) {
      const transactionalId = record.key === null ? null : decodeTransactionLogKey(record.key);
      if (transactionalId === null) continue;
      if (record.value === null) loaded.delete(transactionalId);
      else loaded.set(transactionalId, fromLogValue(transactionalId, decodeTransactionLogValue(record.value)));
    }
  }
  c.ownedPartitions.set(partition, leaderEpoch);
  for (const [id, txn] of [...loaded].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) c.txns.set(id, txn);
  c.emit({ type: 'transaction-coordinator-loaded', brokerId: c.brokerId, partition, leaderEpoch, transactionalIds: loaded.size });
  for (const txn of c.txns.values()) {
    if (c.partitionOf(txn.transactionalId) === partition && (txn.state === 'PrepareCommit' || txn.state === 'PrepareAbort')) sendMarkers(c, txn);
  }
}

export function unloadTransactionPartition(c: TransactionCoordinatorCore, partition: number): void {
  if (!c.ownedPartitions.delete(partition)) return;
  for (const id of [...c.txns.keys()]) if (c.partitionOf(id) === partition) c.txns.delete(id);
}
