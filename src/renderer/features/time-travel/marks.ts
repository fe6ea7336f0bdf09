/**
 * The scrubber's marks: the moments worth stepping to — faults, elections, ISR changes and
 * scenario steps — from the cluster's significant events (the host keeps every one since the
 * cluster started: shared/event-significance.ts).
 */
import type { ClusterEvent } from '../../../shared';

export type MarkKind = 'fault' | 'recovery' | 'election' | 'isr' | 'scenario';

export interface TimelineMark {
  kind: MarkKind;
  timeMs: number;
  seq: number;
  /** One line for the tooltip and the step buttons' announcement. */
  label: string;
}

/** What kind of mark an event makes, or null for events that are no mark (routine, topic admin, groups…). */
export function markKind(event: ClusterEvent): MarkKind | null {
  // Scenario steps (issue 13, h-engine) arrive as events of their own; any type naming them counts.
  if (event.type.startsWith('scenario')) return 'scenario';
  switch (event.type) {
    case 'broker-stopped':
    case 'broker-isolated':
    case 'broker-fenced':
    case 'controller-lost':
    case 'quorum-lost':
    case 'partition-offline':
    case 'records-lost':
    case 'unflushed-records-dropped':
    case 'log-truncated':
      return 'fault';
    case 'link-changed':
      return event.cut || event.lossRate > 0 || event.latencyMs > 1 ? 'fault' : 'recovery';
    case 'controller-node-changed':
      return event.change === 'stopped' || event.change === 'isolated' ? 'fault' : 'recovery';
    case 'broker-started':
    case 'broker-healed':
    case 'broker-unfenced':
    case 'quorum-restored':
      return 'recovery';
    case 'leader-elected':
      return event.reason === 'initial' ? null : 'election';
    case 'controller-elected':
      return 'election';
    case 'isr-shrunk':
    case 'isr-expanded':
      return 'isr';
    default:
      return null;
  }
}

function describe(event: ClusterEvent): string {
  switch (event.type) {
    case 'broker-stopped': return `broker ${event.brokerId} ${event.controlled ? 'stopped' : event.powerLoss ? 'lost power' : 'killed'}`;
    case 'broker-started': return `broker ${event.brokerId} started`;
    case 'leader-elected': return `${event.topic}-${event.partition}: leader ${event.previousLeader} → ${event.leader}${event.unclean ? ' (unclean)' : ''}`;
    case 'isr-shrunk': return `${event.topic}-${event.partition}: ISR shrunk to [${event.inSyncReplicas.join(',')}]`;
    case 'isr-expanded': return `${event.topic}-${event.partition}: ISR expanded to [${event.inSyncReplicas.join(',')}]`;
    case 'controller-elected': return `controller ${event.controllerId} elected (epoch ${event.controllerEpoch})`;
    default: return event.type.replace(/-/g, ' ');
  }
}

/** Pure: the marks of an event list (in sequence order), oldest first. */
export function timelineMarks(events: readonly ClusterEvent[]): TimelineMark[] {
  const marks: TimelineMark[] = [];
  for (const event of events) {
    const kind = markKind(event);
    if (kind) marks.push({ kind, timeMs: event.timeMs, seq: event.seq, label: describe(event) });
  }
  return marks;
}

/** A position of the scrubber: a moment, and the newest event included (null: every event at that ms). */
export interface ScrubPosition {
  atMs: number;
  throughSeq: number | null;
}

/** Where a step to a mark lands: just before the mark's event (the old leaders and ISR of "just before the fault"). */
export function positionBefore(mark: TimelineMark): ScrubPosition {
  return { atMs: mark.timeMs, throughSeq: mark.seq - 1 };
}

function compare(a: ScrubPosition, b: ScrubPosition): number {
  if (a.atMs !== b.atMs) return a.atMs - b.atMs;
  return (a.throughSeq ?? Infinity) - (b.throughSeq ?? Infinity);
}

/**
 * The mark a step lands on (just before it: positionBefore): back, the newest mark whose
 * position is before the current one; forward, the oldest after it (null: none, forward means
 * back to live). `position` null is live, after everything.
 */
export function stepMark(marks: readonly TimelineMark[], position: ScrubPosition | null, direction: 'back' | 'forward'): TimelineMark | null {
  if (direction === 'back') {
    for (let i = marks.length - 1; i >= 0; i--) if (position === null || compare(positionBefore(marks[i]!), position) < 0) return marks[i]!;
    return null;
  }
  if (position === null) return null;
  for (const m of marks) if (compare(positionBefore(m), position) > 0) return m;
  return null;
}

/**
 * Marks thinned for drawing: at most one per kind per pixel column of a `width`-pixel track (an
 * hour of a busy cluster has thousands of ISR changes; the step buttons still visit every one).
 */
export function marksToDraw(marks: readonly TimelineMark[], fromMs: number, toMs: number, width: number): (TimelineMark & { x: number })[] {
  const span = Math.max(1, toMs - fromMs);
  const seen = new Set<string>();
  const out: (TimelineMark & { x: number })[] = [];
  for (const m of marks) {
    if (m.timeMs < fromMs || m.timeMs > toMs) continue;
    const x = (m.timeMs - fromMs) / span;
    const key = `${m.kind}:${Math.round(x * width)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ ...m, x });
  }
  // Drawn in this order, so where marks share a column the fault is the one on top.
  return out.sort((a, b) => drawOrder[a.kind] - drawOrder[b.kind]);
}

const drawOrder: Record<MarkKind, number> = { isr: 0, recovery: 1, election: 2, scenario: 3, fault: 4 };

/** The marks of an event list and that list, so the next list (usually the same with events appended) costs only its new events. */
export interface MarksCache {
  events: readonly ClusterEvent[];
  marks: TimelineMark[];
}

/**
 * Pure: the marks of `events`, reusing `cache` when `events` extends the cached list (the events
 * slice appends in order; a capped or merged list is read whole). Routine events arrive many times
 * a second on a busy cluster, and the scrubber must not walk 25,000 events for each batch.
 */
export function nextMarks(cache: MarksCache | null, events: readonly ClusterEvent[]): MarksCache {
  if (cache && cache.events === events) return cache;
  const n = cache?.events.length ?? 0;
  if (cache && n > 0 && events.length >= n && events[n - 1] === cache.events[n - 1] && events[0] === cache.events[0]) {
    const added = timelineMarks(events.slice(n));
    return { events, marks: added.length === 0 ? cache.marks : cache.marks.concat(added) };
  }
  return { events, marks: timelineMarks(events) };
}
