/**
 * The message browser's record list, virtualised with @tanstack/react-virtual: only the visible
 * rows exist in the DOM, whether the list holds 50 records or a tail's 5,000.
 */
import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BrowsedRecord } from '../../../shared/workbench-contract';
import { formatTime } from '../../components/format';
import { decodePayload, type DecoderName } from './decode';
import { isLastProduced, type ProducedRecord } from './produced-record';

const rowHeight = 30;
export const recordGridColumns = '84px 90px 232px minmax(120px, 1fr) minmax(200px, 3fr) 170px';

/** A record whose value is null is a tombstone (a delete marker for compacted topics); markers are not. */
export const isTombstone = (r: BrowsedRecord) => r.value === null && r.controlMarker === null;

export function recordRowKey(r: BrowsedRecord): string {
  return `${r.partition}:${r.offset}`;
}

function Badges({ r }: { r: BrowsedRecord }) {
  return (
    <span className="wb-badges">
      {r.controlMarker && <span className="wb-badge wb-badge-marker" title="Transaction marker (control batch): written by the coordinator at commit or abort; applications never receive it.">{r.controlMarker} marker</span>}
      {isTombstone(r) && <span className="wb-badge wb-badge-tombstone" title="Tombstone: the value is null. On a compacted topic it deletes the key.">tombstone</span>}
      {r.isTransactional && !r.controlMarker && <span className="wb-badge" title={`Written in a transaction by producerId ${r.producerId}`}>txn</span>}
      {r.compression !== 'none' && r.compression !== 'unknown' && <span className="wb-badge" title="Compression codec of the record batch">{r.compression}</span>}
      {r.headers.length > 0 && <span className="wb-badge" title={r.headers.map((h) => h.key).join(', ')}>{r.headers.length} hdr</span>}
    </span>
  );
}

export function RecordList({ records, decoder, timeZone, selected, onSelect, lastProduced = null }: {
  records: BrowsedRecord[]; decoder: DecoderName; timeZone: string; selected: string | null; onSelect(r: BrowsedRecord): void;
  /** The record last produced from the Produce panel: its row is highlighted (issue 12). */
  lastProduced?: ProducedRecord | null;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: records.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 10 });
  // Keeps the selected row in view when it was chosen from elsewhere ("show in message browser") or the order changed.
  useEffect(() => {
    const index = selected === null ? -1 : records.findIndex((r) => recordRowKey(r) === selected);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    // On a new selection only, not on every record a tail adds.
  }, [selected]);
  return (
    <div className="data-table" data-testid="record-list">
      <div className="data-row data-head" style={{ gridTemplateColumns: recordGridColumns }} role="row">
        <div>Partition</div><div>Offset</div><div>Timestamp</div><div>Key</div><div>Value</div><div></div>
      </div>
      <div className="data-body wb-record-body" ref={scrollRef}>
        {records.length === 0 && <div className="empty">No records shown. Pick a seek preset and Scan, or start a live tail.</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const r = records[item.index]!;
            const key = recordRowKey(r);
            const produced = isLastProduced(lastProduced, r.topic, r.partition, r.offset);
            const className = ['data-row', 'clickable', selected === key ? 'selected' : '', isTombstone(r) ? 'wb-row-tombstone' : '', r.controlMarker ? 'wb-row-marker' : '', produced ? 'wb-row-produced' : ''].join(' ');
            return (
              <div
                key={key}
                className={className}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: rowHeight, transform: `translateY(${item.start}px)`, gridTemplateColumns: recordGridColumns }}
                onClick={() => onSelect(r)}
                data-testid="record-row"
                data-partition={r.partition}
                data-offset={r.offset}
                data-produced={produced ? 'true' : undefined}
                title={produced ? 'The record you just produced from the Produce panel' : undefined}
                role="row"
              >
                <div>{r.partition}</div>
                <div>{r.offset}</div>
                <div title={r.timestampType}>{formatTime(r.timestampMs, timeZone)}</div>
                <div>{r.key === null ? <span className="count-muted">null</span> : decodePayload(r.key, decoder).text}</div>
                <div>{r.controlMarker ? <span className="count-muted">transaction {r.controlMarker.toLowerCase()}</span> : r.value === null ? <span className="wb-tombstone-text">∅ null (tombstone)</span> : decodePayload(r.value, decoder).text}</div>
                <div><Badges r={r} /></div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
