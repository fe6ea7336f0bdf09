/**
 * `kafka-consumer-groups --reset-offsets`: Kafka's GroupOffsetsResetter / OffsetsUtils
 * (org.apache.kafka.tools.OffsetsUtils). Scope: --all-topics (every partition the group has
 * committed) or --topic t / t:0,1. Scenario: --to-earliest, --to-latest, --to-current,
 * --to-offset N, --shift-by N, --to-datetime YYYY-MM-DDTHH:mm:SS.sss[±hh:mm|Z], --by-duration
 * PnDTnHnMnS; offsets outside [logStartOffset, logEndOffset] are moved to the nearest end, as
 * Kafka does. --dry-run is the default; --execute commits. Only an inactive (Empty or Dead) group is
 * reset, else Kafka's `Error: Assignments can only be reset if the group 'g' is inactive, but the
 * current state is Stable.` Prints `GROUP TOPIC PARTITION NEW-OFFSET`.
 */
import type { Admin } from 'kafkajs';
import type { ToolIo } from './io';
import { left } from './io';
import { committedOffsets, topicOffsets } from './group-queries';
import { UsageError, type OptionSpec, type ParsedOptions } from './options';

export const RESET_SPECS: OptionSpec[] = [
  { name: 'reset-offsets', description: 'Reset offsets of consumer group. Supports one consumer group at the time, and instances should be inactive. Has 2 execution options: --dry-run (the default) to plan which offsets to reset, and --execute to update the offsets.' },
  { name: 'dry-run', description: 'Only show results without executing changes on Consumer Groups. Supported operations: reset-offsets.' },
  { name: 'execute', description: 'Execute operation. Supported operations: reset-offsets.' },
  { name: 'topic', arg: 'String: topic', description: "The topic whose consumer group information should be deleted or topic whose should be included in the reset offset process. In `reset-offsets` case, partitions can be specified using this format: `topic1:0,1,2`, where 0,1,2 are the partition to be included in the process." },
  { name: 'all-topics', description: 'Consider all topics assigned to a group in the `reset-offsets` process.' },
  { name: 'to-earliest', description: 'Reset offsets to earliest offset.' },
  { name: 'to-latest', description: 'Reset offsets to latest offset.' },
  { name: 'to-current', description: 'Reset offsets to current offset.' },
  { name: 'to-offset', arg: 'Long: offset', description: 'Reset offsets to a specific offset.' },
  { name: 'shift-by', arg: 'Long: number-of-offsets', description: "Reset offsets shifting current offset by 'n', where 'n' can be positive or negative." },
  { name: 'to-datetime', arg: 'String: datetime', description: "Reset offsets to offset from datetime. Format: 'YYYY-MM-DDTHH:mm:SS.sss'" },
  { name: 'by-duration', arg: 'String: duration', description: "Reset offsets to offset by duration from current timestamp. Format: 'PnDTnHnMnS'" },
];

const SCENARIOS = ['to-earliest', 'to-latest', 'to-current', 'to-offset', 'shift-by', 'to-datetime', 'by-duration'];

/** Kafka's Utils.getDateTime: `YYYY-MM-DDTHH:mm:SS[.sss]` with an optional zone (`Z`, `+hh:mm`); no zone is local time. */
export function parseDateTime(text: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?)(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  const ms = m ? Date.parse(m[1]! + (m[2] ?? '')) : NaN;
  if (!Number.isFinite(ms)) throw new UsageError(`Error parsing timestamp '${text}': expected yyyy-MM-dd'T'HH:mm:ss.SSS with an optional zone (Z or +hh:mm)`);
  return ms;
}

/** ISO-8601 `PnDTnHnMnS` (java.time.Duration.parse) in ms. */
export function parseDuration(text: string): number {
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(text.trim());
  if (!m || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) throw new UsageError(`Error parsing duration '${text}': expected PnDTnHnMnS`);
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000 + Number(m[4] ?? 0) * 1000;
}

interface Target { topic: string; partition: number }

async function partitionsToReset(admin: Admin, groupId: string, options: ParsedOptions): Promise<Target[]> {
  if (options.has('all-topics')) return [...(await committedOffsets(admin, groupId)).values()].map(({ topic, partition }) => ({ topic, partition }));
  const targets: Target[] = [];
  for (const spec of options.values('topic')) {
    const colon = spec.indexOf(':');
    if (colon >= 0) {
      targets.push(...spec.slice(colon + 1).split(',').map((p) => ({ topic: spec.slice(0, colon), partition: Number(p.trim()) })));
    } else {
      const { topics } = await admin.fetchTopicMetadata({ topics: [spec] });
      targets.push(...(topics[0]?.partitions ?? []).map((p) => ({ topic: spec, partition: p.partitionId })));
    }
  }
  return targets.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
}

