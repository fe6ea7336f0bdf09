/**
 * Helpers for tests, scenarios, the swarm and the benchmark: real record batches (encoded with the
 * records module), a produce call that returns the first partition's result, and the readable
 * event log.
 */
import { SIM_EPOCH_MS } from '../sim/clock';
import { encodeRecordBatch } from '../protocol/records/index';
import type { ProducePartitionResult, ProduceRequest } from './api';
import type { SimCluster } from './cluster';
import { formatEvent } from './events/format-event';

export interface BatchOptions {
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
  timestamp?: number;
}

/** One batch of string-valued records (value null = tombstone). */
export function batchOf(records: { key?: string | null; value: string | null; timestamp?: number }[], opts: BatchOptions = {}): Buffer {
  return encodeRecordBatch({
    producerId: opts.producerId,
    producerEpoch: opts.producerEpoch,
    baseSequence: opts.baseSequence,
    records: records.map((r) => ({
      key: r.key === undefined || r.key === null ? null : Buffer.from(r.key),
      value: r.value === null ? null : Buffer.from(r.value),
      timestamp: r.timestamp ?? opts.timestamp,
    })),
  });
}

/** Produces one batch to one partition; the result arrives through the returned holder (acks=all completes later). */
export function produceOne(cluster: SimCluster, brokerId: number, topic: string, partition: number, batch: Buffer, acks: -1 | 0 | 1 = -1, timeoutMs = 30_000): { result: ProducePartitionResult | null } {
  const holder: { result: ProducePartitionResult | null } = { result: null };
  const req: ProduceRequest = { acks, timeoutMs, topics: [{ topic, partitions: [{ partition, records: batch }] }] };
  cluster.produce(brokerId, req, (r) => {
    holder.result = r.topics[0]!.partitions[0]!;
  });
  return holder;
}

/** The readable event log, one line per event, times relative to the start; optional type filter. */
export function eventLines(cluster: SimCluster, types?: string[]): string[] {
  const start = cluster.options.startTimeMs ?? SIM_EPOCH_MS;
  return cluster.events.filter((e) => !types || types.includes(e.type)).map((e) => formatEvent(e, start));
}

/** Current leader of a partition per the controller. */
export function leaderOf(cluster: SimCluster, topic: string, partition: number): number {
  return cluster.core.controller.topics.get(topic)?.partitions[partition]?.leader ?? -1;
}

/** Advances simulated time by ms. */
export function advance(cluster: SimCluster, ms: number): void {
  cluster.runUntil(cluster.now() + ms);
}
