/**
 * The timeline's lines: events worth narrating one by one, and the rest folded into one
 * expandable line per cause. A broker failure moves the leadership of most of
 * `__consumer_offsets`' 50 partitions (Kafka's offsets.topic.num.partitions) and shrinks their
 * ISRs; listed one by one they bury the three lines about the user's own topic. So events of
 * internal topics (and routine events, when shown) that share a cause — the same kind of change,
 * on the same topic or group, for the same reason, close together in time — become one line
 * ("17 __consumer_offsets partitions: leader moved to broker 1 (9) and broker 3 (8) after a broker
 * failure"), placed where the burst began and below the user-topic lines of the same instant.
 */
import type { ClusterEvent } from '../../../shared';
import { isInternalTopic, isRoutineEvent } from '../../../shared/event-significance';
import { eventCategory, type EventCategory } from '../../store/events-slice';
import { describeEvent, eventTone } from './event-text';

export interface TimelineFilter {
  text: string;
  category: EventCategory;
  /** Show routine events (shared/event-significance.ts), folded per topic or group. */
  showRoutine: boolean;
}

export type Tone = ReturnType<typeof eventTone>;

export type TimelineLine =
  | { kind: 'event'; key: string; event: ClusterEvent; text: string; tone: Tone }
  | { kind: 'fold'; key: string; text: string; tone: Tone; timeMs: number; events: ClusterEvent[] };

/** A fold takes an event of its cause that comes within this long of its previous one… */
export const foldGapMs = 5000;
/** …and no later than this after its first one (a steady stream of commits is one line per half minute). */
export const foldSpanMs = 30_000;

/** The cause an event is folded under, or null for an event that stands alone. */
export function foldCause(e: ClusterEvent): string | null {
  switch (e.type) {
    case 'leader-elected': return isInternalTopic(e.topic) ? `leader|${e.topic}|${e.reason}` : null;
    case 'isr-shrunk': return isInternalTopic(e.topic) ? `isr-shrunk|${e.topic}|${e.removed.join(',')}` : null;
    case 'isr-expanded': return isInternalTopic(e.topic) ? `isr-expanded|${e.topic}|${e.added.join(',')}` : null;
    case 'partition-offline':
    case 'log-truncated':
    case 'reassignment-started':
    case 'partition-reassigned':
      return isInternalTopic(e.topic) ? `${e.type}|${e.topic}` : null;
    case 'high-watermark-advanced':
    case 'segment-rolled':
    case 'log-start-offset-advanced':
      return `${e.type}|${e.topic}`;
    case 'log-recovered':
      return e.truncatedBytes === 0 ? `${e.type}|${e.topic}` : null;
    case 'group-coordinator-loaded':
    case 'group-coordinator-unloaded':
    case 'transaction-coordinator-loaded':
      return `${e.type}|${e.brokerId}`;
    case 'offsets-committed': return `${e.type}|${e.groupId}|${e.transactional}`;
    // One rebalance's steps (JoinGroup → SyncGroup → Stable) are one line; why it began (a member
    // left, was evicted) stays a line of its own.
    case 'group-state-changed':
    case 'group-rebalance-started':
    case 'group-member-joined':
    case 'group-stabilized':
      return `rebalance|${e.groupId}`;
    default: return null;
  }
}

