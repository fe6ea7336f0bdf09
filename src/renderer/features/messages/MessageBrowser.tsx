/**
 * The message browser: pick a topic (all partitions or one), a seek preset (newest N, oldest,
 * from offset, from timestamp) and Scan — a bounded scan with progress and a Stop button — or
 * follow a live tail kept in a capped ring. A filter (text, JMESPath) runs on the host; rows can be
 * sorted or merged chronologically across partitions. Decoders apply to what is shown; export
 * writes the shown records as JSON lines or CSV; a row's "Produce again" opens the produce panel.
 * Inputs are checked before anything is sent (browser-inputs.ts, issue 12).
 */
import { useEffect, useMemo, useState } from 'react';
import type { BrowsedRecord, IsolationLevelName, ScanRequest } from '../../../shared/workbench-contract';
import { formatBytes, formatInteger, formatTime, timeZoneLabel } from '../../components/format';
import { useApp, useReadOnly } from '../../store/store-context';
import { checkBrowserInputs, newestCountRange, parseTimestamp, scanLimitRange, type SeekKind } from './browser-inputs';
import { base64ToBytes, type DecoderName } from './decode';
import { download, toCsv, toJsonLines } from './export-records';
import { emptyFilter, FilterBar, toRecordFilter, type FilterState } from './FilterBar';
import { useProducedRecord } from './produced-record';
import { RecordDetail } from './RecordDetail';
import { RecordList, recordRowKey } from './RecordList';
import { sortFieldLabels, sortRecords, type SortDirection, type SortField } from './sort-records';
import { useScan } from './use-scan';
import { useWorkbench, useWorkbenchUi } from './WorkbenchProvider';

/** Rows the renderer keeps (virtualised): the largest scan limit. */
const rendererCapacity = scanLimitRange.max;

const isUtf8 = (b64: string | null) => {
  if (b64 === null) return true;
  try { new TextDecoder('utf-8', { fatal: true }).decode(base64ToBytes(b64)); return true; } catch { return false; }
};

