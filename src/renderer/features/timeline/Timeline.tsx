/**
 * The event stream as the story of the cluster, newest first: significant events one per line,
 * internal-topic and routine events folded into one expandable line per cause (fold-events.ts);
 * clicking a line selects what it is about, clicking a fold opens it.
 */
import { useMemo, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ClusterEvent } from '../../../shared';
import { useApp } from '../../store/store-context';
import type { EventCategory } from '../../store/events-slice';
import { formatTime } from '../../components/format';
import './timeline.css';
import { eventsThrough } from '../../store/time-travel-slice';
import { foldMembers, significantEvents, timelineLines, type SignificantCache, type TimelineLine } from './fold-events';

const categories: EventCategory[] = ['all', 'leadership', 'isr', 'brokers', 'topics', 'log', 'groups', 'security'];
/** First guess of a line's height; each line is measured (two lines of text, any theme's type size). */
const rowHeight = 38;

type Row = { line: TimelineLine; child: boolean };

export function Timeline() {
  // Issue 13: in past mode the timeline ends at the moment shown; later events are hidden.
  const allEvents = useApp((s) => s.events);
  const pastSeq = useApp((s) => (s.timeTravel.mode === 'past' ? s.timeTravel.past?.eventSeq ?? null : null));
  const events = useMemo(() => eventsThrough(allEvents, pastSeq), [allEvents, pastSeq]);
  const hiddenLater = allEvents.length - events.length;
  const dropped = useApp((s) => s.eventsDropped);
  const filter = useApp((s) => s.eventFilter);
  const setEventFilter = useApp((s) => s.setEventFilter);
  const timeZone = useApp((s) => s.settings.timeZone);
  const selectTopic = useApp((s) => s.selectTopic);
  const selectBroker = useApp((s) => s.selectBroker);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // Without routine events shown, the lines depend only on the significant ones (same array while only routine ones arrive).
  const significantCache = useRef<SignificantCache | null>(null);
  const shownEvents = filter.showRoutine ? events : (significantCache.current = significantEvents(events, significantCache.current)).result;
  const lines = useMemo(() => timelineLines(shownEvents, { text: filter.text, category: filter.category, showRoutine: filter.showRoutine }), [shownEvents, filter]);
  const rows = useMemo(() => {
    const out: Row[] = [];
    for (const line of lines) {
      out.push({ line, child: false });
      if (line.kind === 'fold' && expanded.has(line.key)) for (const member of foldMembers(line)) out.push({ line: member, child: true });
    }
    return out;
  }, [lines, expanded]);
  const toggle = (key: string) => setExpanded((old) => {
    const next = new Set(old);
    if (!next.delete(key)) next.add(key);
    return next;
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  // Measured heights are cached per line (its key), not per position: new events arrive at the
  // top and shift every index, and a line keeps its DOM node (same key) so the ResizeObserver does
  // not fire again; an index-keyed cache would then place lines by their predecessors' heights and
  // overlap wrapped (two-line) ones, worst with the projector theme's large type.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => (rows[index] ? `${rows[index].child ? 'c' : ''}${rows[index].line.key}` : index),
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
        <select value={filter.category} onChange={(e) => setEventFilter({ category: e.target.value as EventCategory })} aria-label="Event category" data-testid="event-category">
          {categories.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      </div>
      <label className="timeline-toggle" title="Routine events happen all the time while the cluster simply works: highWatermark moves, offset commits, segment rolls, logStartOffset moves, and coordinator loads of __consumer_offsets / __transaction_state partitions that hold no group or transactional id. Shown, they are folded per topic, group or broker.">
        <input type="checkbox" checked={filter.showRoutine} onChange={(e) => setEventFilter({ showRoutine: e.target.checked })} data-testid="show-routine" /> show routine events (highWatermark moves, commits, …)
      </label>
      {pastSeq !== null && <p className="timeline-note" data-testid="timeline-past-note">Viewing the past: the {hiddenLater.toLocaleString('en-US')} events after this moment are hidden.</p>}
      <div className="timeline-body" ref={scrollRef}>
        {rows.length === 0 && <p className="empty">{events.length === 0 ? 'No events yet.' : 'No event matches.'}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const { line, child } = rows[v.index]!;
            const style = { position: 'absolute', top: 0, transform: `translateY(${v.start}px)`, width: '100%' } as const;
            if (line.kind === 'fold') {
              const isOpen = expanded.has(line.key);
              return (
                <button type="button" key={line.key} ref={virtualizer.measureElement} data-index={v.index} className={`timeline-line timeline-fold tone-${line.tone}`} onClick={() => toggle(line.key)}
                  title={`${line.text} (${line.events.length} events): ${isOpen ? 'click to fold them' : 'click to list them'}`} aria-expanded={isOpen} style={style} data-testid="timeline-fold" data-count={line.events.length}>
                  <time>{formatTime(line.timeMs, timeZone, false)}</time> <span className="timeline-fold-mark" aria-hidden>{isOpen ? '▾' : '▸'}</span> {line.text}
                </button>
              );
            }
            return (
              <button type="button" key={`${child ? 'c' : ''}${line.key}`} ref={virtualizer.measureElement} data-index={v.index} className={`timeline-line tone-${line.tone}${child ? ' timeline-member' : ''}`} onClick={() => open(line.event)} title={line.text}
                style={style} data-testid={child ? 'timeline-member' : 'timeline-line'}>
                <time>{formatTime(line.event.timeMs, timeZone, false)}</time> {line.text}
              </button>
            );
          })}
        </div>
        {dropped && (
          <p className="timeline-note" data-testid="timeline-dropped">
            Older history not kept: the host dropped its {dropped.count.toLocaleString('en-US')} oldest significant events (up to {formatTime(dropped.throughTimeMs, timeZone, false)}) at its bound of {dropped.maxEvents.toLocaleString('en-US')} events / {(dropped.maxBytes / 1024 / 1024).toFixed(0)} MiB.
          </p>
        )}
      </div>
    </aside>
  );
}