const reasonWords: Record<string, string> = {
  'broker-failure': 'after a broker failure',
  'controlled-shutdown': 'after a controlled shutdown',
  preferred: 'by preferred leader election',
  reassignment: 'by reassignment',
  initial: 'at creation',
  unclean: 'by UNCLEAN election',
};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "broker 1 (9) and broker 3 (8)": how many partitions went to which broker. */
function distribution(ids: number[]): string {
  const counts = new Map<number, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const parts = [...counts].sort((a, b) => a[0] - b[0]).map(([id, n]) => (counts.size === 1 ? `broker ${id}` : `broker ${id} (${n})`));
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

const distinctPartitions = (events: ClusterEvent[]) => new Set(events.map((e) => ('partition' in e ? e.partition : -1))).size;

/** The one line a fold shows: what happened, to how many partitions, why. */
export function describeFold(events: ClusterEvent[]): string {
  const first = events[0]!;
  const n = distinctPartitions(events);
  if ('groupId' in first && rebalanceSteps.has(first.type)) return describeRebalance(first.groupId, events);
  switch (first.type) {
    case 'leader-elected': {
      const leaders = (events as Extract<ClusterEvent, { type: 'leader-elected' }>[]).map((e) => e.leader);
      const epochs = events.map((e) => (e as { leaderEpoch: number }).leaderEpoch);
      const epochText = Math.min(...epochs) === Math.max(...epochs) ? `leaderEpoch ${epochs[0]}` : `leaderEpochs ${Math.min(...epochs)}–${Math.max(...epochs)}`;
      return `${plural(n, `${first.topic} partition`)}: leader moved to ${distribution(leaders)} ${reasonWords[first.reason] ?? first.reason} (${epochText})`;
    }
    case 'isr-shrunk': return `${plural(n, `${first.topic} partition`)}: ISR shrank, removed [${first.removed.join(',')}]`;
    case 'isr-expanded': return `${plural(n, `${first.topic} partition`)}: ISR expanded, added [${first.added.join(',')}] (caught up)`;
    case 'partition-offline': return `${plural(n, `${first.topic} partition`)} OFFLINE: no in-sync replica can lead`;
    case 'log-truncated': return `${plural(n, `${first.topic} partition`)}: replica logs truncated`;
    case 'reassignment-started': return `${plural(n, `${first.topic} partition`)}: reassignment started`;
    case 'partition-reassigned': return `${plural(n, `${first.topic} partition`)} reassigned`;
    case 'high-watermark-advanced': return `${first.topic}: highWatermark moved ${plural(events.length, 'time')} on ${plural(n, 'partition')}, latest → ${(events[events.length - 1] as { highWatermark: number }).highWatermark}`;
    case 'segment-rolled': return `${first.topic}: ${plural(events.length, 'segment')} rolled on ${plural(n, 'partition')}`;
    case 'log-recovered': return `${first.topic}: ${plural(events.length, 'replica log')} recovered from disk on ${plural(n, 'partition')}`;
    case 'log-start-offset-advanced': return `${first.topic}: logStartOffset advanced on ${plural(n, 'partition')}`;
    case 'group-coordinator-loaded': {
      const loads = events as Extract<ClusterEvent, { type: 'group-coordinator-loaded' }>[];
      const groups = loads.reduce((s, e) => s + e.groups, 0);
      const offsets = loads.reduce((s, e) => s + e.offsets, 0);
      return `broker ${first.brokerId} now coordinates ${plural(n, '__consumer_offsets partition')} (loaded ${plural(groups, 'group')}, ${plural(offsets, 'offset')})`;
    }
    case 'group-coordinator-unloaded': {
      const groups = events.reduce((s, e) => s + (e as { groups: number }).groups, 0);
      return `broker ${first.brokerId} stopped coordinating ${plural(n, '__consumer_offsets partition')} (${plural(groups, 'group')})`;
    }
    case 'transaction-coordinator-loaded': {
      const ids = events.reduce((s, e) => s + (e as { transactionalIds: number }).transactionalIds, 0);
      return `broker ${first.brokerId} now coordinates ${plural(n, '__transaction_state partition')} (${plural(ids, 'transactional id')})`;
    }
    case 'offsets-committed': {
      const commits = events as Extract<ClusterEvent, { type: 'offsets-committed' }>[];
      const requests = commits.reduce((s, e) => s + e.commits, 0);
      const partitions = Math.max(...commits.map((e) => e.partitions));
      const seconds = Math.max(1, Math.round((commits[commits.length - 1]!.timeMs - commits[0]!.timeMs) / 1000) + 1);
      return `group ${first.groupId}: ${plural(requests, first.transactional ? 'transactional offset commit' : 'offset commit')} in ${seconds} s, up to ${plural(partitions, 'partition')} each`;
    }
    default: return `${events.length} × ${describeEvent(first)}`;
  }
}

const rebalanceSteps = new Set<ClusterEvent['type']>(['group-state-changed', 'group-rebalance-started', 'group-member-joined', 'group-stabilized']);

/** "group g: rebalance, generation 3 Stable with 2 members (2 joined)": where the steps ended. */
function describeRebalance(groupId: string, events: ClusterEvent[]): string {
  let state = '';
  let generationId = -1;
  let members: number | null = null;
  let joined = 0;
  let reason = '';
  for (const e of events) {
    if (e.type === 'group-state-changed') ({ to: state, generationId } = e);
    else if (e.type === 'group-stabilized') ({ generationId, members: { length: members } } = e);
    else if (e.type === 'group-member-joined') joined++;
    else if (e.type === 'group-rebalance-started' && !reason) reason = e.reason;
  }
  const parts = [`group ${groupId}: rebalance${reason ? ` (${reason})` : ''}`, `generation ${generationId}${state ? ` ${state}` : ''}`];
  // The member count of SyncGroup holds while the group is Stable; an Empty group has none.
  if (members !== null && (state === '' || state === 'Stable')) parts.push(`${plural(members, 'member')}`);
  if (joined > 0) parts.push(`${joined} joined`);
  return parts.join(', ');
}

const toneRank: Record<Tone, number> = { bad: 3, warn: 2, good: 1, plain: 0 };

function foldTone(events: ClusterEvent[]): Tone {
  let tone: Tone = 'plain';
  for (const e of events) {
    const t = eventTone(e);
    if (toneRank[t] > toneRank[tone]) tone = t;
  }
  return tone;
}

/** broker-fenced says how long after the broker stopped the controller noticed (broker.session.timeout.ms). */
function withContext(e: ClusterEvent, text: string, stoppedAt: Map<number, number>): string {
  if (e.type !== 'broker-fenced') return text;
  const at = stoppedAt.get(e.brokerId);
  return at === undefined ? text : `${text} (${((e.timeMs - at) / 1000).toFixed(1)} s after it stopped)`;
}

interface OpenFold { cause: string; events: ClusterEvent[] }

/** Events never change once emitted: each one's line is worded once, not on every push. */
const texts = new WeakMap<ClusterEvent, string>();
function textOf(e: ClusterEvent): string {
  let text = texts.get(e);
  if (text === undefined) texts.set(e, (text = describeEvent(e)));
  return text;
}

/**
 * Pure: the timeline's lines, newest first, for `events` (oldest first); within one instant,
 * user-topic lines on top of the folds (burstRank). A fold of one event is shown
 * as that event. The text filter keeps a fold whole when its summary matches, else the members
 * that match (and the summary counts only those).
 */
export function timelineLines(events: readonly ClusterEvent[], filter: TimelineFilter): TimelineLine[] {
  const needle = filter.text.trim().toLowerCase();
  const groups: (ClusterEvent | OpenFold)[] = [];
  const open = new Map<string, OpenFold>();
  const stoppedAt = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'broker-stopped') stoppedAt.set(e.brokerId, e.timeMs);
    if (!filter.showRoutine && isRoutineEvent(e)) continue;
    if (filter.category !== 'all' && eventCategory(e) !== filter.category) continue;
    const cause = foldCause(e);
    if (cause === null) {
      groups.push(e);
      continue;
    }
    const fold = open.get(cause);
    const last = fold?.events[fold.events.length - 1];
    if (fold && last && e.timeMs - last.timeMs <= foldGapMs && e.timeMs - fold.events[0]!.timeMs <= foldSpanMs) {
      fold.events.push(e);
    } else {
      const next = { cause, events: [e] };
      open.set(cause, next);
      groups.push(next);
    }
  }
  const lines: TimelineLine[] = [];
  const single = (e: ClusterEvent): TimelineLine => ({ kind: 'event', key: `e${e.seq}`, event: e, text: withContext(e, textOf(e), stoppedAt), tone: eventTone(e) });
  for (const g of groups) {
    if (!('cause' in g)) {
      const line = single(g);
      if (!needle || line.text.toLowerCase().includes(needle)) lines.push(line);
      continue;
    }
    let members = g.events;
    let text = describeFold(members);
    if (needle && !text.toLowerCase().includes(needle)) {
      members = members.filter((e) => textOf(e).toLowerCase().includes(needle));
      if (members.length === 0) continue;
      text = describeFold(members);
    }
    if (members.length === 1) lines.push(single(members[0]!));
    else lines.push({ kind: 'fold', key: `f${members[0]!.seq}|${g.cause}`, text, tone: foldTone(members), timeMs: members[0]!.timeMs, events: members });
  }
  const anchor = (l: TimelineLine) => (l.kind === 'event' ? l.event : l.events[0]!);
  return lines.sort((a, b) => anchor(b).timeMs - anchor(a).timeMs || burstRank(b) - burstRank(a) || anchor(b).seq - anchor(a).seq);
}

