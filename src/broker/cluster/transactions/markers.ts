/**
 * Completing a transaction (Kafka TransactionMarkerChannelManager + WriteTxnMarkers): after the
 * PrepareCommit/PrepareAbort record is replicated, a control batch (encodeControlBatch: COMMIT or
 * ABORT, the coordinatorEpoch, correct CRC) is appended with acks=all at the leader of every
 * partition in the transaction, retried while a partition has no leader; once all are written
 * the coordinator records CompleteCommit/CompleteAbort and the transaction ends.
 */
import { encodeControlBatch } from '../../protocol/records';
import { COORDINATOR_WRITE_TIMEOUT_MS, type TransactionCoordinatorCore } from './coordinator-core';
import { splitPartitionKey, type TransactionMetadata } from './transaction-metadata';

/** Delay before retrying a marker whose partition had no reachable leader, ms. */
export const MARKER_RETRY_BACKOFF_MS = 100;

/** Writes the markers of a transaction in PrepareCommit/PrepareAbort, then its Complete* state. */
export function sendMarkers(c: TransactionCoordinatorCore, txn: TransactionMetadata): void {
  const commit = txn.state === 'PrepareCommit';
  const producerId = txn.producerId;
  const producerEpoch = txn.producerEpoch;
  const coordinatorEpoch = c.coordinatorEpochOf(txn.transactionalId);
  const remaining = new Set(txn.partitions);
  const finish = (): void => {
    if (!c.isLive(txn) || txn.state !== (commit ? 'PrepareCommit' : 'PrepareAbort')) return;
    const partitions = txn.partitions.size;
    const next: TransactionMetadata = { ...txn, state: commit ? 'CompleteCommit' : 'CompleteAbort', partitions: new Set(), lastUpdateTimeMs: c.now() };
    c.persist(txn, next, (errorName) => {
      if (errorName !== 'NONE') {
        // Leadership moved: the new coordinator loads PrepareCommit/PrepareAbort and resends the markers.
        if (c.isLive(txn)) c.startTimer(MARKER_RETRY_BACKOFF_MS, 'txn-complete-retry', finish);
        return;
      }
      const base = { transactionalId: txn.transactionalId, producerId, producerEpoch, partitions };
      if (commit) c.emit({ type: 'transaction-committed', ...base });
      else c.emit({ type: 'transaction-aborted', ...base, reason: txn.abortReason });
    });
  };
  const write = (key: string): void => {
    if (!c.isLive(txn)) return;
    const { topic, partition } = splitPartitionKey(key);
    const leader = c.host.leaderOf(topic, partition);
    if (leader < 0) {
      // No such partition (topic deleted, or a partition id a stored state names that never existed):
      // Kafka's TransactionMarkerChannelManager skips the marker of an unknown partition.
      const count = c.host.partitionCount(topic);
      if (count === null || !Number.isInteger(partition) || partition < 0 || partition >= count) return done(key);
      c.startTimer(MARKER_RETRY_BACKOFF_MS, 'txn-marker-retry', () => write(key));
      return;
    }
    const now = c.now();
    const batch = encodeControlBatch({ type: commit ? 'commit' : 'abort', coordinatorEpoch, producerId, producerEpoch, baseOffset: 0, partitionLeaderEpoch: -1, timestamp: now });
    c.host.appendAsCoordinator(leader, topic, partition, batch, -1, COORDINATOR_WRITE_TIMEOUT_MS, (r) => {
      if (r.errorName === 'NONE') {
        c.onMarkerWritten(leader, topic, partition, producerId, commit);
        return done(key);
      }
      // A deleted topic needs no marker (Kafka drops markers for unknown partitions).
      if (r.errorName === 'UNKNOWN_TOPIC_OR_PARTITION' && c.host.partitionCount(topic) === null) return done(key);
      c.startTimer(MARKER_RETRY_BACKOFF_MS, 'txn-marker-retry', () => write(key));
    });
  };
  const done = (key: string): void => {
    remaining.delete(key);
    if (remaining.size === 0) finish();
  };
  if (remaining.size === 0) return finish();
  for (const key of [...remaining].sort()) write(key);
}
