/** One record in full: decoded key and value (with decoder failures said), headers and batch metadata. */
import type { BrowsedRecord } from '../../../shared/workbench-contract';
import { formatTime } from '../../components/format';
import { base64ToBytes, decodePayload, type DecoderName } from './decode';
import { isTombstone } from './RecordList';

function Payload({ label, base64, decoder }: { label: string; base64: string | null; decoder: DecoderName }) {
  const decoded = decodePayload(base64, decoder, true);
  return (
    <div className="wb-payload">
      <h3>{label} <span className="hint">{base64 === null ? 'null' : `${base64ToBytes(base64).length} bytes, shown as ${decoded.as}`}</span></h3>
      {decoded.error && <p className="inline-error" role="alert" data-testid={`decode-error-${label.toLowerCase()}`}>{decoder} decoder failed: {decoded.error}</p>}
      <pre className="wb-pre">{decoded.text}</pre>
    </div>
  );
}

export function RecordDetail({ record: r, decoder, timeZone, onProduceAgain }: { record: BrowsedRecord; decoder: DecoderName; timeZone: string; onProduceAgain(r: BrowsedRecord): void }) {
  return (
    <section className="panel wb-detail" data-testid="record-detail">
      <header className="toolbar">
        <h2>{r.topic}-{r.partition} @ {r.offset}</h2>
        {isTombstone(r) && <span className="wb-badge wb-badge-tombstone">tombstone</span>}
        {r.controlMarker && <span className="wb-badge wb-badge-marker">{r.controlMarker} marker</span>}
        {!r.controlMarker && <button type="button" className="btn btn-small" onClick={() => onProduceAgain(r)} data-testid="produce-again">Produce again</button>}
      </header>
      <dl className="broker-facts">
        <dt>timestamp</dt><dd>{formatTime(r.timestampMs, timeZone)} ({r.timestampType}, {r.timestampMs} ms)</dd>
        <dt>compression</dt><dd title={r.compression === 'unknown' ? 'The batch carried no bytes to tell by; kafkajs does not expose batch attributes.' : undefined}>{r.compression}</dd>
        <dt>producer</dt><dd>{r.producerId < 0 ? 'none (not idempotent)' : `producerId ${r.producerId}, epoch ${r.producerEpoch}, sequence ${r.sequence}`}</dd>
        <dt>transactional</dt><dd>{r.isTransactional ? 'yes' : 'no'}</dd>
        <dt>leaderEpoch</dt><dd>{r.leaderEpoch}</dd>
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
