/**
 * One replica's log as segments (issue 15; Kafka's LogSegment): base offset, offsets held, size,
 * batches, index entries, time range and the active one. Selecting a segment opens the inspector.
 */
import { useEffect, useRef } from 'react';
import type { ReplicaStorage } from '../../../shared/storage-contract';
import { formatBytes, formatInteger, formatTime } from '../../components/format';
import { useApp } from '../../store/store-context';
import { FLUSHED_OFFSET_EXPLANATION } from '../../components/durability-text';
import { ExplainButton } from '../explainers/ExplainButton';
import { SEGMENT_EXPLANATION, segmentName, segmentOffsets } from './storage-text';

export function ReplicaSegments({ replica, selectedBaseOffset, onSelect }: { replica: ReplicaStorage; selectedBaseOffset: number | null; onSelect(baseOffset: number): void }) {
  const timeZone = useApp((s) => s.settings.timeZone);
  const time = (ms: number) => (ms < 0 ? '—' : formatTime(ms, timeZone));
  const panel = useRef<HTMLElement>(null);
  const name = `${replica.topic}/${replica.partition}/${replica.brokerId}`;
  // Opened from a replica: bring its segments into view (once per replica, not on every refresh).
  useEffect(() => { panel.current?.scrollIntoView?.({ block: 'nearest' }); }, [name]);
  return (
    <section className="panel storage-replica-panel" data-testid="replica-storage" ref={panel}>
      <h2>
        {replica.topic}-{replica.partition} on broker {replica.brokerId}{' '}
        <span className="hint">
          logStartOffset {formatInteger(replica.logStartOffset)} · highWatermark {formatInteger(replica.highWatermark)} · logEndOffset {formatInteger(replica.logEndOffset)}
          {replica.recoveryPoint !== null && <> · <span data-testid="replica-flushed-offset" title={FLUSHED_OFFSET_EXPLANATION}>flushed offset (recovery point) {formatInteger(replica.recoveryPoint)}</span></>}
        </span>
      </h2>
      {replica.dir && <p className="hint">Directory <code data-testid="replica-dir">{replica.dir}</code></p>}
      <p className="storage-explain" data-testid="segment-explanation">{SEGMENT_EXPLANATION} <ExplainButton concept="retention" label="What does retention do to segments?" /></p>
      <table className="replica-table storage-segments" data-testid="segments">
        <thead>
          <tr><th>Segment</th><th>Offsets</th><th className="num">Size</th><th className="num">Batches</th><th className="num">Index entries</th><th>Time range (record timestamps)</th><th /></tr>
        </thead>
        <tbody>
          {replica.segments.map((s) => (
            <tr key={s.baseOffset} className={s.baseOffset === selectedBaseOffset ? 'selected' : ''} data-testid={`segment-${s.baseOffset}`}>
              <td><code>{segmentName(s)}</code>{s.active && <span className="badge badge-active" title="Appends go to this segment; it rolls at segment.bytes or segment.ms">active</span>}</td>
              <td>{segmentOffsets(s)}</td>
              <td className="num">{formatBytes(s.sizeBytes)}</td>
              <td className="num">{formatInteger(s.batchCount)}</td>
              <td className="num" title={s.offsetIndexEntries === null ? 'In memory there are no index files: the log finds batches by offset directly' : '.index entries (8 bytes each) · .timeindex entries (12 bytes each)'}>
                {s.offsetIndexEntries === null ? '— (in memory)' : `${formatInteger(s.offsetIndexEntries)} · ${formatInteger(s.timeIndexEntries ?? 0)}`}
              </td>
              <td>{s.firstTimestampMs < 0 ? '—' : `${time(s.firstTimestampMs)} → ${time(s.maxTimestampMs)}`}</td>
              <td>
                <button type="button" className={`btn btn-small${s.baseOffset === selectedBaseOffset ? ' btn-on' : ''}`} onClick={() => onSelect(s.baseOffset)}
                  title="List this segment's record batches, as kafka-dump-log does" data-testid={`inspect-segment-${s.baseOffset}`}>Inspect batches</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
