/**
 * Expected outcomes: each ScenarioExpectation measured once (at its atMs or the end) and compared
 * with eq / min / max. Partition measures read the active controller's metadata (leader,
 * leaderEpoch, ISR) and the leader replica (highWatermark, logStartOffset); lag is the group's
 * committed offsets against each partition's logEndOffset at its leader, as kafka-consumer-groups
 * --describe shows it.
 */
import type { ScenarioExpectation } from '../../shared/scenario-format';
import { CONSUMER_OFFSETS_TOPIC } from '../cluster/groups/config';
import type { ScenarioExpectationResult, ScenarioLaneCounters, ScenarioProducerCounters } from '../../shared/scenario-view';
import type { EngineContext } from './context';
import type { GroupRecorder } from './member';

export interface MeasureSources {
  ctx: EngineContext;
  producers(): ScenarioProducerCounters[];
  lanes(): ScenarioLaneCounters[];
  recorder(groupId: string): GroupRecorder | undefined;
  groupTopics(groupId: string): string[];
}

export function expectationLabel(e: ScenarioExpectation): string {
  const cmp = [e.eq !== undefined ? `= ${e.eq}` : null, e.min !== undefined ? `≥ ${e.min}` : null, e.max !== undefined ? `≤ ${e.max}` : null].filter(Boolean).join(' and ');
  const at = e.atMs !== undefined ? ` at ${e.atMs} ms` : '';
  const subject = (() => {
    switch (e.check) {
      case 'lost': case 'duplicated': return e.lane !== undefined ? `lane ${e.lane} ${e.check}` : `producer ${e.producer} ${e.check}`;
      case 'acknowledged': return `producer ${e.producer} acknowledged`;
      case 'failed': return `producer ${e.producer} failed${e.errorName ? ` with ${e.errorName}` : ''}`;
      case 'processed': return `lane ${e.lane} processed`;
      case 'leader': return `leader of ${e.topic}-${e.partition}`;
      case 'leader-epoch': return `leaderEpoch of ${e.topic}-${e.partition}`;
      case 'isr': return `ISR size of ${e.topic}-${e.partition}${e.brokers ? ` (and ISR = [${e.brokers.join(',')}])` : ''}`;
      case 'high-watermark': return `highWatermark of ${e.topic}-${e.partition}`;
      case 'log-start-offset': return `logStartOffset of ${e.topic}-${e.partition}`;
      case 'lag': return `lag of group ${e.group}${e.topic ? ` on ${e.topic}` : ''}`;
      case 'committed-offset': return `committed offset of group ${e.group} on ${e.topic}-${e.partition}`;
      case 'error-seen': return `${e.errorName} seen by ${e.client}`;
      case 'rebalances': return `rebalances of group ${e.group}`;
    }
  })();
  return `${subject} ${cmp}${at}`;
}

function partitionState(ctx: EngineContext, topic: string, partition: number) {
  return ctx.cluster.core.controller.topics.get(topic)?.partitions[partition] ?? null;
}

function leaderOffsets(ctx: EngineContext, topic: string, partition: number) {
  const p = partitionState(ctx, topic, partition);
  return p && p.leader >= 0 ? ctx.cluster.services.replicaOffsets(p.leader, topic, partition) : null;
}

/**
 * The group's total lag over `topics`: Σ (logEndOffset − max(committed, 0)). A read: it must not
 * change the model, since the hosts call it (status()) at wall-clock moments a replay does not
 * repeat. FindCoordinator creates __consumer_offsets when it is missing (as Kafka's does), so
 * before that topic exists no group has committed anything and nothing is asked.
 */
