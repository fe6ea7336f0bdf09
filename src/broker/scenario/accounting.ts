/**
 * The engine's accounting: which record ids a topic's final logs hold (committed view, as a
 * read_committed consumer would see them: transactional data counts once its COMMIT marker is
 * there; aborted and still-open transactions do not), and the per-producer and per-lane counts
 * of lost and duplicated ids. A partition's log is its leader's; an offline partition is read
 * from its first live in-sync replica (what a clean election would pick).
 */
import { SCENARIO_ID_LIST_CAP, type ScenarioLaneCounters, type ScenarioProducerCounters } from '../../shared/scenario-view';
import type { ScenarioLane } from '../../shared/scenario-format';
import { tpKey } from '../cluster/metadata';
import { decodeRecordBatch, readBatchHeader } from '../protocol/records';
import type { EngineContext } from './context';
import type { GroupRecorder } from './member';
import type { SimProducer } from './producer';

/** Control record key: version int16, type int16 (0 ABORT, 1 COMMIT). */
function isCommitMarker(buffer: Buffer): boolean {
  const key = decodeRecordBatch(buffer).records[0]?.key;
  return !!key && key.length >= 4 && key.readInt16BE(2) === 1;
}

/** id → times present in the topic's final logs (committed view). */
export function idsInTopic(ctx: EngineContext, topic: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  const state = ctx.cluster.core.controller.topics.get(topic);
  for (const p of state?.partitions ?? []) {
    const candidates = p.leader >= 0 ? [p.leader] : p.isr;
    const holder = candidates.find((b) => ctx.cluster.core.broker(b)?.replicas.has(tpKey(topic, p.partition)));
    const log = holder === undefined ? null : ctx.cluster.core.broker(holder)!.replicas.get(tpKey(topic, p.partition))!.log;
    if (!log) continue;
    const open = new Map<number, string[]>();
    for (const b of log.allBatches()) {
      const h = readBatchHeader(b.buffer);
      if (h.isControl) {
        const ids = open.get(h.producerId) ?? [];
        open.delete(h.producerId);
        if (isCommitMarker(b.buffer)) ids.forEach(add);
        continue;
      }
      const ids = decodeRecordBatch(b.buffer).records.map((r) => (r.value?.toString() ?? '').replace(/\.+$/, ''));
      if (h.isTransactional) open.set(h.producerId, [...(open.get(h.producerId) ?? []), ...ids]);
      else ids.forEach(add);
    }
  }
  return counts;
}

function capped(ids: Iterable<string>): { count: number; ids: string[] } {
  const all = [...ids];
  return { count: all.length, ids: all.slice(0, SCENARIO_ID_LIST_CAP) };
}

export function producerCounters(p: SimProducer, inLog: Map<string, number>): ScenarioProducerCounters {
  const lost = capped(p.acknowledged.filter((a) => !inLog.has(a.id)).map((a) => a.id));
  const prefix = `${p.spec.name}-`;
  const duplicated = capped([...inLog].filter(([id, n]) => n > 1 && id.startsWith(prefix) && /^\d+$/.test(id.slice(prefix.length))).map(([id]) => id));
  return {
    name: p.spec.name, topic: p.spec.topic, acks: p.acks, idempotent: p.idempotent, transactional: p.spec.transactionalId !== undefined, state: p.state,
    sent: p.sent, acknowledged: p.acknowledged.length, failed: Object.fromEntries(p.failed),
    lost: lost.count, lostIds: lost.ids, duplicated: duplicated.count, duplicatedIds: duplicated.ids,
    transactionsCommitted: p.transactionsCommitted, transactionsAborted: p.transactionsAborted,
  };
}

/**
 * A lane's counts. With a group: processed = ids its members finished processing (transactional:
 * committed output records, `outputIds`); lost = acknowledged input never processed; duplicated =
 * processed more than once. Without: the producer's own counts against the log.
 */
export function laneCounters(lane: ScenarioLane, producer: SimProducer, producerView: ScenarioProducerCounters, recorder: GroupRecorder | null, outputIds: Map<string, number> | null): ScenarioLaneCounters {
  const base = { name: lane.name, title: lane.title, producer: lane.producer, group: lane.group ?? null, input: producer.acknowledged.length };
  if (!recorder) {
    return { ...base, processed: producerView.acknowledged - producerView.lost, lost: producerView.lost, lostIds: producerView.lostIds, duplicated: producerView.duplicated, duplicatedIds: producerView.duplicatedIds };
  }
  const processed = outputIds ?? recorder.processed;
  const lost = capped(producer.acknowledged.filter((a) => !processed.has(a.id)).map((a) => a.id));
  const duplicated = capped([...processed].filter(([id, n]) => n > 1 && id.startsWith(`${lane.producer}-`)).map(([id]) => id));
  const processedCount = [...processed.keys()].filter((id) => id.startsWith(`${lane.producer}-`)).length;
  return { ...base, processed: processedCount, lost: lost.count, lostIds: lost.ids, duplicated: duplicated.count, duplicatedIds: duplicated.ids };
}