/**
 * Order within one instant, top first: the user's partitions (what the story is about), then
 * the folded internal moves, then the rest (the broker fenced, a coordinator moved), which is
 * usually the cause and so reads first from the bottom up.
 */
function burstRank(line: TimelineLine): number {
  if (line.kind === 'fold') return 1;
  return 'topic' in line.event && 'partition' in line.event && !isInternalTopic(line.event.topic) ? 2 : 0;
}

/** The events of a fold as lines, newest first (what expanding it shows). */
export function foldMembers(fold: Extract<TimelineLine, { kind: 'fold' }>): TimelineLine[] {
  return [...fold.events].reverse().map((e) => ({ kind: 'event', key: `e${e.seq}`, event: e, text: textOf(e), tone: eventTone(e) }));
}

/** What `significantEvents` remembers between calls. */
export interface SignificantCache { source: readonly ClusterEvent[]; result: ClusterEvent[] }

/**
 * The significant events of `events`, as the same array (same identity) as the previous call
 * when only routine events were appended since: a busy producer's highWatermark moves arrive with
 * every push, and must not make the timeline fold thousands of events again 4 times a second.
 * Only the appended tail is scanned when the previous list is a prefix of this one; any other
 * change (the oldest dropped, history merged in) rebuilds.
 */
export function significantEvents(events: readonly ClusterEvent[], cache: SignificantCache | null): SignificantCache {
  if (cache && cache.source === events) return cache;
  const previous = cache?.source;
  const isPrefix = previous !== undefined && previous.length > 0 && events.length >= previous.length
    && events[0] === previous[0] && events[previous.length - 1] === previous[previous.length - 1];
  if (!isPrefix) return { source: events, result: events.filter((e) => !isRoutineEvent(e)) };
  let added: ClusterEvent[] | null = null;
  for (let i = previous.length; i < events.length; i++) if (!isRoutineEvent(events[i]!)) (added ??= []).push(events[i]!);
  return { source: events, result: added ? cache!.result.concat(added) : cache!.result };
}
