/**
 * The message browser: pick a topic (all partitions or one), a seek preset (newest N, oldest,
 * from offset, from timestamp) and Scan — a bounded scan with progress and a Stop button — or
 * follow a live tail kept in a capped ring. Decoders apply to what is shown; export writes the
 * shown records as JSON lines or CSV; a row's "Produce again" opens the produce panel with it.
 */
import { useMemo, useState } from 'react';
import type { BrowsedRecord, IsolationLevelName, SeekPreset } from '../../../shared/workbench-contract';
import { formatBytes, formatInteger, timeZoneLabel } from '../../components/format';
import { useApp, useReadOnly } from '../../store/store-context';
import { base64ToBytes, type DecoderName } from './decode';
import { download, toCsv, toJsonLines } from './export-records';
import { RecordDetail } from './RecordDetail';
import { RecordList, recordRowKey } from './RecordList';
import { useScan } from './use-scan';
import { useWorkbench, useWorkbenchUi } from './WorkbenchProvider';

type SeekKind = SeekPreset['kind'];
const rendererCapacity = 5000;

function seekFrom(kind: SeekKind, param: string): SeekPreset {
  switch (kind) {
    case 'newest': return { kind, count: Math.max(1, Number(param) || 50) };
    case 'oldest': return { kind };
    case 'offset': return { kind, offset: Math.max(0, Number(param) || 0) };
    case 'timestamp': return { kind, timestampMs: Number.isFinite(Date.parse(param)) ? Date.parse(param) : Number(param) || 0 };
  }
}

const isUtf8 = (b64: string | null) => {
  if (b64 === null) return true;
  try { new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(b64)); return true; } catch { return false; }
};

