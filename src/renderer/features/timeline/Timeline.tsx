/** The event stream as a filterable log, newest first; clicking a line selects what it is about. */
import { useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ClusterEvent } from '../../../shared';
import { useApp } from '../../store/store-context';
import { eventCategory, type EventCategory } from '../../store/events-slice';
import { formatTime } from '../../components/format';
import { describeEvent, eventTone } from './event-text';

const categories: EventCategory[] = ['all', 'leadership', 'isr', 'brokers', 'topics', 'log', 'groups'];
/** First guess of a line's height; each line is measured (two lines of text, any theme's type size). */
const rowHeight = 38;

/**
 * Routine events drown the ones people look for: every produce moves a highWatermark, and a
 * coordinator taking over one of __consumer_offsets' 50 partitions (or __transaction_state's)
 * with nothing in it says nothing. Hidden unless asked for; a load that found groups still shows.
 */
function isRoutine(event: ClusterEvent): boolean {
  switch (event.type) {
    case 'high-watermark-advanced': return true;
    case 'group-coordinator-loaded': return event.groups === 0 && event.offsets === 0;
    case 'transaction-coordinator-loaded': return event.transactionalIds === 0;
    default: return false;
  }
}

export function Timeline() {
  const events = useApp((s) => s.events);
  const filter = useApp((s) => s.eventFilter);
  const setEventFilter = useApp((s) => s.setEventFilter);
  const timeZone = useApp((s) => s.settings.timeZone);
  const selectTopic = useApp((s) => s.selectTopic);
  const selectBroker = useApp((s) => s.selectBroker);
  const shown = useMemo(() => {
    const text = filter.text.toLowerCase();
    const out: { event: ClusterEvent; line: string }[] = [];
    for (let i = events.length - 1; i >= 0; i--) {
      const event = events[i]!;
      if (!filter.showHighWatermark && isRoutine(event)) continue;
      if (filter.category !== 'all' && eventCategory(event) !== filter.category) continue;
      const line = describeEvent(event);
      if (text && !line.toLowerCase().includes(text)) continue;
      out.push({ event, line });
    }
    return out;
  }, [events, filter]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Measured heights are cached per event (its seq), not per position: new events arrive at the
  // top and shift every index, and a line keeps its DOM node (key = seq) so the ResizeObserver does
  // not fire again; an index-keyed cache would then place lines by their predecessors' heights and
  // overlap wrapped (two-line) ones, worst with the projector theme's large type.
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => shown[index]?.event.seq ?? index,
    overscan: 20,
  });
  const open = (e: ClusterEvent) => {
    if ('topic' in e && 'partition' in e) selectTopic(e.topic, e.partition);
    else if ('topic' in e && e.type !== 'topic-deleted') selectTopic(e.topic);
    else if ('brokerId' in e && e.type !== 'group-coordinator-loaded' && e.type !== 'group-coordinator-unloaded' && e.type !== 'transaction-coordinator-loaded') selectBroker(e.brokerId);
    else if ('brokerId' in e) selectTopic(e.type === 'transaction-coordinator-loaded' ? '__transaction_state' : '__consumer_offsets', e.partition);
    else if (e.type === 'controller-elected' || e.type === 'controller-lost') selectBroker(e.controllerId);
  };
  return (
    <aside className="timeline" data-testid="timeline">
      <h2>Timeline</h2>
      <div className="timeline-filters">
        <input type="search" placeholder="Filter events" value={filter.text} onChange={(e) => setEventFilter({ text: e.target.value })} aria-label="Filter events" data-testid="event-filter" />
        <select value={filter.category} onChange={(e) => setEventFilter({ category: e.target.value as EventCategory })} aria-label="Event category">
          {categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <label className="timeline-toggle">
        <input type="checkbox" checked={filter.showHighWatermark} onChange={(e) => setEventFilter({ showHighWatermark: e.target.checked })} data-testid="show-high-watermark" /> show routine events (highWatermark moves, empty coordinator loads)
      </label>
      <div className="timeline-body" ref={scrollRef}>
        {shown.length === 0 && <p className="empty">{events.length === 0 ? 'No events yet.' : 'No event matches.'}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const { event, line } = shown[v.index]!;
            return (
              <button type="button" key={event.seq} ref={virtualizer.measureElement} data-index={v.index} className={`timeline-line tone-${eventTone(event)}`} onClick={() => open(event)} title={line}
                style={{ position: 'absolute', top: 0, transform: `translateY(${v.start}px)`, width: '100%' }} data-testid="timeline-line">
                <time>{formatTime(event.timeMs, timeZone, false)}</time> {line}
              </button>
            );
          })}
        </div>
      </div>
    </aside>
  );
}
