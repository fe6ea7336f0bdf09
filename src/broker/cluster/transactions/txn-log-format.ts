/**
 * The records of `__transaction_state`, byte-compatible with Apache Kafka
 * (transaction-coordinator/src/main/resources/common/message/TransactionLogKey.json / Value.json).
 * Key = [int16 version 0][transactionalId string]. Value v0 (non-flexible):
 *   producerId int64, producerEpoch int16, transactionTimeoutMs int32, transactionStatus int8,
 *   transactionPartitions nullable [topic string, partitionIds [int32]] (null while Empty),
 *   transactionLastUpdateTimestampMs int64, transactionStartTimestampMs int64.
 * A null value is a tombstone (transactional id expired). Value v1 (flexible, KIP-890 tagged
 * fields) is not written here (no transaction v2) and is reported as unsupported when read.
 * Status bytes follow Kafka's TransactionState ids.
 */
import type { TransactionStateName } from '../../../shared/cluster-view';
import { BinaryReader, BinaryWriter, SchemaError } from '../groups/binary';

export const TRANSACTION_LOG_KEY_VERSION = 0;
export const TRANSACTION_LOG_VALUE_VERSION = 0;

export const TRANSACTION_STATUS_IDS: Record<TransactionStateName, number> = {
  Empty: 0, Ongoing: 1, PrepareCommit: 2, PrepareAbort: 3, CompleteCommit: 4, CompleteAbort: 5, Dead: 6, PrepareEpochFence: 7,
};

const STATUS_BY_ID = new Map(Object.entries(TRANSACTION_STATUS_IDS).map(([name, id]) => [id, name as TransactionStateName]));

export interface TransactionLogValue {
  producerId: number;
  producerEpoch: number;
  transactionTimeoutMs: number;
  transactionStatus: TransactionStateName;
  /** null while Empty. */
  transactionPartitions: { topic: string; partitionIds: number[] }[] | null;
  transactionLastUpdateTimestampMs: number;
  transactionStartTimestampMs: number;
}

export function encodeTransactionLogKey(transactionalId: string): Buffer {
  return new BinaryWriter().int16(TRANSACTION_LOG_KEY_VERSION).string(transactionalId).toBuffer();
}

/** @returns the transactionalId, or null for key versions this coordinator does not know. */
export function decodeTransactionLogKey(key: Buffer): string | null {
  const r = new BinaryReader(key);
  const version = r.int16();
  return version === 0 ? r.string() : null;
}

export function encodeTransactionLogValue(v: TransactionLogValue): Buffer {
  return new BinaryWriter()
    .int16(TRANSACTION_LOG_VALUE_VERSION)
    .int64(v.producerId)
    .int16(v.producerEpoch)
    .int32(v.transactionTimeoutMs)
    .int8(TRANSACTION_STATUS_IDS[v.transactionStatus])
    .array(v.transactionPartitions, (w, t) => { w.string(t.topic).array(t.partitionIds, (x, p) => x.int32(p)); })
    .int64(v.transactionLastUpdateTimestampMs)
    .int64(v.transactionStartTimestampMs)
    .toBuffer();
}

/** @throws SchemaError for truncated values, value versions other than 0 or unknown status bytes. */
export function decodeTransactionLogValue(value: Buffer): TransactionLogValue {
  const r = new BinaryReader(value);
  const version = r.int16();
  if (version !== 0) throw new SchemaError(`TransactionLogValue version ${version} is not supported`);
  const producerId = r.int64();
  const producerEpoch = r.int16();
  const transactionTimeoutMs = r.int32();
  const statusId = r.int8();
  const transactionStatus = STATUS_BY_ID.get(statusId);
  if (transactionStatus === undefined) throw new SchemaError(`unknown transaction status ${statusId}`);
  const transactionPartitions = r.array((x) => ({ topic: x.string(), partitionIds: x.array((y) => y.int32()) ?? [] }));
  return {
    producerId, producerEpoch, transactionTimeoutMs, transactionStatus, transactionPartitions,
    transactionLastUpdateTimestampMs: r.int64(), transactionStartTimestampMs: r.int64(),
  };
}
