/**
 * Events slice: the cluster's event stream as the timeline shows it, de-duplicated by sequence
 * number (the initial fetch and the first pushes overlap) and capped — routine events
 * (shared/event-significance.ts) at `maxRoutineEvents`, significant ones only at
 * `maxSignificantEvents`, so highWatermark moves never push a broker failure out of the timeline.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterEvent } from '../../shared';
import { isRoutineEvent } from '../../shared/event-significance';
import type { EventHistory } from '../../shared/history-contract';

/** Routine events kept (the newest). */
export const maxRoutineEvents = 5000;
/** Significant events kept: the host's own bound (broker/host/event-history.ts). */
export const maxSignificantEvents = 20_000;

export type EventCategory = 'all' | 'leadership' | 'isr' | 'brokers' | 'topics' | 'log' | 'groups' | 'security';

export interface EventsSlice {
  events: ClusterEvent[];
  /** `showRoutine` off by default: highWatermark moves and commits would bury elections and ISR changes. */
  eventFilter: { text: string; category: EventCategory; showRoutine: boolean };
  setEventFilter(filter: Partial<EventsSlice['eventFilter']>): void;
  /** Significant events the host dropped before this viewer loaded its history (EventHistory.dropped). */
  eventsDropped: EventHistory['dropped'];
}

export const createEventsSlice: StateCreator<EventsSlice, [], [], EventsSlice> = (set) => ({
  events: [],
  eventFilter: { text: '', category: 'all', showRoutine: false },
  setEventFilter: (filter) => set((s) => ({ eventFilter: { ...s.eventFilter, ...filter } })),
  eventsDropped: null,
});

/** Pure: the host's history as one event list in sequence order. */
export function historyEvents(history: EventHistory): ClusterEvent[] {
  return [...history.significant, ...history.routine].sort((a, b) => a.seq - b.seq);
}

/**
 * Pure: `events` with `batch` merged in sequence order, without duplicates; the oldest routine
 * events beyond maxRoutineEvents are dropped first, significant ones only beyond maxSignificantEvents.
 * Events older than the newest held are merged in too: the history fetched on load can arrive
 * after the first pushes of a busy cluster were applied, and must not be thrown away.
 */
export function appendEvents(events: ClusterEvent[], batch: ClusterEvent[]): ClusterEvent[] {
  if (batch.length === 0) return events;
  const lastSeq = events.length > 0 ? events[events.length - 1]!.seq : -Infinity;
  const inOrder = batch.every((e, i) => i === 0 || e.seq > batch[i - 1]!.seq);
  const sorted = inOrder ? batch : [...batch].sort((a, b) => a.seq - b.seq).filter((e, i, all) => i === 0 || e.seq !== all[i - 1]!.seq);
  let merged: ClusterEvent[];
  if (sorted[0]!.seq > lastSeq) {
    merged = events.concat(sorted);
  } else {
    merged = mergeBySeq(events, sorted);
    if (merged.length === events.length) return events;
  }
  return merged.length > maxRoutineEvents ? capEvents(merged) : merged;
}

/** Two lists in sequence order as one, each seq once. */
function mergeBySeq(a: ClusterEvent[], b: ClusterEvent[]): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i]!.seq < b[j]!.seq)) out.push(a[i++]!);
    else if (i >= a.length || b[j]!.seq < a[i]!.seq) out.push(b[j++]!);
    else {
      out.push(a[i++]!);
      j++;
    }
  }
  return out;
}

function capEvents(events: ClusterEvent[]): ClusterEvent[] {
  let routine = 0;
  for (const e of events) if (isRoutineEvent(e)) routine++;
  const significant = events.length - routine;
  // Routine ones trimmed by a sixth at a time, so a busy cluster does not filter the list on every frame.
  let dropRoutine = routine > maxRoutineEvents * 1.2 ? routine - maxRoutineEvents : 0;
  let dropSignificant = significant > maxSignificantEvents ? significant - maxSignificantEvents : 0;
  if (dropRoutine === 0 && dropSignificant === 0) return events;
  return events.filter((e) => {
    if (isRoutineEvent(e)) return !(dropRoutine > 0 && dropRoutine-- > 0);
    return !(dropSignificant > 0 && dropSignificant-- > 0);
  });
}

/** Which timeline category an event belongs to. */
export function eventCategory(event: ClusterEvent): Exclude<EventCategory, 'all'> {
  switch (event.type) {
    case 'leader-elected':
    case 'partition-offline':
    case 'controller-elected':
    case 'controller-lost':
    case 'quorum-lost':
    case 'quorum-restored':
      return 'leadership';
    case 'isr-shrunk':
    case 'isr-expanded':
    case 'reassignment-started':
    case 'partition-reassigned':
      return 'isr';
    case 'broker-started':
    case 'broker-stopped':
    case 'broker-task-failed':
    case 'broker-isolated':
    case 'broker-healed':
    case 'broker-fenced':
    case 'broker-unfenced':
    case 'link-changed':
    case 'controller-node-changed':
    case 'broker-config-changed':
    case 'request-fault-added':
    case 'request-fault-removed':
    case 'request-fault-injected':
      return 'brokers';
    case 'topic-created':
    case 'topic-deleted':
    case 'partitions-added':
    case 'topic-config-changed':
      return 'topics';
    case 'high-watermark-advanced':
    case 'log-truncated':
    case 'records-lost':
    case 'segment-rolled':
    case 'log-recovered':
    case 'unflushed-records-dropped':
    case 'segment-deleted':
    case 'log-start-offset-advanced':
    case 'log-compacted':
    case 'log-cleaner-failed':
    case 'log-retention-failed':
    case 'segment-roll-failed':
      return 'log';
    case 'group-coordinator-loaded':
    case 'group-coordinator-unloaded':
    case 'group-coordinator-load-failed':
    case 'transaction-coordinator-load-failed':
    case 'coordinator-task-failed':
    case 'group-state-changed':
    case 'group-rebalance-started':
    case 'group-stabilized':
    case 'group-member-joined':
    case 'group-member-left':
    case 'group-member-evicted':
    case 'offsets-committed':
    case 'offsets-deleted':
    case 'group-deleted':
    case 'transaction-coordinator-loaded':
    case 'transaction-begun':
    case 'transaction-committed':
    case 'transaction-aborted':
    case 'producer-fenced':
      return 'groups';
    case 'acl-created':
    case 'acl-deleted':
    case 'authorization-failed':
    case 'client-quota-altered':
      return 'security';
  }
}