export function groupLag(ctx: EngineContext, groupId: string, topics: string[]): number {
  const groups = ctx.coordinators.groups;
  const request = topics.map((t) => ({ name: t, partitionIndexes: Array.from({ length: ctx.partitionCount(t) }, (_, i) => i) }));
  const offsetsTopicExists = ctx.cluster.core.controller.topics.has(CONSUMER_OFFSETS_TOPIC);
  const r = offsetsTopicExists ? groups.offsetFetch(groups.findCoordinator(0, groupId).nodeId, [{ groupId, topics: request }], false)[0] : undefined;
  let lag = 0;
  for (const t of request) for (const partition of t.partitionIndexes) {
    const end = leaderOffsets(ctx, t.name, partition)?.logEndOffset ?? 0;
    const committed = r?.topics.find((x) => x.name === t.name)?.partitions.find((p) => p.partitionIndex === partition)?.committedOffset ?? -1;
    lag += Math.max(0, end - Math.max(committed, 0));
  }
  return lag;
}

function measure(e: ScenarioExpectation, s: MeasureSources): { actual: number | null; actualSet?: number[] } {
  const ctx = s.ctx;
  switch (e.check) {
    case 'lost': case 'duplicated': {
      const row = e.lane !== undefined ? s.lanes().find((l) => l.name === e.lane) : s.producers().find((p) => p.name === e.producer);
      return { actual: row ? row[e.check] : null };
    }
    case 'acknowledged': return { actual: s.producers().find((p) => p.name === e.producer)?.acknowledged ?? null };
    case 'failed': {
      const p = s.producers().find((x) => x.name === e.producer);
      if (!p) return { actual: null };
      return { actual: e.errorName ? p.failed[e.errorName] ?? 0 : Object.values(p.failed).reduce((a, b) => a + b, 0) };
    }
    case 'processed': return { actual: s.lanes().find((l) => l.name === e.lane)?.processed ?? null };
    case 'leader': return { actual: partitionState(ctx, e.topic, e.partition)?.leader ?? null };
    case 'leader-epoch': return { actual: partitionState(ctx, e.topic, e.partition)?.leaderEpoch ?? null };
    case 'isr': {
      const p = partitionState(ctx, e.topic, e.partition);
      return p ? { actual: p.isr.length, actualSet: [...p.isr].sort((a, b) => a - b) } : { actual: null };
    }
    case 'high-watermark': return { actual: leaderOffsets(ctx, e.topic, e.partition)?.highWatermark ?? null };
    case 'log-start-offset': return { actual: leaderOffsets(ctx, e.topic, e.partition)?.logStartOffset ?? null };
    case 'lag': return { actual: groupLag(ctx, e.group, e.topic !== undefined ? [e.topic] : s.groupTopics(e.group)) };
    case 'committed-offset': {
      const groups = ctx.coordinators.groups;
      const r = groups.offsetFetch(groups.findCoordinator(0, e.group).nodeId, [{ groupId: e.group, topics: [{ name: e.topic, partitionIndexes: [e.partition] }] }], false)[0];
      return { actual: r?.topics[0]?.partitions[0]?.committedOffset ?? null };
    }
    case 'error-seen': return { actual: ctx.errorCount(e.client, e.errorName) };
    case 'rebalances': return { actual: Math.max(0, (s.recorder(e.group)?.generations.size ?? 0) - 1) };
  }
}

export function pendingResult(e: ScenarioExpectation): ScenarioExpectationResult {
  return { expectation: e, label: expectationLabel(e), actual: null, passed: false, measuredAtMs: null };
}

export function checkExpectation(e: ScenarioExpectation, s: MeasureSources): ScenarioExpectationResult {
  const { actual, actualSet } = measure(e, s);
  let passed = actual !== null && (e.eq === undefined || actual === e.eq) && (e.min === undefined || actual >= e.min) && (e.max === undefined || actual <= e.max);
  if (e.check === 'isr' && e.brokers && actualSet) passed &&= JSON.stringify([...e.brokers].sort((a, b) => a - b)) === JSON.stringify(actualSet);
  return { expectation: e, label: expectationLabel(e), actual, ...(actualSet ? { actualSet } : {}), passed, measuredAtMs: s.ctx.nowMs() };
}
