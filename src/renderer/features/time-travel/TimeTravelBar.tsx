/**
 * The time-travel scrubber (issue 13): a bar over the whole session with marks at faults,
 * elections, ISR changes and scenario steps; drag back (or use the arrow keys on it) to see the
 * cluster as it was, step to just before the previous or next marked event, "Back to live" to
 * return. While the past is shown, a banner says so and every view draws that moment (the store's
 * time-travel slice swaps the snapshot the views read).
 */
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useApp } from '../../store/store-context';
import { formatInteger, formatTime, timeZoneLabel } from '../../components/format';
import { marksToDraw, nextMarks, positionBefore, stepMark, type MarksCache, type ScrubPosition, type TimelineMark } from './marks';
import './time-travel.css';

/** How often the bar asks the host how far back its history reaches (the live end follows the pushes). */
const rangeRefreshMs = 5000;
/** Slider step: one simulated second (the step buttons reach any event exactly). */
const stepMs = 1000;

const kindWords: Record<TimelineMark['kind'], string> = { fault: 'fault', recovery: 'recovery', election: 'election', isr: 'ISR change', scenario: 'scenario step' };

export function TimeTravelBar() {
  const tt = useApp((s) => s.timeTravel);
  const live = useApp((s) => (s.timeTravel.mode === 'past' ? s.liveSnapshot : s.snapshot));
  const liveTimeMs = live?.simTimeMs ?? null;
  const livePaused = live?.sim?.paused ?? false;
  const events = useApp((s) => s.events);
  const timeZone = useApp((s) => s.settings.timeZone);
  const travelTo = useApp((s) => s.travelTo);
  const backToLive = useApp((s) => s.backToLive);
  const refreshHistoryRange = useApp((s) => s.refreshHistoryRange);
  const [landedOn, setLandedOn] = useState<TimelineMark | null>(null);
  useEffect(() => {
    void refreshHistoryRange();
    const timer = setInterval(() => void refreshHistoryRange(), rangeRefreshMs);
    return () => clearInterval(timer);
  }, [refreshHistoryRange]);
  // A new cluster left the past and dropped the old range: ask for the new one at once.
  const rangeMissing = tt.range === null;
  useEffect(() => {
    if (rangeMissing) void refreshHistoryRange();
  }, [rangeMissing, refreshHistoryRange]);
  const marksCache = useRef<MarksCache | null>(null);
  const marks = (marksCache.current = nextMarks(marksCache.current, events)).marks;
  const range = tt.range;
  if (liveTimeMs === null || !range || range.fromMs === null) return null;
  const fromMs = range.fromMs;
  const toMs = Math.max(liveTimeMs, range.toMs ?? liveTimeMs, fromMs + 1);
  const past = tt.mode === 'past';
  const position: ScrubPosition | null = past && tt.atMs !== null ? { atMs: tt.atMs, throughSeq: tt.throughEventSeq } : null;
  const back = stepMark(marks, position, 'back');
  const forward = stepMark(marks, position, 'forward');
  const goTo = (mark: TimelineMark) => {
    const p = positionBefore(mark);
    setLandedOn(mark);
    void travelTo(p.atMs, p.throughSeq ?? undefined);
  };
  const onSlide = (value: number) => {
    setLandedOn(null);
    if (value >= toMs) backToLive();
    else void travelTo(Math.max(fromMs, value));
  };
  // Whole steps from the live end, so "live" sits at the very right (the start may lie up to a step before the history).
  const sliderMin = toMs - Math.ceil((toMs - fromMs) / stepMs) * stepMs;
  const shownMs = tt.past?.sampleTimeMs ?? tt.atMs ?? liveTimeMs;
  const value = past ? Math.min(tt.atMs ?? toMs, toMs) : toMs;
  const zone = timeZoneLabel(timeZone);
  return (
    <section className={`time-travel ${past ? 'time-travel-past' : ''}`} aria-label="Time travel" data-testid="time-travel"
      onKeyDown={(e) => { if (e.key === 'Escape' && past) { e.preventDefault(); backToLive(); } }}>
      {past && (
        <div className="banner time-travel-banner" role="status" data-testid="time-travel-banner">
          <strong>Viewing the cluster at <span data-testid="time-travel-time">{formatTime(shownMs, timeZone)}</span> {zone}</strong>{' '}
          (simulated; the live cluster {livePaused ? 'is paused' : 'keeps running'})
          {landedOn && tt.throughEventSeq === landedOn.seq - 1 && <> · just before: <span data-testid="time-travel-landed">{landedOn.label}</span></>}
          {tt.loading && <span className="hint" data-testid="time-travel-loading"> · loading…</span>}
          {' — '}
          <button type="button" className="btn btn-primary" onClick={backToLive} data-testid="back-to-live" title="Show the live cluster again (Escape)">Back to live</button>
          {tt.error && <span className="inline-error" role="alert" data-testid="time-travel-error">{tt.error}</span>}
        </div>
      )}
      <div className="time-travel-row">
        <button type="button" className="btn btn-small" disabled={!back} onClick={() => back && goTo(back)} data-testid="step-back-event"
          title={back ? `Step back to just before: ${back.label} (${formatTime(back.timeMs, timeZone, false)})` : 'No earlier fault, election, ISR change or scenario step'}>◀ Previous event</button>
        <div className="time-travel-track">
          <MarkLayer marks={marks} fromMs={fromMs} toMs={toMs} timeZone={timeZone} />
          <input type="range" className="time-travel-slider" min={sliderMin} max={toMs} step={stepMs} value={value}
            onChange={(e) => onSlide(Number(e.target.value))}
            aria-label="Session time (simulated): drag back to see the cluster as it was"
            aria-valuetext={past ? `${formatTime(shownMs, timeZone)} ${zone}, in the past` : `live, ${formatTime(liveTimeMs, timeZone)} ${zone}`}
            data-testid="time-travel-slider" />
        </div>
        <button type="button" className="btn btn-small" disabled={!past} onClick={() => (forward ? goTo(forward) : backToLive())} data-testid="step-forward-event"
          title={!past ? 'Already live' : forward ? `Step forward to just before: ${forward.label} (${formatTime(forward.timeMs, timeZone, false)})` : 'No later marked event: back to live'}>Next event ▶</button>
        {!past && <span className="time-travel-live" data-testid="time-travel-live" title="The views show the cluster now">● live</span>}
        <span className="hint time-travel-range" data-testid="time-travel-range"
          title={`${formatInteger(range.samples)} samples (every ${range.sampleIntervalMs / 1000} simulated s, and at every fault, election and ISR change); ${(range.usedBytes / 1024 / 1024).toFixed(1)} MiB of the ${(range.budgetBytes / 1024 / 1024).toFixed(0)} MiB budget`}>
          {range.dropped ? `history from ${formatTime(fromMs, timeZone, false)} (older dropped to stay within ${(range.budgetBytes / 1024 / 1024).toFixed(0)} MiB)` : `history from ${formatTime(fromMs, timeZone, false)}`}
        </span>
      </div>
    </section>
  );
}

/** The marks over the track, thinned to one per kind per pixel column; redrawn only when they or the span change. */
const MarkLayer = memo(function MarkLayer({ marks, fromMs, toMs, timeZone }: { marks: TimelineMark[]; fromMs: number; toMs: number; timeZone: string }) {
  const ref = useRef<HTMLDivElement>(null);
  // Positions are fractions of the track, so a coarse column count is enough to thin them.
  const drawn = useMemo(() => marksToDraw(marks, fromMs, toMs, 400), [marks, fromMs, toMs]);
  return (
    <div className="time-travel-marks" ref={ref} aria-hidden>
      {drawn.map((m) => (
        <span key={`${m.seq}`} className={`time-travel-mark mark-${m.kind}`} style={{ left: `${(m.x * 100).toFixed(3)}%` }}
          title={`${kindWords[m.kind]} · ${formatTime(m.timeMs, timeZone, false)} · ${m.label}`} data-testid="time-travel-mark" data-kind={m.kind} />
      ))}
    </div>
  );
});
