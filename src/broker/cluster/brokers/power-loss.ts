/**
 * The "power loss" fault (issue 15): a broker's machine loses power. The process dies as in a kill
 * (no controlled shutdown, no flush), and the OS page cache goes with it, so each of the broker's
 * replica logs keeps only what was fsynced: the batches below its recoveryPoint (../log/flush.ts).
 * On disk storage the segment files are cut to match (LogSegment.truncateTo, indexes rebuilt).
 * A restart then recovers from what is left and catches up from the leader, truncating by leader
 * epoch as on any restart. The KRaft metadata log is not touched: Kafka's Raft log is fsynced
 * before a write is acknowledged (KafkaRaftClient flushes its log on append).
 *
 * Records are reported `records-lost` (reason 'power-loss') only when no other replica holds them
 * and a client was told they exist (../replication/acknowledged.ts): with RF=1, or an acks=1 leader
 * whose followers had not fetched them yet. With acks=all and the ISR on other brokers, every
 * acknowledged record is on another replica's log, so nothing acknowledged is lost — which is why
 * Kafka relies on replication rather than fsync (TopicConfig's flush.messages documentation).
 */
import type { ClusterCore } from '../core';
import { tpKey } from '../metadata';
import { acknowledgedAmong, acknowledgedRanges, forgetAcknowledgedFrom } from '../replication/acknowledged';
import type { Replica } from '../replication/replica';
import type { Broker } from './broker';
import { stopBroker } from './lifecycle';

/** Stops `broker` as a crash and drops every replica's unflushed tail. The broker must be running. */
export function powerLossBroker(core: ClusterCore, broker: Broker): void {
  stopBroker(core, broker, false, true);
  for (const r of [...broker.replicas.values()].sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition)) dropUnflushed(core, broker, r);
}

function dropUnflushed(core: ClusterCore, broker: Broker, r: Replica): void {
  const log = r.log;
  const flushedOffset = log.recoveryPoint;
  const fromLogEndOffset = log.logEndOffset;
  if (fromLogEndOffset <= flushedOffset) return;
  // What the rest of the cluster still holds, read before this replica's tail goes.
  const key = tpKey(r.topic, r.partition);
  let othersEnd = -1;
  let committedEnd = r.highWatermark;
  for (const other of core.brokers.values()) {
    if (other === broker) continue;
    const o = other.replicas.get(key);
    if (!o) continue;
    othersEnd = Math.max(othersEnd, o.log.logEndOffset);
    committedEnd = Math.max(committedEnd, o.highWatermark);
  }
  const ranges = acknowledgedRanges(core, r.topic, r.partition);
  const removed = log.truncateTo(flushedOffset, core.now());
  let count = 0;
  for (const b of removed) count += b.recordCount;
  if (r.highWatermark > log.logEndOffset) r.highWatermark = log.logEndOffset;
  r.producers.rebuild(log.allBatches());
  core.emit({ type: 'unflushed-records-dropped', topic: r.topic, partition: r.partition, brokerId: broker.brokerId, flushedOffset, fromLogEndOffset, count });
  const lost = acknowledgedAmong(removed, Math.max(log.logEndOffset, othersEnd), committedEnd, ranges);
  if (lost.count > 0) core.emit({ type: 'records-lost', topic: r.topic, partition: r.partition, fromOffset: lost.firstOffset, toOffset: lost.endOffset, count: lost.count, reason: 'power-loss' });
  forgetAcknowledgedFrom(r, log.logEndOffset);
}
