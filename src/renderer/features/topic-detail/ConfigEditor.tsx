/** A topic's configs: value, Kafka's default and where the value comes from; editable unless read-only. */
import { memo, useState } from 'react';
import type { ConfigEntryView } from '../../../shared';
import { useAppStoreApi, useReadOnly } from '../../store/store-context';

/** Memoised: snapshot patches keep a topic's configs array while its configs do not change. */
export const ConfigEditor = memo(function ConfigEditor({ topic, configs }: { topic: string; configs: ConfigEntryView[] }) {
  return (
    <section className="panel config-editor" data-testid="config-editor">
      <h2>Configuration</h2>
      <table>
        <thead><tr><th>Name</th><th>Value</th><th>Default</th><th>Source</th></tr></thead>
        <tbody>{configs.map((c) => <ConfigRow key={c.name} topic={topic} entry={c} />)}</tbody>
      </table>
    </section>
  );
});

function ConfigRow({ topic, entry }: { topic: string; entry: ConfigEntryView }) {
  const store = useAppStoreApi();
  const readOnly = useReadOnly() || entry.readOnly;
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shown = entry.sensitive ? '••••' : entry.value ?? '';
  const send = async (value: string | null) => {
    const result = await store.getState().execute({ type: 'alter-topic-config', topic, configs: { [entry.name]: value } });
    if (result.ok) setDraft(null);
    setError(result.ok ? null : `${result.errorName}: ${result.message}`);
  };
  return (
    <tr className={entry.source === 'DYNAMIC_TOPIC_CONFIG' ? 'config-overridden' : ''}>
      <td title={entry.documentation}><code>{entry.name}</code><div className="hint">{entry.documentation}</div></td>
      <td>
        {readOnly ? <code>{shown}</code> : (
          <form onSubmit={(e) => { e.preventDefault(); if (draft !== null) void send(draft); }} className="config-form">
            <input value={draft ?? shown} onChange={(e) => { setDraft(e.target.value); setError(null); }} aria-label={entry.name} data-testid={`config-${entry.name}`} />
            {draft !== null && draft !== entry.value && <button type="submit" className="btn btn-small">Save</button>}
            {entry.source === 'DYNAMIC_TOPIC_CONFIG' && <button type="button" className="btn btn-small" onClick={() => void send(null)} title="Delete the topic override">Reset</button>}
          </form>
        )}
        {error && <div className="inline-error" role="alert">{error}</div>}
      </td>
      <td><code>{entry.defaultValue ?? '—'}</code></td>
      <td className="config-source">{entry.source.replace(/_/g, ' ').toLowerCase()}</td>
    </tr>
  );
}
