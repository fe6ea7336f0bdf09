/**
 * The produce panel: key, value (or a tombstone), headers, partition (automatic or chosen), acks,
 * compression and delivery (plain, idempotent, transactional). On automatic it shows why the
 * record lands where it does; while the record is on its way it shows each failed attempt (polled
 * with getProduceProgress); the result is partition and offset, acks=0's "no answer", or the
 * Kafka error explained.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { uiProducerRetryPolicy, type Acks, type CompressionCodecName, type HeaderInput, type ProduceProgress, type ProduceRequest, type ProduceResult } from '../../../shared/workbench-contract';
import { useApp, useReadOnly } from '../../store/store-context';
import { useWorkbench, useWorkbenchUi } from '../messages/WorkbenchProvider';
import { producedRecordStore } from '../messages/produced-record';
import { LoadGeneratorPanel } from './LoadGeneratorPanel';
import { explainPartition } from './partition-explanation';
import { ProduceInFlight, ProduceOutcome } from './ProduceOutcome';
import { refuseOversized } from './produce-size';
import './produce.css';
import { LiveActions } from '../time-travel/LiveActions';
import { ExplainButton } from '../explainers/ExplainButton';

/** What each acks value means, as Kafka's producer documentation (ProducerConfig `acks`) says it. */
export const acksMeaning: Record<Acks, string> = {
  [-1]: 'acks=all: the leader answers once every in-sync replica has the record; with fewer in sync than min.insync.replicas it refuses (NOT_ENOUGH_REPLICAS).',
  1: 'acks=1: the leader answers once the record is in its own log; followers may not have it yet, so it is lost if the leader fails first.',
  0: 'acks=0: the broker sends no response at all: no offset, no error, no confirmation that the record was written.',
};

const deliveryMeaning: Record<ProduceRequest['delivery'], string> = {
  plain: 'plain: no producerId; a retried record may be written twice.',
  idempotent: 'idempotent: producerId + sequence numbers, so the broker drops a retried duplicate; requires acks=all (KIP-98).',
  transactional: 'transactional: each record in its own transaction, committed (a COMMIT marker follows it); requires acks=all (KIP-98).',
};

const retryPolicyText = `This panel's producer makes at most ${uiProducerRetryPolicy.maxAttempts} attempts, ${uiProducerRetryPolicy.retryBackoffMs} ms apart and doubling (retry.backoff.ms), and retries neither a timeout nor acks=0, so you see the broker's answer; a Kafka producer would keep retrying for delivery.timeout.ms (120 s).`;

