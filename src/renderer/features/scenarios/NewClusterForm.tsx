/**
 * "New cluster…": replaces the running cluster by a new one of the shape asked for (brokers,
 * racks, dedicated KRaft controllers or combined mode, seed, broker configs). Checked as typed;
 * what only the host can check (broker config names and values) comes back on its field. The old
 * cluster keeps running if anything is refused.
 */
import { useState } from 'react';
import { useAppStoreApi } from '../../store/store-context';
import { draftFieldOf, emptyNewClusterDraft, readNewClusterDraft, type DraftField, type NewClusterDraft } from './new-cluster-draft';

const controllerLabels: Record<NewClusterDraft['controllers'], string> = {
  '0': '0 — combined mode (brokers 1–3 also vote)',
  '1': '1 dedicated controller',
  '3': '3 dedicated controllers',
  '5': '5 dedicated controllers',
};

export const newClusterTitle =
  'Replace the running cluster by a new one: its topics, records, groups and timeline are discarded. Brokers keep their ports where the ids match, so a bootstrap like 127.0.0.1:9092 keeps working; connected clients are disconnected and reconnect to the new cluster.';

export function NewClusterForm({ onDone }: { onDone(message: string | null): void }) {
  const store = useAppStoreApi();
  const [draft, setDraft] = useState(emptyNewClusterDraft);
  const [touched, setTouched] = useState<Partial<Record<DraftField, boolean>>>({});
  const [hostErrors, setHostErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { request, errors } = readNewClusterDraft(draft);
  const shown = (key: DraftField) => (touched[key] ? errors[key] : undefined) ?? hostErrors[key];
  const change = (key: DraftField, value: string) => {
    setDraft({ ...draft, [key]: value });
    setTouched({ ...touched, [key]: true });
    setHostErrors({ ...hostErrors, [key]: undefined });
    setRefusal(null);
  };
  const field = (key: DraftField, label: string, title: string, input: React.ReactNode) => (
    <label className="field" title={title}>
      <span>{label}</span>
      {input}
      {shown(key) && <span className="field-error" role="alert" data-testid={`new-cluster-error-${key}`}>{shown(key)}</span>}
    </label>
  );
  const text = (key: Exclude<DraftField, 'controllers' | 'brokerConfig'>, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input {...extra} name={key} value={draft[key]} aria-invalid={!!shown(key)} data-testid={`new-cluster-${key}`} onChange={(e) => change(key, e.target.value)} />
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched({ brokers: true, racks: true, controllers: true, seed: true, brokerConfig: true });
    if (Object.keys(errors).length > 0 || busy) return;
    setBusy(true);
    try {
      const result = await store.client.newCluster(request);
      if (result.ok) return onDone(result.message);
      const byField: Partial<Record<DraftField, string>> = {};
      for (const error of result.fieldErrors ?? []) byField[draftFieldOf(error.field)] ??= `${error.field}: ${error.message}`;
      setHostErrors(byField);
      setRefusal(`${result.errorName}: ${result.message}`);
    } catch (error) {
      setRefusal(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  const invalid = Object.keys(errors).length > 0;

  return (
    <form className="panel new-cluster" onSubmit={(e) => void submit(e)} data-testid="new-cluster-form" noValidate>
      <h2>New cluster</h2>
      <p className="hint">{newClusterTitle}</p>
      <div className="fields">
        {field('brokers', 'Brokers', 'Number of brokers (node ids 1..N), 1 to 32', text('brokers', { inputMode: 'numeric', autoFocus: true }))}
        {field('racks', 'Racks', 'broker.rack: spread the brokers round-robin over this many racks (rack-a, rack-b, …); replicas of a new topic are then placed on different racks. 0 = no broker.rack', text('racks', { inputMode: 'numeric' }))}
        {field('controllers', 'KRaft controllers', 'Dedicated controller nodes (process.roles=controller, node ids 3000..) form the metadata quorum apart from the brokers, so stopping brokers never loses it. Combined mode: the first up-to-3 brokers are also the voters.', (
          <select value={draft.controllers} data-testid="new-cluster-controllers" onChange={(e) => change('controllers', e.target.value)}>
            {(Object.keys(controllerLabels) as NewClusterDraft['controllers'][]).map((c) => <option key={c} value={c}>{controllerLabels[c]}</option>)}
          </select>
        ))}
        {field('seed', 'Seed', 'Seed of the simulation: the same seed and the same inputs replay the same run. Empty = a random seed.', text('seed', { inputMode: 'numeric', placeholder: 'random' }))}
      </div>
      {field('brokerConfig', 'Broker configs (one name=value per line, optional)', 'Static broker configs by their Kafka names, e.g. min.insync.replicas=2 or unclean.leader.election.enable=true', (
        <textarea name="brokerConfig" rows={3} value={draft.brokerConfig} aria-invalid={!!shown('brokerConfig')} placeholder="min.insync.replicas=2" data-testid="new-cluster-brokerConfig" onChange={(e) => change('brokerConfig', e.target.value)} />
      ))}
      {refusal && <p className="inline-error" role="alert" data-testid="new-cluster-refusal">Not created, the running cluster is unchanged: {refusal}</p>}
      <div className="form-actions">
        <button type="submit" className={`btn btn-primary${invalid || busy ? ' btn-disabled' : ''}`} data-disabled={invalid || busy} title={invalid ? 'Fix the fields marked in red first' : newClusterTitle} data-testid="new-cluster-submit">
          {busy ? 'Creating…' : 'Create and replace the running cluster'}
        </button>
        <button type="button" className="btn" onClick={() => onDone(null)} data-testid="new-cluster-cancel">Cancel</button>
      </div>
    </form>
  );
}
