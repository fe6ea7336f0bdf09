/**
 * Events slice: the cluster's event stream as the timeline shows it, de-duplicated by sequence
 * number (the initial fetch and the first pushes overlap) and capped.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterEvent } from '../../shared';

export const maxEvents = 5000;

export type EventCategory = 'all' | 'leadership' | 'isr' | 'brokers' | 'topics' | 'log' | 'groups';

export interface EventsSlice {
  events: ClusterEvent[];
  /** `showHighWatermark` off by default: highWatermark moves would bury elections and ISR changes. */
  eventFilter: { text: string; category: EventCategory; showHighWatermark: boolean };
  setEventFilter(filter: Partial<EventsSlice['eventFilter']>): void;
}

export const createEventsSlice: StateCreator<EventsSlice, [], [], EventsSlice> = (set) => ({
  events: [],
  eventFilter: { text: '', category: 'all', showHighWatermark: false },
  setEventFilter: (filter) => set((s) => ({ eventFilter: { ...s.eventFilter, ...filter } })),
});

/** Pure: `events` with `batch` appended in sequence order, without duplicates, capped at maxEvents. */
export function appendEvents(events: ClusterEvent[], batch: ClusterEvent[]): ClusterEvent[] {
  if (batch.length === 0) return events;
  const lastSeq = events.length > 0 ? events[events.length - 1]!.seq : -Infinity;
  let fresh = batch.filter((e) => e.seq > lastSeq);
  if (fresh.length === 0) return events;
  if (fresh.some((e, i) => i > 0 && e.seq < fresh[i - 1]!.seq)) fresh = [...fresh].sort((a, b) => a.seq - b.seq);
  const merged = events.concat(fresh);
  return merged.length > maxEvents ? merged.slice(merged.length - maxEvents) : merged;
}

/** Which timeline category an event belongs to. */
export function eventCategory(event: ClusterEvent): Exclude<EventCategory, 'all'> {
  switch (event.type) {
    case 'leader-elected':
    case 'partition-offline':
    case 'controller-elected':
    case 'controller-lost':
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
    case 'broker-config-changed':
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
  }
}
