/**
 * One record in full (issue 12): where it is (topic, partition, offset, leaderEpoch), when (the
 * timestamp in the chosen time zone, its type and ms), the decoded key and value — JSON
 * pretty-printed, text, or hex for other bytes, large values in a scrolling box with the whole
 * payload a click away — headers, compression, and whether it was written in a transaction or is
 * a transaction marker (control record).
 */
import { useState } from 'react';
import type { BrowsedRecord } from '../../../shared/workbench-contract';
import { formatBytes, formatTime, timeZoneLabel } from '../../components/format';
import { base64ToBytes, decodePayload, toHex, type DecoderName } from './decode';
import { isTombstone } from './RecordList';
import { recordSize } from './sort-records';

/** Hex shown before "show all": 64 KiB of bytes is 160 K characters, still quick to lay out. */
const hexPreviewBytes = 64 * 1024;

function Payload({ label, base64, decoder }: { label: string; base64: string | null; decoder: DecoderName }) {
  const [all, setAll] = useState(false);
  const decoded = decodePayload(base64, decoder, true);
  const bytes = base64 === null ? null : base64ToBytes(base64);
  const hexCut = decoded.as === 'hex' && bytes !== null && bytes.length > hexPreviewBytes && !all;
  const text = decoded.as === 'hex' && bytes !== null ? toHex(bytes, all ? Infinity : hexPreviewBytes) : decoded.text;
  const testId = label.toLowerCase();
  return (
    <div className="wb-payload">
      <h3>{label} <span className="hint">{bytes === null ? 'null' : `${bytes.length} bytes, shown as ${decoded.as === 'json' ? 'JSON (pretty-printed)' : decoded.as === 'utf8' ? 'UTF-8 text' : decoded.as}`}</span></h3>
      {decoded.error && <p className="inline-error" role="alert" data-testid={`decode-error-${testId}`}>{decoder} decoder failed: {decoded.error}</p>}
      <pre className="wb-pre" data-testid={`detail-${testId}`}>{text}</pre>
      {hexCut && <button type="button" className="btn btn-small" onClick={() => setAll(true)} data-testid={`show-all-${testId}`} title="Show every byte as hex (large values take a moment to lay out)">Show all {formatBytes(bytes.length)}</button>}
    </div>
  );
}

export function RecordDetail({ record: r, decoder, timeZone, onProduceAgain }: { record: BrowsedRecord; decoder: DecoderName; timeZone: string; onProduceAgain(r: BrowsedRecord): void }) {
  return (
    <section className="panel wb-detail" data-testid="record-detail" data-partition={r.partition} data-offset={r.offset}>
      <header className="toolbar">
        <h2>{r.topic}-{r.partition} @ {r.offset}</h2>
        {isTombstone(r) && <span className="wb-badge wb-badge-tombstone">tombstone</span>}
        {r.controlMarker && <span className="wb-badge wb-badge-marker">{r.controlMarker} marker</span>}
        {!r.controlMarker && <button type="button" className="btn btn-small" onClick={() => onProduceAgain(r)} data-testid="produce-again" title="Open the Produce panel filled with this record's key, value, headers and partition">Produce again</button>}
      </header>
      <dl className="broker-facts" data-testid="record-facts">
        <dt>partition</dt><dd>{r.partition}</dd>
        <dt>offset</dt><dd>{r.offset}</dd>
        <dt>timestamp</dt><dd data-testid="detail-timestamp">{formatTime(r.timestampMs, timeZone)} {timeZoneLabel(timeZone)} ({r.timestampType === 'CreateTime' ? 'CreateTime: set by the producer' : 'LogAppendTime: set by the leader'}, {r.timestampMs} ms since the epoch)</dd>
        <dt>size</dt><dd>{formatBytes(recordSize(r))} (key {r.keyBytes} B, value {r.valueBytes} B, {r.headers.length} header{r.headers.length === 1 ? '' : 's'})</dd>
        <dt>compression</dt><dd title={r.compression === 'unknown' ? 'The batch carried no bytes to tell by; kafkajs does not expose batch attributes.' : undefined}>{r.compression === 'unknown' ? 'unknown' : r.compression === 'none' ? 'none' : `${r.compression} (the whole record batch)`}</dd>
        <dt>leaderEpoch</dt><dd title="partitionLeaderEpoch of the batch: the leader's epoch when the record was appended">{r.leaderEpoch < 0 ? 'unknown (-1)' : r.leaderEpoch}</dd>
        <dt>producer</dt><dd>{r.producerId < 0 ? 'none (not idempotent)' : `producerId ${r.producerId}, epoch ${r.producerEpoch}, sequence ${r.sequence}`}</dd>
        <dt>transaction</dt>
        <dd data-testid="detail-transaction">
          {r.controlMarker
            ? `control record: the ${r.controlMarker} marker of producerId ${r.producerId}'s transaction (written by the transaction coordinator; consumers never receive it)`
            : r.isTransactional ? `yes: written in a transaction by producerId ${r.producerId} (read_committed consumers see it only after the COMMIT marker)` : 'no'}
        </dd>
      </dl>
      <div className="wb-headers" data-testid="record-headers">
        <h3>Headers <span className="hint">{r.headers.length}</span></h3>
        {r.headers.length === 0 ? <p className="hint">none</p> : (
          <table className="replica-table"><tbody>
            {r.headers.map((h, i) => <tr key={i}><td><code>{h.key}</code></td><td>{h.value === null ? <span className="count-muted">null</span> : decodePayload(h.value, 'auto').text}</td></tr>)}
          </tbody></table>
        )}
      </div>
      <Payload label="Key" base64={r.key} decoder={decoder} />
      {!r.controlMarker && <Payload label="Value" base64={r.value} decoder={decoder} />}
    </section>
  );
}