export async function resetOffsets(admin: Admin, groupIds: string[], options: ParsedOptions, io: ToolIo): Promise<number> {
  if (!options.has('all-topics') && !options.has('topic')) throw new UsageError('One of the reset scopes should be defined: --all-topics, --topic.');
  const scenarios = SCENARIOS.filter((s) => options.has(s));
  if (scenarios.length !== 1) throw new UsageError(`Option [reset-offsets] takes exactly one of these options: ${SCENARIOS.map((s) => `[${s}]`).join(', ')}`);
  if (options.has('dry-run') && options.has('execute')) throw new UsageError('Option [dry-run] can\'t be used with option [execute]');
  const execute = options.has('execute');
  const { groups } = await admin.describeGroups(groupIds);
  const planned = new Map<string, { topic: string; partition: number; offset: string }[]>();
  for (const groupId of groupIds) {
    const state = groups.find((g) => g.groupId === groupId)?.state ?? 'Dead';
    if (state !== 'Empty' && state !== 'Dead') {
      io.out(`\nError: Assignments can only be reset if the group '${groupId}' is inactive, but the current state is ${state}.\n`);
      planned.set(groupId, []);
      continue;
    }
    const targets = await partitionsToReset(admin, groupId, options);
    const committed = await committedOffsets(admin, groupId);
    const ends = await topicOffsets(admin, targets.map((t) => t.topic));
    const clamp = (key: string, offset: bigint): string => {
      const range = ends.get(key);
      if (!range) return offset.toString();
      if (offset < BigInt(range.low)) return range.low;
      if (offset > BigInt(range.high)) return range.high;
      return offset.toString();
    };
    const byTimestamp = new Map<string, string>();
    if (options.has('to-datetime') || options.has('by-duration')) {
      // --by-duration counts back from the real clock, as Kafka's tool does.
      const timestamp = options.has('to-datetime') ? parseDateTime(options.value('to-datetime')!) : Date.now() - parseDuration(options.value('by-duration')!);
      for (const topic of new Set(targets.map((t) => t.topic))) {
        for (const p of await admin.fetchTopicOffsetsByTimestamp(topic, timestamp)) byTimestamp.set(`${topic}:${p.partition}`, p.offset);
      }
    }
    const offsets = targets.map(({ topic, partition }) => {
      const key = `${topic}:${partition}`;
      const range = ends.get(key);
      if (!range) throw new Error(`Error: partition ${key} does not exist`);
      const current = committed.get(key)?.offset;
      let offset: string;
      if (options.has('to-earliest')) offset = range.low;
      else if (options.has('to-latest')) offset = range.high;
      else if (options.has('to-current')) offset = current ?? range.high;
      else if (options.has('to-offset')) offset = clamp(key, BigInt(options.value('to-offset')!));
      else if (options.has('shift-by')) {
        if (current === undefined) throw new Error(`Cannot shift offset for partition ${key} since there is no current committed offset`);
        offset = clamp(key, BigInt(current) + BigInt(options.value('shift-by')!));
      } else {
        const found = byTimestamp.get(key);
        offset = found === undefined || found === '-1' ? range.high : found;
      }
      return { topic, partition, offset };
    });
    if (execute) {
      for (const topic of new Set(offsets.map((o) => o.topic))) {
        await admin.setOffsets({ groupId, topic, partitions: offsets.filter((o) => o.topic === topic).map(({ partition, offset }) => ({ partition, offset })) });
      }
    }
    planned.set(groupId, offsets);
  }
  const all = [...planned].flatMap(([groupId, offsets]) => offsets.map((o) => ({ groupId, ...o })));
  if (planned.size > 0) {
    const gw = Math.max(15, ...[...planned.keys()].map((g) => g.length));
    const tw = Math.max(15, ...all.map((o) => o.topic.length));
    let out = `\n${left('GROUP', gw)} ${left('TOPIC', tw)} ${left('PARTITION', 10)} NEW-OFFSET`;
    for (const o of all) out += `\n${left(o.groupId, gw)} ${left(o.topic, tw)} ${left(o.partition, 10)} ${o.offset}`;
    io.out(`${out}\n`);
  }
  return 0;
}
