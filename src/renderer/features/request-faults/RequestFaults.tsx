/**
 * Request faults (issue 18), beside the clients they are for: arm a rule that answers the next N
 * requests of an API with a Kafka error, delays their responses, or closes the connection —
 * optionally only for one topic (partition), client.id or broker — and see the armed rules count
 * down. Only real clients' requests over the wire are hit (yours, and the UI's own kafkajs clients),
 * not a scenario's simulated clients. Each hit appears on the timeline with the client it hit.
 */
import { useState } from 'react';
import { COMMON_FAULT_APIS, COMMON_FAULT_ERRORS, describeRequestFault } from '../../../shared/request-faults';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';
import { checkFaultDraft, emptyFaultDraft, type FaultDraft } from './fault-form';

const ACTION_TITLES: Record<FaultDraft['kind'], string> = {
  error: 'Answer the request with this Kafka error in every errorCode of the response, as a broker would (the request is not processed)',
  delay: 'Process the request at once, but send its response this many wall-clock ms later; the connection\'s later responses wait behind it',
  disconnect: 'Close the connection instead of answering, as after a network failure (the request is not processed)',
};

export function RequestFaults() {
  const readOnly = useReadOnly();
  const store = useAppStoreApi();
  const faults = useApp((s) => s.snapshot?.requestFaults);
  const topics = useApp((s) => s.snapshot?.topics);
  const brokers = useApp((s) => s.snapshot?.brokers);
  const connections = useApp((s) => s.snapshot?.connections);
  const [draft, setDraft] = useState<FaultDraft>(emptyFaultDraft);
  const [touched, setTouched] = useState(false);
  const [serverAnswer, setServerAnswer] = useState<{ ok: boolean; text: string } | null>(null);
  if (faults === undefined) return null;
  const checked = checkFaultDraft(draft);
  const errors = 'errors' in checked ? checked.errors : {};
  const set = (patch: Partial<FaultDraft>) => { setDraft({ ...draft, ...patch }); setServerAnswer(null); };
  const clientIds = [...new Set((connections ?? []).map((c) => c.clientId).filter((c): c is string => c !== null))].sort();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!('spec' in checked)) return;
    const result = await store.getState().execute({ type: 'inject-request-fault', fault: checked.spec });
    setServerAnswer(result.ok ? { ok: true, text: `Armed: ${result.message ?? describeRequestFault(checked.spec)}` } : { ok: false, text: `The cluster refused: ${result.errorName}: ${result.message}` });
    if (result.ok) setTouched(false);
  };
  const remove = async (faultId?: number) => {
    const result = await store.getState().execute(faultId === undefined ? { type: 'clear-request-faults' } : { type: 'clear-request-faults', faultId });
    setServerAnswer(result.ok ? null : { ok: false, text: `${result.errorName}: ${result.message}` });
  };
  const fieldError = (key: keyof FaultDraft) => touched && errors[key] ? <span className="field-error" data-testid={`fault-error-${key}`}>{errors[key]}</span> : null;
  return (
    <section className="panel request-faults" data-testid="request-faults">
      <h3 title="What librdkafka's mock cluster and franz-go's kfake offer for testing clients, recorded in the session like every other fault">Request faults — test how your clients handle Kafka's errors</h3>
      {!readOnly && (
        <form onSubmit={submit} noValidate data-testid="request-fault-form">
          <LiveActions>
            <div className="fields">
              <label className="field" title="The Kafka API whose requests are hit (the request header's apiKey)"><span>API</span>
                <select value={draft.apiName} onChange={(e) => set({ apiName: e.target.value })} data-testid="fault-api">
                  {COMMON_FAULT_APIS.map((a) => <option key={a} value={a}>{a}</option>)}
                </select>
              </label>
              <label className="field" title={ACTION_TITLES[draft.kind]}><span>Answer with</span>
                <select value={draft.kind} onChange={(e) => set({ kind: e.target.value as FaultDraft['kind'] })} data-testid="fault-kind">
                  <option value="error">a Kafka error</option>
                  <option value="delay">a delayed response</option>
                  <option value="disconnect">a closed connection</option>
                </select>
              </label>
              {draft.kind === 'error' && (
                <label className="field field-wide" title="Retriable errors (NOT_LEADER_OR_FOLLOWER, REQUEST_TIMED_OUT…) make clients refresh metadata and retry; others reach the application"><span>Error</span>
                  <select value={draft.errorName} onChange={(e) => set({ errorName: e.target.value })} data-testid="fault-error">
                    {COMMON_FAULT_ERRORS.map((n) => <option key={n} value={n}>{n}</option>)}
                  </select>
                </label>
              )}
              {draft.kind === 'delay' && (
                <label className="field" title="Wall-clock milliseconds: compare with the client's request.timeout.ms (kafkajs requestTimeout)"><span>Delay (ms)</span>
                  <input value={draft.delayMs} onChange={(e) => set({ delayMs: e.target.value })} inputMode="numeric" aria-invalid={touched && !!errors.delayMs} data-testid="fault-delay" />{fieldError('delayMs')}
                </label>
              )}
              <label className="field" title="How many matching requests the rule hits; then it is gone"><span>Next requests</span>
                <input value={draft.count} onChange={(e) => set({ count: e.target.value })} inputMode="numeric" aria-invalid={touched && !!errors.count} data-testid="fault-count" />{fieldError('count')}
              </label>
              <label className="field" title="Only requests that name this topic; any request of the API when empty"><span>Topic</span>
                <select value={draft.topic} onChange={(e) => set({ topic: e.target.value, partition: e.target.value ? draft.partition : '' })} data-testid="fault-topic">
                  <option value="">any</option>
                  {(topics ?? []).filter((t) => !t.internal).map((t) => <option key={t.name} value={t.name}>{t.name}</option>)}
                </select>
              </label>
              <label className="field" title="Only requests that name this partition of the topic; empty for any partition"><span>Partition</span>
                <input value={draft.partition} onChange={(e) => set({ partition: e.target.value })} placeholder="any" inputMode="numeric" aria-invalid={touched && !!errors.partition} data-testid="fault-partition" />{fieldError('partition')}
              </label>
              <label className="field" title="Only requests whose client.id is this (the connected clients are offered); empty for every client"><span>client.id</span>
                <input value={draft.clientId} onChange={(e) => set({ clientId: e.target.value })} placeholder="any" list="fault-client-ids" data-testid="fault-client" />
                <datalist id="fault-client-ids">{clientIds.map((c) => <option key={c} value={c} />)}</datalist>
              </label>
              <label className="field" title="Only requests sent to this broker"><span>Broker</span>
                <select value={draft.brokerId} onChange={(e) => set({ brokerId: e.target.value })} data-testid="fault-broker">
                  <option value="">any</option>
                  {(brokers ?? []).map((b) => <option key={b.brokerId} value={String(b.brokerId)}>broker {b.brokerId}</option>)}
                </select>
              </label>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" data-testid="fault-arm"
                title={'spec' in checked ? `Arm: ${describeRequestFault(checked.spec)}` : 'Fix the fields marked; nothing is sent'}>Arm fault</button>
              {serverAnswer && <span className={serverAnswer.ok ? 'hint' : 'inline-error'} role={serverAnswer.ok ? 'status' : 'alert'} data-testid="fault-answer">{serverAnswer.text}</span>}
            </div>
          </LiveActions>
        </form>
      )}
      {faults.length === 0
        ? <p className="hint" data-testid="request-faults-none">No request fault is armed.</p>
        : (
          <ul className="request-fault-list" data-testid="request-fault-list">
            {faults.map((f) => (
              <li key={f.faultId} data-testid="request-fault" data-fault-id={f.faultId}>
                <span data-testid="request-fault-text">#{f.faultId} {describeRequestFault(f)}</span>
                {' '}<span className="count-muted" data-testid="request-fault-progress">{f.hits} hit, {f.remaining} to go</span>
                {!readOnly && <button type="button" className="btn btn-small" title={`Disarm fault ${f.faultId}: its remaining ${f.remaining} requests are answered normally`} onClick={() => void remove(f.faultId)} data-testid="request-fault-remove">Remove</button>}
              </li>
            ))}
            {!readOnly && faults.length > 1 && <li><button type="button" className="btn btn-small" title="Disarm every request fault" onClick={() => void remove()} data-testid="request-faults-clear">Remove all</button></li>}
          </ul>
        )}
    </section>
  );
}