export function MessageBrowser() {
  const client = useWorkbench();
  const readOnly = useReadOnly();
  const remote = useApp((s) => s.hostInfo?.mode === 'remote');
  const pastMode = useApp((s) => s.timeTravel.mode === 'past');
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
  const [filterState, setFilterState] = useState<FilterState>(emptyFilter);
  const [sortField, setSortField] = useState<SortField>('received');
  const [sortDirection, setSortDirection] = useState<SortDirection>('asc');
  /** The record to select once a scan brings it (set by "show in message browser"). */
  const [focus, setFocus] = useState<{ partition: number; offset: number } | null>(null);
  const { view, startScan, startTail, stop } = useScan(client, rendererCapacity);
  const running = view.progress?.state === 'running' || (view.sessionId !== null && view.progress === null);
  const partitions = partition === 'all' ? null : [Number(partition)];
  const checked = checkBrowserInputs({ seekKind, seekParam, limit });
  const inputErrors = checked.ok ? {} : checked.errors;
  const { filter, error: filterSyntaxError } = toRecordFilter(filterState);
  // The host refuses a filter it cannot run (an unknown function…) and says why: shown at the filter.
  const filterError = filterSyntaxError ?? (view.error?.startsWith('Filter refused: ') ? view.error.slice('Filter refused: '.length) : null);
  const lastProduced = useProducedRecord((s) => s.lastProduced);
  const browseRequest = useProducedRecord((s) => s.browseRequest);

  const run = (request: ScanRequest) => {
    setSelected(null);
    void startScan(request);
  };
  const scan = () => {
    if (!checked.ok || filterSyntaxError) return;
    setFocus(null);
    run({ topic, partitions, seek: checked.seek, limit: checked.limit, isolationLevel, ...(filter ? { filter } : {}) });
  };
  const tail = () => {
    if (filterSyntaxError) return;
    setSelected(null);
    setFocus(null);
    void startTail({ topic, partitions, capacity: 2000, isolationLevel, ...(filter ? { filter } : {}) });
  };

  // "show in message browser" (Produce panel, partition grid): that partition, from that offset.
  useEffect(() => {
    if (!browseRequest || browseRequest.offset === null || readOnly) return;
    const { topic: t, partition: p, offset } = browseRequest;
    setBrowserTopic(t);
    setPartition(String(p));
    setSeekKind('offset');
    setSeekParam(String(offset));
    setFocus({ partition: p, offset });
    run({ topic: t, partitions: [p], seek: { kind: 'offset', offset }, limit: Number(limit) >= 1 && Number(limit) <= scanLimitRange.max ? Number(limit) : 500, isolationLevel });
    // Acts once per request (its revision), not when the inputs it overwrites change.
  }, [browseRequest?.revision]);

  useEffect(() => {
    if (!focus) return;
    const found = view.records.find((r) => r.partition === focus.partition && r.offset === focus.offset);
    if (found) {
      setSelected(found);
      setFocus(null);
    }
  }, [focus, view.records]);
  const produceAgain = (r: BrowsedRecord) => {
    const utf8 = isUtf8(r.key) && isUtf8(r.value) && r.headers.every((h) => isUtf8(h.value));
    const text = (b64: string | null) => (b64 === null ? null : utf8 ? new TextDecoder().decode(base64ToBytes(b64)) : b64);
    setProduceDraft({ topic: r.topic, partition: r.partition, key: text(r.key), value: text(r.value), headers: r.headers.map((h) => ({ key: h.key, value: text(h.value) })), encoding: utf8 ? 'utf8' : 'base64' });
    showView('produce');
  };
  // A tail reads newest first, so what just arrived is on screen without scrolling.
  const shown = useMemo(() => {
    if (sortField === 'received') return view.kind === 'tail' ? sortRecords(view.records, 'received', sortDirection === 'asc' ? 'desc' : 'asc') : sortRecords(view.records, 'received', sortDirection);
    return sortRecords(view.records, sortField, sortDirection);
  }, [view.kind, view.records, sortField, sortDirection]);
  const timestampPreview = seekKind === 'timestamp' ? parseTimestamp(seekParam) : null;
  const p = view.progress;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');

  // The host refuses scans and tails to read-only viewers (createHostedApi): say so instead of
  // offering buttons that would only fail.
  if (readOnly && remote) {
    // Issue 17: the remote source reads no records yet.
    return (
      <div className="wb-browser" data-testid="message-browser">
        <section className="panel" role="status" data-testid="browser-remote">
          <h2>Records of a remote cluster are not read yet</h2>
          <p>This version shows a remote cluster's brokers, topics, partitions, configs and groups; the message browser works on the embedded lab only.</p>
        </section>
      </div>
    );
  }
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
        {pastMode && <p className="hint" role="note" data-testid="browser-past-note">Viewing the past: records are not kept in the session history, so the browser reads the live cluster's logs (records deleted by retention since are gone).</p>}
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
            <label className="field" title={seekKind === 'newest' ? `The last N records of each partition (${formatInteger(newestCountRange.min)}–${formatInteger(newestCountRange.max)})` : seekKind === 'offset' ? 'Start at this offset in each partition: a whole number ≥ 0' : 'Start at the first record with a timestamp at or after this: ISO 8601 (without Z or an offset: your browser\'s local time) or ms since the epoch'}>
              {seekKind === 'newest' ? 'N' : seekKind === 'offset' ? 'Offset' : 'Timestamp (ISO 8601 or ms)'}
              <input value={seekParam} onChange={(e) => setSeekParam(e.target.value)} data-testid="browser-seek-param" size={seekKind === 'timestamp' ? 24 : 8} aria-invalid={inputErrors.seekParam !== undefined} />
              {typeof timestampPreview === 'number' && <span className="hint" data-testid="timestamp-preview">= {formatTime(timestampPreview, timeZone)} {timeZoneLabel(timeZone)}</span>}
            </label>
          )}
          <label className="field" title={`Stop after this many records${filter ? ' that match the filter' : ''} (${formatInteger(scanLimitRange.min)}–${formatInteger(scanLimitRange.max)})`}>Limit
            <input value={limit} onChange={(e) => setLimit(e.target.value)} size={6} data-testid="browser-limit" aria-invalid={inputErrors.limit !== undefined} />
          </label>
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
            <button type="button" className="btn btn-primary" disabled={!topic || running || !checked.ok || filterSyntaxError !== null} onClick={scan} data-testid="browser-scan"
              title={!checked.ok || filterSyntaxError ? 'Fix the fields marked in red first' : 'Read the records from the seek position up to the highWatermark seen at the start, or the limit'}>Scan</button>
            <button type="button" className="btn" disabled={!topic || running || filterSyntaxError !== null} onClick={tail} data-testid="browser-tail"
              title="Follow new records as they arrive (the filter applies; seek and limit do not)">Live tail</button>
            <button type="button" className="btn btn-danger" disabled={!running} onClick={() => void stop()} data-testid="browser-stop">Stop</button>
          </div>
        </div>
        {(inputErrors.seekParam || inputErrors.limit) && (
          <div className="wb-input-errors">
            {inputErrors.seekParam && <span className="field-error" role="alert" data-testid="seek-param-error">{inputErrors.seekParam}</span>}
            {inputErrors.limit && <span className="field-error" role="alert" data-testid="limit-error">{inputErrors.limit}</span>}
          </div>
        )}
        <FilterBar state={filterState} onChange={setFilterState} error={filterError} />
        <div className="toolbar wb-sort">
          <label className="field" title="Order of the rows shown. The chronological merge orders every partition's records by timestamp, ties by partition then offset; Kafka itself orders records only within a partition.">Sort
            <select value={sortField} onChange={(e) => setSortField(e.target.value as SortField)} data-testid="browser-sort">
              {(Object.keys(sortFieldLabels) as SortField[]).map((f) => <option key={f} value={f}>{sortFieldLabels[f]}</option>)}
            </select>
          </label>
          <label className="field" title="Ascending: smallest (or oldest) first">Order
            <select value={sortDirection} onChange={(e) => setSortDirection(e.target.value as SortDirection)} data-testid="browser-sort-direction">
              <option value="asc">ascending</option><option value="desc">descending</option>
            </select>
          </label>
        </div>
        <div className="toolbar wb-progress" data-testid="scan-progress" data-state={p?.state ?? 'idle'}>
          {view.error && !view.error.startsWith('Filter refused: ') && <span className="inline-error" role="alert" data-testid="scan-error">{view.error}</span>}
          {p && (
            <span>
              {view.kind === 'tail' ? 'Live tail' : 'Scan'} <strong>{p.state}</strong>: {formatInteger(p.records)} records, {formatBytes(p.bytes)} scanned in {(p.elapsedMs / 1000).toFixed(1)} s
              {p.matched !== undefined && <strong data-testid="filter-matched" data-matched={p.matched} data-scanned={p.records}> · {formatInteger(p.matched)} matched the filter</strong>}
              {p.reason && p.state !== 'running' ? ` — ${p.reason}` : ''}
              {(p.dropped > 0 || view.evicted > 0) && <span className="wb-dropped" data-testid="tail-dropped"> · dropped {formatInteger(p.dropped + view.evicted)} (showing the newest {formatInteger(view.records.length)})</span>}
            </span>
          )}
          <span className="toolbar-count">{formatInteger(view.records.length)} shown · times in {timeZoneLabel(timeZone)}</span>
          <button type="button" className="btn btn-small" disabled={view.records.length === 0} onClick={() => download(`${topic}-${stamp}.jsonl`, toJsonLines(view.records, decoder), 'application/x-ndjson')} data-testid="export-jsonl">Export JSON lines</button>
          <button type="button" className="btn btn-small" disabled={view.records.length === 0} onClick={() => download(`${topic}-${stamp}.csv`, toCsv(view.records, decoder), 'text/csv')} data-testid="export-csv">Export CSV</button>
        </div>
        {p?.filterErrors && (
          <div className="wb-failed-partitions" role="status" data-testid="filter-eval-errors">
            <strong>{formatInteger(p.filterErrors.count)} record(s) could not be evaluated by the expression</strong> and count as not matching: {p.filterErrors.first}
          </div>
        )}
        {p?.seekNotes && p.seekNotes.length > 0 && (
          <div className="wb-seek-notes" role="status" data-testid="seek-notes">
            <ul>{p.seekNotes.map((note) => <li key={note}>{note}</li>)}</ul>
          </div>
        )}
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
        <RecordList records={shown} decoder={decoder} timeZone={timeZone} selected={selected ? recordRowKey(selected) : null} onSelect={setSelected} lastProduced={lastProduced} />
        {selected && <RecordDetail record={selected} decoder={decoder} timeZone={timeZone} onProduceAgain={produceAgain} />}
      </div>
    </div>
  );
}
