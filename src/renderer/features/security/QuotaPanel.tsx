/** Client quotas (KIP-546): the configured ones with Remove, and a form to set one key of one entity. */
import { useState } from 'react';
import { formatQuotaEntity, type ClientQuotaView } from '../../../shared/security-view';
import { useAppStoreApi } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';
import { QUOTA_KEYS, quotaEntity, validateQuotaDraft, type QuotaDraft } from './acl-form';

const emptyQuota: QuotaDraft = { user: '', clientId: '', key: 'producer_byte_rate', value: '' };

export function QuotaPanel({ quotas, readOnly }: { quotas: ClientQuotaView[]; readOnly: boolean }) {
  const store = useAppStoreApi();
  const [draft, setDraft] = useState(emptyQuota);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const errors = validateQuotaDraft(draft);
  const valid = Object.keys(errors).length === 0;
  const run = async (command: Parameters<ReturnType<typeof store.getState>['execute']>[0]) => {
    const result = await store.getState().execute(command);
    setServerError(result.ok ? null : `${result.errorName}: ${result.message}`);
    return result.ok;
  };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid) return;
    if (await run({ type: 'set-client-quota', entity: quotaEntity(draft), key: draft.key, value: Number(draft.value) })) { setDraft(emptyQuota); setTouched(false); }
  };
  const rows = quotas.flatMap((q) => Object.entries(q.values).map(([key, value]) => ({ q, key, value })));
  return (
    <div data-testid="quota-panel">
      {rows.length === 0 ? <p className="empty">No client quotas: every client may produce and fetch as fast as the broker goes.</p> : (
        <table className="security-table" data-testid="quota-table">
          <thead><tr><th>Entity</th><th>Quota</th><th>Value</th>{!readOnly && <th />}</tr></thead>
          <tbody>
            {rows.map(({ q, key, value }) => (
              <tr key={`${formatQuotaEntity(q.entity)} ${key}`} data-testid="quota-row">
                <td><code>{formatQuotaEntity(q.entity)}</code></td>
                <td>{key}</td>
                <td>{value}{key === 'request_percentage' ? ' %' : ' bytes/s'}</td>
                {!readOnly && <td><LiveActions><button type="button" className="btn btn-small" title={`AlterClientQuotas: remove ${key} for ${formatQuotaEntity(q.entity)}`} onClick={() => void run({ type: 'set-client-quota', entity: q.entity, key, value: null })}>Remove</button></LiveActions></td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {serverError && <p className="inline-error" role="alert" data-testid="quota-server-error">The cluster refused: {serverError}</p>}
      {!readOnly && (
        <form className="panel set-quota" onSubmit={submit} noValidate data-testid="set-quota-form">
          <LiveActions>
            <h3>Set a quota</h3>
            <div className="fields">
              <label className="field"><span>user</span><input value={draft.user} placeholder="alice, or <default>" onChange={(e) => setDraft({ ...draft, user: e.target.value })} data-testid="quota-user" />{touched && errors.user && <span className="field-error">{errors.user}</span>}</label>
              <label className="field"><span>client-id</span><input value={draft.clientId} placeholder="my-app, or <default>" onChange={(e) => setDraft({ ...draft, clientId: e.target.value })} data-testid="quota-client-id" /></label>
              <label className="field"><span>Quota</span><select value={draft.key} onChange={(e) => setDraft({ ...draft, key: e.target.value as QuotaDraft['key'] })} data-testid="quota-key">{QUOTA_KEYS.map((k) => <option key={k} value={k}>{k}</option>)}</select></label>
              <label className="field"><span>{draft.key === 'request_percentage' ? 'Percent of a request thread' : 'Bytes per second'}</span><input value={draft.value} inputMode="decimal" onChange={(e) => setDraft({ ...draft, value: e.target.value })} data-testid="quota-value" />{touched && errors.value && <span className="field-error">{errors.value}</span>}</label>
            </div>
            <div className="form-actions"><button type="submit" className={`btn btn-primary${!valid ? ' btn-disabled' : ''}`} title="Send AlterClientQuotas for this entity and key" data-testid="set-quota-submit">Set quota</button></div>
          </LiveActions>
        </form>
      )}
    </div>
  );
}
