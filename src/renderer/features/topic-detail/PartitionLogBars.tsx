/**
 * Each replica's log as a bar: from logStartOffset to logEndOffset, the high watermark marked,
 * segment boundaries ticked. The gap between a follower's end and the leader's is replication
 * lag; records past the high watermark exist on the leader but are not yet readable.
 */
import type { PartitionView } from '../../../shared';
import type { ReplicaState } from './replica-state';

/** Segment ticks drawn per replica at most (beyond that they would merge into a solid fill). */
const maxTicks = 60;

/**
 * `scaleVar`: the name of a CSS variable holding a common scale end (an offset) for bars drawn side
 * by side (the partition grid's rows); positions are then CSS calc()s of it, so a new common scale
 * restyles the bars without re-rendering them.
 */
export function PartitionLogBars({ partition, states, scaleVar, compact = false }: { partition: PartitionView; states: ReplicaState[]; scaleVar?: string; compact?: boolean }) {
  const start = Math.min(...states.map((s) => s.logStartOffset), partition.logStartOffset);
  const end = Math.max(...states.map((s) => s.logEndOffset), partition.highWatermark, start + 1);
  const pct = scaleVar
    ? (offset: number) => `calc(${offset - start} / (max(var(${scaleVar}), ${end}) - ${start}) * 100%)`
    : (offset: number) => `${(((offset - start) / (end - start)) * 100).toFixed(3)}%`;
  return (
    <div className={`log-bars ${compact ? 'log-bars-compact' : ''}`} data-testid={compact ? undefined : `log-bars-${partition.partition}`}>
      {states.map((s) => {
        const replica = partition.replicaStates.find((r) => r.brokerId === s.brokerId);
        const segments = replica?.segments ?? [];
        const step = Math.max(1, Math.ceil(segments.length / maxTicks));
        return (
          <div key={s.brokerId} className="log-bar-row">
            {!compact && <span className="log-bar-label">broker {s.brokerId}</span>}
            <div className={`log-bar-track replica-${s.role}`} title={`broker ${s.brokerId}: logStartOffset ${s.logStartOffset}, highWatermark ${s.highWatermark} (as this replica knows it), logEndOffset ${s.logEndOffset}`}>
              <div className="log-bar-fill" style={{ left: pct(s.logStartOffset), width: scaleVar ? pct(start + s.logEndOffset - s.logStartOffset) : `calc(${pct(s.logEndOffset)} - ${pct(s.logStartOffset)})` }} />
              {!compact && segments.filter((_, i) => i > 0 && i % step === 0).map((seg) => (
                <div key={seg.baseOffset} className="log-bar-segment" style={{ left: pct(seg.baseOffset) }} />
              ))}
              {/* Each replica's own highWatermark: followers learn it from fetch responses, so theirs trails the leader's. */}
              <div className="log-bar-hw" style={{ left: pct(s.highWatermark) }} />
            </div>
            {!compact && (
              <span className="log-bar-numbers" data-testid={`log-numbers-${partition.partition}-${s.brokerId}`}>
                start {s.logStartOffset} · hw {s.highWatermark} · end {s.logEndOffset}{s.role === 'leader' ? '' : ` · lag ${s.lag}`} · {segments.length} segment{segments.length === 1 ? '' : 's'}
              </span>
            )}
          </div>
        );
      })}
      {!compact && <div className="log-bar-legend">▮ records held (logStartOffset → logEndOffset) · <span className="legend-hw">│</span> the replica's highWatermark (partition: {partition.highWatermark}; consumers read below it) · ┆ segment boundary</div>}
    </div>
  );
}
