/** Create one ACL (CreateAcls), every field checked inline in Kafka's words before anything is sent. */
import { useState } from 'react';
import type { AclView } from '../../../shared/security-view';
import { useAppStoreApi } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';
import { emptyAclDraft, OPERATIONS_BY_RESOURCE, PATTERN_TYPES, PERMISSIONS, RESOURCE_TYPES, validateAclDraft, type AclDraft } from './acl-form';

export function CreateAclForm() {
  const store = useAppStoreApi();
  const [draft, setDraft] = useState<AclDraft>(emptyAclDraft);
  const [touched, setTouched] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = validateAclDraft(draft);
  const valid = Object.keys(errors).length === 0;
  const set = (patch: Partial<AclDraft>) => { setDraft({ ...draft, ...patch }); setServerError(null); };
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!valid || busy) return;
    setBusy(true);
    const acl: AclView = { ...draft, principal: draft.principal.trim(), host: draft.host.trim(), resourceName: draft.resourceName.trim() };
    const result = await store.getState().execute({ type: 'create-acl', acl });
    setBusy(false);
    if (result.ok) { setDraft(emptyAclDraft); setTouched(false); } else setServerError(`${result.errorName}: ${result.message}`);
  };
  const error = (key: keyof AclDraft) => touched && errors[key] ? <span className="field-error" data-testid={`acl-error-${key}`}>{errors[key]}</span> : null;
  const select = (key: keyof AclDraft, options: readonly string[], onChange?: (v: string) => void) => (
    <select value={draft[key]} data-testid={`acl-${key}`} onChange={(e) => (onChange ? onChange(e.target.value) : set({ [key]: e.target.value } as Partial<AclDraft>))}>
      {options.map((o) => <option key={o} value={o}>{o}</option>)}
    </select>
  );
  return (
    <form className="panel create-acl" onSubmit={submit} noValidate data-testid="create-acl-form">
      <LiveActions>
        <h3>Create ACL</h3>
        <div className="fields">
          <label className="field"><span>Principal</span><input value={draft.principal} onChange={(e) => set({ principal: e.target.value })} placeholder="User:alice" data-testid="acl-principal" aria-invalid={touched && !!errors.principal} />{error('principal')}</label>
          <label className="field"><span>Host</span><input value={draft.host} onChange={(e) => set({ host: e.target.value })} placeholder="*" data-testid="acl-host" aria-invalid={touched && !!errors.host} />{error('host')}</label>
          <label className="field"><span>Permission</span>{select('permissionType', PERMISSIONS)}</label>
          <label className="field"><span>Operation</span>{select('operation', OPERATIONS_BY_RESOURCE[draft.resourceType])}{error('operation')}</label>
          <label className="field"><span>Resource type</span>{select('resourceType', RESOURCE_TYPES, (v) => {
            const resourceType = v as AclDraft['resourceType'];
            const operation = OPERATIONS_BY_RESOURCE[resourceType].includes(draft.operation) ? draft.operation : OPERATIONS_BY_RESOURCE[resourceType][0]!;
            set(resourceType === 'CLUSTER' ? { resourceType, operation, resourceName: 'kafka-cluster', patternType: 'LITERAL' } : { resourceType, operation });
          })}</label>
          <label className="field"><span>Resource name</span><input value={draft.resourceName} onChange={(e) => set({ resourceName: e.target.value })} placeholder={draft.resourceType === 'CLUSTER' ? 'kafka-cluster' : 'orders, or * for all'} data-testid="acl-resourceName" aria-invalid={touched && !!errors.resourceName} />{error('resourceName')}</label>
          <label className="field"><span>Pattern type</span>{select('patternType', PATTERN_TYPES)}{error('patternType')}</label>
        </div>
        {serverError && <p className="inline-error" role="alert" data-testid="acl-server-error">The cluster refused: {serverError}</p>}
        <div className="form-actions">
          <button type="submit" className={`btn btn-primary${!valid ? ' btn-disabled' : ''}`} title="Send CreateAcls for this ACL to the controller" data-testid="create-acl-submit">{busy ? 'Creating…' : 'Create ACL'}</button>
          {touched && !valid && <span className="hint">Fix the fields marked above; nothing was sent.</span>}
        </div>
      </LiveActions>
    </form>
  );
}
