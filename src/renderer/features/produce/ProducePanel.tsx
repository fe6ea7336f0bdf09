/**
 * The produce panel: key, value (or a tombstone), headers, partition (automatic or chosen), acks,
 * compression and delivery (plain, idempotent, transactional). On automatic it shows why the
 * record lands where it does; the result is partition and offset, or the Kafka error explained.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Acks, CompressionCodecName, HeaderInput, ProduceRequest, ProduceResult } from '../../../shared/workbench-contract';
import { useApp, useReadOnly } from '../../store/store-context';
import { useWorkbench, useWorkbenchUi } from '../messages/WorkbenchProvider';
import { producedRecordStore, ShowInBrowserLink } from '../messages/produced-record';
import { LoadGeneratorPanel } from './LoadGeneratorPanel';
import { explainPartition } from './partition-explanation';

export function ProducePanel() {
  const client = useWorkbench();
  const readOnly = useReadOnly();
  const topics = useApp((s) => s.snapshot?.topics);
  const draft = useWorkbenchUi((s) => s.produceDraft);
  const visible = useMemo(() => (topics ?? []).filter((t) => !t.internal), [topics]);
  const [topic, setTopic] = useState('');
  const [partition, setPartition] = useState('auto');
  const [key, setKey] = useState('');
  const [keyNull, setKeyNull] = useState(false);
  const [value, setValue] = useState('');
  const [valueNull, setValueNull] = useState(false);
  const [headers, setHeaders] = useState<HeaderInput[]>([]);
  const [encoding, setEncoding] = useState<'utf8' | 'base64'>('utf8');
  const [acks, setAcks] = useState<Acks>(-1);
  const [compression, setCompression] = useState<CompressionCodecName>('none');
  const [delivery, setDelivery] = useState<ProduceRequest['delivery']>('plain');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ProduceResult | null>(null);

  useEffect(() => {
    if (!draft) return;
    setTopic(draft.topic);
    setPartition(draft.partition === null ? 'auto' : String(draft.partition));
    setKey(draft.key ?? ''); setKeyNull(draft.key === null);
    setValue(draft.value ?? ''); setValueNull(draft.value === null);
    setHeaders(draft.headers); setEncoding(draft.encoding); setResult(null);
  }, [draft]);

  const chosenTopic = topic || visible[0]?.name || '';
  const partitionCount = visible.find((t) => t.name === chosenTopic)?.partitions.length ?? 0;
  const explanation = explainPartition({ key: keyNull ? null : key, encoding, partition: partition === 'auto' ? null : Number(partition), partitionCount });

  const send = async () => {
    setBusy(true);
    setResult(null);
    const request: ProduceRequest = {
      topic: chosenTopic, partition: partition === 'auto' ? null : Number(partition), key: keyNull ? null : key, value: valueNull ? null : value,
      encoding, headers: headers.filter((h) => h.key !== ''), acks, compression, delivery,
    };
    try {
      const answer = await client.produceRecord(request);
      setResult(answer);
      // Issue 12: the partition grid and the message browser highlight where the record landed.
      if (answer.ok) producedRecordStore.getState().setLastProduced({ topic: answer.topic, partition: answer.partition, offset: answer.offset });
    } catch (error) {
      // The host refuses (read-only viewer) or the transport failed; its message says which.
      const text = error instanceof Error ? error.message : String(error);
      const [, name, rest] = /^([A-Z_]+): (.*)$/s.exec(text) ?? [];
      setResult({ ok: false, errorName: name ?? 'NETWORK_EXCEPTION', message: text, explanation: rest ?? `The UI could not get an answer from the Kafka Lab host: ${text}`, retriable: !name, elapsedMs: 0 });
    }
    setBusy(false);
  };

  return (
    <div className="wb-produce" data-testid="produce-panel">
      <section className="panel">
        <h2>Produce a record {encoding === 'base64' && <span className="hint">(fields hold base64: the record's bytes are not UTF-8)</span>}</h2>
        <div className="create-topic"><div className="fields">
          <label className="field">Topic
            <select value={chosenTopic} onChange={(e) => { setTopic(e.target.value); setPartition('auto'); }} data-testid="produce-topic">
              {visible.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
            </select>
          </label>
          <label className="field">Partition
            <select value={partition} onChange={(e) => setPartition(e.target.value)} data-testid="produce-partition">
              <option value="auto">automatic (partitioner)</option>
              {Array.from({ length: partitionCount }, (_, i) => <option key={i} value={String(i)}>{i}</option>)}
            </select>
          </label>
          <label className="field">acks
            <select value={acks} onChange={(e) => setAcks(Number(e.target.value) as Acks)} data-testid="produce-acks">
              <option value={-1}>all (-1): every in-sync replica</option><option value={1}>1: leader only</option><option value={0}>0: no response</option>
            </select>
          </label>
          <label className="field">Compression
            <select value={compression} onChange={(e) => setCompression(e.target.value as CompressionCodecName)} data-testid="produce-compression">
              {(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const).map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label className="field">Delivery
            <select value={delivery} onChange={(e) => setDelivery(e.target.value as ProduceRequest['delivery'])} data-testid="produce-delivery">
              <option value="plain">plain</option><option value="idempotent">idempotent (producerId + sequence)</option><option value="transactional">transactional (commit per record)</option>
            </select>
          </label>
        </div></div>
        <div className="wb-kv">
          <label className="field">Key <span className="hint"><input type="checkbox" checked={keyNull} onChange={(e) => setKeyNull(e.target.checked)} data-testid="produce-key-null" /> null</span>
            <input value={key} disabled={keyNull} onChange={(e) => setKey(e.target.value)} data-testid="produce-key" />
          </label>
          <label className="field">Value <span className="hint"><input type="checkbox" checked={valueNull} onChange={(e) => setValueNull(e.target.checked)} data-testid="produce-value-null" /> null (tombstone)</span>
            <textarea value={value} disabled={valueNull} onChange={(e) => setValue(e.target.value)} rows={4} data-testid="produce-value" />
          </label>
        </div>
        <div className="wb-headers-edit">
          <span className="hint">Headers</span>
          {headers.map((h, i) => (
            <span key={i} className="wb-header-row">
              <input placeholder="key" value={h.key} onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))} data-testid={`produce-header-key-${i}`} />
              <input placeholder="value" value={h.value ?? ''} onChange={(e) => setHeaders(headers.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} data-testid={`produce-header-value-${i}`} />
              <button type="button" className="btn btn-small" onClick={() => setHeaders(headers.filter((_, j) => j !== i))} aria-label="Remove header">×</button>
            </span>
          ))}
          <button type="button" className="btn btn-small" onClick={() => setHeaders([...headers, { key: '', value: '' }])} data-testid="produce-add-header">Add header</button>
        </div>
        <div className="wb-why" data-testid="partition-explanation">
          <strong>{explanation.partition === null ? 'Partition decided when sent' : `→ partition ${explanation.partition}`}</strong>
          <ol>{explanation.steps.map((s, i) => <li key={i}>{s}</li>)}</ol>
        </div>
        <div className="form-actions">
          <button type="button" className="btn btn-primary" disabled={busy || readOnly || !chosenTopic} onClick={() => void send()} data-testid="produce-send" title={readOnly ? 'Read-only viewers cannot produce.' : undefined}>{busy ? 'Sending…' : 'Produce'}</button>
        </div>
        {result && (result.ok ? (
          <p className="wb-result wb-result-ok" role="status" data-testid="produce-result" data-partition={result.partition} data-offset={result.offset ?? ''}>
            Written to <strong>{result.topic}-{result.partition}</strong> at offset <strong>{result.offset ?? 'unknown'}</strong> in {result.elapsedMs} ms{result.note ? ` (${result.note})` : ''}.
            <ShowInBrowserLink record={result} />
          </p>
        ) : (
          <div className="wb-result wb-result-error" role="alert" data-testid="produce-error" data-error={result.errorName}>
            <strong>{result.errorName}</strong>: {result.explanation}
            <div className="hint">{result.message}{result.retriable ? ' · retriable' : ''}</div>
          </div>
        ))}
      </section>
      <LoadGeneratorPanel topics={visible.map((t) => t.name)} />
    </div>
  );
}