const pollMs = 150;

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
  const [progress, setProgress] = useState<ProduceProgress | null>(null);
  const poller = useRef<ReturnType<typeof setInterval> | null>(null);
  const stopPolling = () => {
    if (poller.current) clearInterval(poller.current);
    poller.current = null;
  };
  useEffect(() => stopPolling, []);

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

  const effectiveAcks: Acks = delivery === 'plain' ? acks : -1;

  const send = async () => {
    setResult(null);
    setProgress(null);
    const requestId = `produce-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    const request: ProduceRequest = {
      topic: chosenTopic, partition: partition === 'auto' ? null : Number(partition), key: keyNull ? null : key, value: valueNull ? null : value,
      encoding, headers: headers.filter((h) => h.key !== ''), acks: effectiveAcks, compression, delivery, requestId,
    };
    const refusal = refuseOversized(request);
    if (refusal) {
      setResult({ ok: false, ...refusal, message: 'not sent', retriable: false, elapsedMs: 0 });
      return;
    }
    setBusy(true);
    stopPolling();
    poller.current = setInterval(() => {
      client.getProduceProgress(requestId).then((p) => { if (p && poller.current) setProgress(p); }).catch(() => {});
    }, pollMs);
    try {
      const answer = await client.produceRecord(request);
      setResult(answer);
      // Issue 12: the partition grid and the message browser highlight where the record landed.
      if (answer.ok && answer.partition !== null) producedRecordStore.getState().setLastProduced({ topic: answer.topic, partition: answer.partition, offset: answer.offset });
    } catch (error) {
      // The host refuses (read-only viewer) or the transport failed; its message says which.
      const text = error instanceof Error ? error.message : String(error);
      const [, name, rest] = /^([A-Z_]+): (.*)$/s.exec(text) ?? [];
      setResult({ ok: false, errorName: name ?? 'NETWORK_EXCEPTION', message: text, explanation: rest ?? `The UI could not get an answer from the Kafka Lab host: ${text}`, retriable: !name, elapsedMs: 0 });
    }
    stopPolling();
    setProgress(null);
    setBusy(false);
  };

  return (
    <LiveActions>
    <div className="wb-produce" data-testid="produce-panel">
      <section className="panel">
        <h2>Produce a record <ExplainButton concept="producer" /> {encoding === 'base64' && <span className="hint">(fields hold base64: the record's bytes are not UTF-8)</span>}</h2>
        <div className="create-topic"><div className="fields">
          <label className="field">Topic
            <select value={chosenTopic} onChange={(e) => { setTopic(e.target.value); setPartition('auto'); }} data-testid="produce-topic">
              {visible.map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
            </select>
          </label>
          <label className="field" title="automatic: Kafka's default partitioner decides (murmur2 of the key; round-robin in kafkajs for a null key). A number: the record goes to that partition, the partitioner is not asked.">Partition
            <select value={partition} onChange={(e) => setPartition(e.target.value)} data-testid="produce-partition">
              <option value="auto">automatic (partitioner)</option>
              {Array.from({ length: partitionCount }, (_, i) => <option key={i} value={String(i)}>{i}</option>)}
            </select>
          </label>
          <label className="field" title={delivery === 'plain' ? acksMeaning[effectiveAcks] : `${delivery} delivery requires acks=all (KIP-98).`}><span>acks <ExplainButton concept="delivery-semantics" label="What do acks and delivery semantics mean?" /></span>
            <select value={effectiveAcks} disabled={delivery !== 'plain'} onChange={(e) => setAcks(Number(e.target.value) as Acks)} data-testid="produce-acks">
              <option value={-1}>all (-1): every in-sync replica</option><option value={1}>1: leader only</option><option value={0}>0: no response</option>
            </select>
          </label>
          <label className="field" title="compression.type of this producer: it compresses the record batch before sending; a topic whose compression.type is producer (the default) keeps the batch as sent, and max.message.bytes applies to the compressed batch.">Compression
            <select value={compression} onChange={(e) => setCompression(e.target.value as CompressionCodecName)} data-testid="produce-compression">
              {(['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const).map((c) => <option key={c} value={c}>{c}</option>)}
            </select>
          </label>
          <label className="field" title={deliveryMeaning[delivery]}><span>Delivery <ExplainButton concept="idempotence" /> <ExplainButton concept="transactions" /></span>
            <select value={delivery} onChange={(e) => setDelivery(e.target.value as ProduceRequest['delivery'])} data-testid="produce-delivery">
              <option value="plain">plain</option><option value="idempotent">idempotent (producerId + sequence)</option><option value="transactional">transactional (commit per record)</option>
            </select>
          </label>
        </div></div>
        <p className="hint" data-testid="produce-acks-meaning">{acksMeaning[effectiveAcks]} {delivery !== 'plain' ? deliveryMeaning[delivery] : ''}</p>
        <div className="wb-kv">
          <label className="field" title="The record key: bytes the partitioner hashes and compaction keeps the latest value of. null sends no key at all (not an empty one)."><span>Key <ExplainButton concept="record-key" /> <span className="hint"><input type="checkbox" checked={keyNull} onChange={(e) => setKeyNull(e.target.checked)} data-testid="produce-key-null" /> null</span></span>
            <input value={key} disabled={keyNull} onChange={(e) => setKey(e.target.value)} data-testid="produce-key" />
          </label>
          <label className="field" title="The record value. null makes a tombstone: on a compacted topic it deletes the key.">Value <span className="hint"><input type="checkbox" checked={valueNull} onChange={(e) => setValueNull(e.target.checked)} data-testid="produce-value-null" /> null (tombstone)</span>
            <textarea value={value} disabled={valueNull} onChange={(e) => setValue(e.target.value)} rows={4} data-testid="produce-value" />
          </label>
        </div>
        <div className="wb-headers-edit">
          <span className="hint" title="Record headers (key → value bytes). A header without a key is not sent.">Headers</span>
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
        <p className="hint" data-testid="produce-retry-policy">{retryPolicyText}</p>
        {busy && <ProduceInFlight progress={progress} acks={effectiveAcks} />}
        {result && <ProduceOutcome result={result} />}
      </section>
      <LoadGeneratorPanel topics={visible.map((t) => t.name)} />
    </div>
    </LiveActions>
  );
}
