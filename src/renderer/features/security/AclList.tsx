/** The ACLs in the cluster metadata, in Kafka's vocabulary, each deletable after a confirmation. */
import { useState } from 'react';
import type { AclView } from '../../../shared/security-view';
import { useAppStoreApi } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';
import { aclKey, aclSentence } from './acl-form';

export function AclList({ acls, readOnly }: { acls: AclView[]; readOnly: boolean }) {
  if (acls.length === 0) return <p className="empty" data-testid="acl-empty">No ACLs. Add one below, or with kafka-acls / an Admin client (CreateAcls).</p>;
  return (
    <table className="security-table" data-testid="acl-table">
      <thead>
        <tr><th>Principal</th><th>Host</th><th>Permission</th><th>Operation</th><th>Resource type</th><th>Resource name</th><th>Pattern type</th>{!readOnly && <th />}</tr>
      </thead>
      <tbody>
        {acls.map((a) => (
          <tr key={aclKey(a)} data-testid="acl-row" title={aclSentence(a)}>
            <td><code>{a.principal}</code></td>
            <td><code>{a.host}</code></td>
            <td className={a.permissionType === 'DENY' ? 'acl-deny' : 'acl-allow'}>{a.permissionType}</td>
            <td>{a.operation}</td>
            <td>{a.resourceType}</td>
            <td><code>{a.resourceName}</code></td>
            <td>{a.patternType}</td>
            {!readOnly && <td><DeleteAclButton acl={a} /></td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DeleteAclButton({ acl }: { acl: AclView }) {
  const store = useAppStoreApi();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const result = await store.getState().execute({ type: 'delete-acl', acl });
    if (result.ok) setConfirming(false);
    else setError(`${result.errorName}: ${result.message}`);
  };
  if (error) return <span className="inline-error" role="alert">{error}</span>;
  if (!confirming) return <LiveActions><button type="button" className="btn btn-small" title={`DeleteAcls for exactly this ACL: ${aclSentence(acl)}`} onClick={() => setConfirming(true)} data-testid="delete-acl">Delete</button></LiveActions>;
  return (
    <span className="confirm"><LiveActions>
      <button type="button" className="btn btn-small btn-danger" onClick={remove} data-testid="confirm-delete-acl">Delete this ACL?</button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>Keep</button>
    </LiveActions></span>
  );
}