export function MessageBrowser() {
  const client = useWorkbench();
  const readOnly = useReadOnly();
  const topics = useApp((s) => s.snapshot?.topics);
  const timeZone = useApp((s) => s.settings.timeZone);
  const showView = useApp((s) => s.showView);
  const browserTopic = useWorkbenchUi((s) => s.browserTopic);
  const setBrowserTopic = useWorkbenchUi((s) => s.setBrowserTopic);
  const setProduceDraft = useWorkbenchUi((s) => s.setProduceDraft);
  const visibleTopics = useMemo(() => (topics ?? []).filter((t) => !t.internal), [topics]);
  const topic = browserTopic ?? visibleTopics[0]?.name ?? '';
  const partitionCount = visibleTopics.find((t) => t.name === topic)?.partitions.length ?? 0;
  const [partition, setPartition] = useState<string>('all');
  const [seekKind, setSeekKind] = useState<SeekKind>('newest');
  const [seekParam, setSeekParam] = useState('50');
  const [limit, setLimit] = useState('500');
  const [isolationLevel, setIsolation] = useState<IsolationLevelName>('read_uncommitted');
  const [decoder, setDecoder] = useState<DecoderName>('auto');
  const [selected, setSelected] = useState<BrowsedRecord | null>(null);
  const { view, startScan, startTail, stop } = useScan(client, rendererCapacity);
  const running = view.progress?.state === 'running' || (view.sessionId !== null && view.progress === null);
  const partitions = partition === 'all' ? null : [Number(partition)];

  const scan = () => {
    setSelected(null);
    void startScan({ topic, partitions, seek: seekFrom(seekKind, seekParam), limit: Math.max(1, Number(limit) || 500), isolationLevel });
  };
  const tail = () => {
    setSelected(null);
    void startTail({ topic, partitions, capacity: 2000, isolationLevel });
  };
  const produceAgain = (r: BrowsedRecord) => {
    const utf8 = isUtf8(r.key) && isUtf8(r.value) && r.headers.every((h) => isUtf8(h.value));
    const text = (b64: string | null) => (b64 === null ? null : utf8 ? new TextDecoder().decode(base64ToBytes(b64)) : b64);
    setProduceDraft({ topic: r.topic, partition: r.partition, key: text(r.key), value: text(r.value), headers: r.headers.map((h) => ({ key: h.key, value: text(h.value) })), encoding: utf8 ? 'utf8' : 'base64' });
    showView('produce');
  };
  // A tail reads newest first, so what just arrived is on screen without scrolling.
  const shown = useMemo(() => (view.kind === 'tail' ? [...view.records].reverse() : view.records), [view.kind, view.records]);
  const p = view.progress;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');

  // The host refuses scans and tails to read-only viewers (createHostedApi): say so instead of
  // offering buttons that would only fail.
  if (readOnly) {
    return (
      <div className="wb-browser" data-testid="message-browser">
        <section className="panel" role="status" data-testid="browser-read-only">
          <h2>Records are not shown in a read-only view</h2>
          <p>Scans and the live tail need the access token: anyone who can open this page can open a read-only view, and record keys and values are your data. Follow the presenter's screen, or open the URL with the token.</p>
        </section>
      </div>
    );
  }

  return (
    <div className="wb-browser" data-testid="message-browser">
      <section className="panel">
        <div className="toolbar">
          <label className="field">Topic
            <select value={topic} onChange={(e) => { setBrowserTopic(e.target.value); setPartition('all'); }} data-testid="browser-topic">
              {visibleTopics.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
            </select>
          </label>
          <label className="field">Partition
            <select value={partition} onChange={(e) => setPartition(e.target.value)} data-testid="browser-partition">
              <option value="all">all</option>
              {Array.from({ length: partitionCount }, (_, i) => <option key={i} value={String(i)}>{i}</option>)}
            </select>
          </label>
          <label className="field">Seek
            <select value={seekKind} onChange={(e) => { const k = e.target.value as SeekKind; setSeekKind(k); setSeekParam(k === 'newest' ? '50' : k === 'offset' ? '0' : k === 'timestamp' ? new Date(Date.now() - 60_000).toISOString() : ''); }} data-testid="browser-seek">
              <option value="newest">newest N (per partition)</option>
              <option value="oldest">oldest</option>
              <option value="offset">from offset</option>
              <option value="timestamp">from timestamp</option>
            </select>
          </label>
          {seekKind !== 'oldest' && (
            <label className="field">{seekKind === 'newest' ? 'N' : seekKind === 'offset' ? 'Offset' : 'Timestamp (ISO or ms)'}
              <input value={seekParam} onChange={(e) => setSeekParam(e.target.value)} data-testid="browser-seek-param" size={seekKind === 'timestamp' ? 24 : 8} />
            </label>
          )}
          <label className="field">Limit <input value={limit} onChange={(e) => setLimit(e.target.value)} size={6} data-testid="browser-limit" /></label>
          <label className="field">Isolation
            <select value={isolationLevel} onChange={(e) => setIsolation(e.target.value as IsolationLevelName)}>
              <option value="read_uncommitted">read_uncommitted</option>
              <option value="read_committed">read_committed</option>
            </select>
          </label>
          <label className="field">Decode
            <select value={decoder} onChange={(e) => setDecoder(e.target.value as DecoderName)} data-testid="browser-decoder">
              <option value="auto">auto</option><option value="json">JSON (pretty)</option><option value="utf8">UTF-8 text</option><option value="hex">hex</option>
            </select>
          </label>
          <div className="form-actions">
            <button type="button" className="btn btn-primary" disabled={!topic || running} onClick={scan} data-testid="browser-scan">Scan</button>
            <button type="button" className="btn" disabled={!topic || running} onClick={tail} data-testid="browser-tail">Live tail</button>
            <button type="button" className="btn btn-danger" disabled={!running} onClick={() => void stop()} data-testid="browser-stop">Stop</button>
          </div>
        </div>
        <div className="toolbar wb-progress" data-testid="scan-progress" data-state={p?.state ?? 'idle'}>
          {view.error && <span className="inline-error" role="alert">{view.error}</span>}
          {p && (
            <span>
              {view.kind === 'tail' ? 'Live tail' : 'Scan'} <strong>{p.state}</strong>: {formatInteger(p.records)} records, {formatBytes(p.bytes)} scanned in {(p.elapsedMs / 1000).toFixed(1)} s
              {p.reason && p.state !== 'running' ? ` — ${p.reason}` : ''}
              {(p.dropped > 0 || view.evicted > 0) && <span className="wb-dropped" data-testid="tail-dropped"> · dropped {formatInteger(p.dropped + view.evicted)} (showing the newest {formatInteger(view.records.length)})</span>}
            </span>
          )}
          <span className="toolbar-count">{formatInteger(view.records.length)} shown · times in {timeZoneLabel(timeZone)}</span>
          <button type="button" className="btn btn-small" disabled={view.records.length === 0} onClick={() => download(`${topic}-${stamp}.jsonl`, toJsonLines(view.records, decoder), 'application/x-ndjson')} data-testid="export-jsonl">Export JSON lines</button>
          <button type="button" className="btn btn-small" disabled={view.records.length === 0} onClick={() => download(`${topic}-${stamp}.csv`, toCsv(view.records, decoder), 'text/csv')} data-testid="export-csv">Export CSV</button>
        </div>
        {p?.failedPartitions && p.failedPartitions.length > 0 && (
          <div className="wb-failed-partitions" role="status" data-testid="scan-failed-partitions">
            <strong>{p.failedPartitions.length === 1 ? '1 partition' : `${p.failedPartitions.length} partitions`} could not be read</strong>; the others were {view.kind === 'tail' ? 'tailed' : 'scanned'}:
            <ul>
              {p.failedPartitions.map((f) => (
                <li key={f.partition} data-testid="failed-partition" data-partition={f.partition}>
                  partition {f.partition}: <code>{f.errorName}</code> — {f.message}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <div className="wb-browser-columns">
        <RecordList records={shown} decoder={decoder} timeZone={timeZone} selected={selected ? recordRowKey(selected) : null} onSelect={setSelected} />
        {selected && <RecordDetail record={selected} decoder={decoder} timeZone={timeZone} onProduceAgain={produceAgain} />}
      </div>
    </div>
  );
}
