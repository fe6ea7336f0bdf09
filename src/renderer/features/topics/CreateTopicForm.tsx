/** Create a topic: partitions, replication factor and key configs, with inline validation. */
import { useMemo, useState } from 'react';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { disabledReason, draftConfigs, validateCreateTopic, type CreateTopicDraft } from './topic-validation';
import { LiveActions } from '../time-travel/LiveActions';

const emptyDraft: CreateTopicDraft = { name: '', partitions: '3', replicationFactor: '3', minInSyncReplicas: '1', retentionMs: '604800000', cleanupPolicy: 'delete' };

export function CreateTopicForm({ onDone }: { onDone(): void }) {
  const store = useAppStoreApi();
  const topicNames = useApp((s) => s.snapshot?.topics.map((t) => t.name).join('\n') ?? '');
  const runningBrokers = useApp((s) => s.snapshot?.brokers.filter((b) => b.state === 'running').length ?? 0);
  const [draft, setDraft] = useState(emptyDraft);
  const [touched, setTouched] = useState<Partial<Record<keyof CreateTopicDraft, boolean>>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const existing = useMemo(() => new Set(topicNames.split('\n')), [topicNames]);
  const errors = validateCreateTopic(draft, existing, runningBrokers);
  const valid = Object.keys(errors).length === 0;
  const whyDisabled = busy ? 'Creating…' : disabledReason(errors);

  const field = (key: keyof CreateTopicDraft, label: string, input: React.ReactNode) => (
    <label className="field">
      <span>{label}</span>
      {input}
      {touched[key] && errors[key] && <span className="field-error" data-testid={`error-${key}`}>{errors[key]}</span>}
    </label>
  );
  const text = (key: Exclude<keyof CreateTopicDraft, 'cleanupPolicy'>, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input
      {...extra}
      name={key}
      data-testid={`create-${key}`}
      value={draft[key]}
      aria-invalid={!!(touched[key] && errors[key])}
      onChange={(e) => { setDraft({ ...draft, [key]: e.target.value }); setTouched({ ...touched, [key]: true }); setServerError(null); }}
    />
  );

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched({ name: true, partitions: true, replicationFactor: true, minInSyncReplicas: true, retentionMs: true });
    if (!valid || busy) return;
    setBusy(true);
    const result = await store.getState().execute({
      type: 'create-topic', topic: draft.name.trim(), partitions: Number(draft.partitions), replicationFactor: Number(draft.replicationFactor), configs: draftConfigs(draft),
    });
    setBusy(false);
    if (result.ok) {
      setDraft(emptyDraft);
      setTouched({});
      onDone();
    } else setServerError(`${result.errorName}: ${result.message}`);
  };

  return (
    <form className="panel create-topic" onSubmit={submit} data-testid="create-topic-form" noValidate>
      <LiveActions>
      <h2>Create topic</h2>
      <div className="fields">
        {field('name', 'Name', text('name', { placeholder: 'orders', autoFocus: true }))}
        {field('partitions', 'Partitions', text('partitions', { inputMode: 'numeric' }))}
        {field('replicationFactor', 'Replication factor', text('replicationFactor', { inputMode: 'numeric' }))}
        {field('minInSyncReplicas', 'min.insync.replicas', text('minInSyncReplicas', { inputMode: 'numeric' }))}
        {field('retentionMs', 'retention.ms', text('retentionMs', { inputMode: 'numeric' }))}
        {field('cleanupPolicy', 'cleanup.policy', (
          <select value={draft.cleanupPolicy} onChange={(e) => setDraft({ ...draft, cleanupPolicy: e.target.value as CreateTopicDraft['cleanupPolicy'] })}>
            <option value="delete">delete</option>
            <option value="compact">compact</option>
            <option value="compact,delete">compact,delete</option>
          </select>
        ))}
      </div>
      {serverError && <p className="inline-error" role="alert" data-testid="create-topic-server-error">The cluster refused: {serverError}</p>}
      <div className="form-actions">
        {/* Shown disabled but still clickable: a click marks every field so each error shows, and sends nothing; the reason is beside it. */}
        <button type="submit" className={`btn btn-primary${whyDisabled ? ' btn-disabled' : ''}`} data-disabled={whyDisabled !== null} aria-describedby={whyDisabled ? 'create-topic-disabled-reason' : undefined} title={whyDisabled ?? 'Send CreateTopics to the controller'} data-testid="create-topic-submit">Create</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
        {whyDisabled && <span className="hint" id="create-topic-disabled-reason" data-testid="create-topic-disabled-reason">Create is disabled: {whyDisabled}</span>}
      </div>
      </LiveActions>
    </form>
  );
}
