/**
 * "Reset lab" and "Delete lab" (issue 15), each behind a confirmation that says exactly what will
 * be deleted (path and size, or the bytes held in memory) and that it cannot be undone. Refused
 * for read-only viewers by the host (CLUSTER_AUTHORIZATION_FAILED); here the buttons say so too.
 */
import { useState } from 'react';
import type { StorageInfo } from '../../../shared/storage-contract';
import { formatBytes } from '../../components/format';
import { useAppStoreApi, useReadOnly } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';
import { deleteLabWarning, resetLabWarning } from './storage-text';

const readOnlyReason = 'Read-only view: resetting or deleting a lab needs the access token.';

export function ResetLabButton({ info, onDone }: { info: StorageInfo; onDone(): void }) {
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);
  const reset = async () => {
    setBusy(true);
    try {
      const result = await store.client.resetLab();
      setOutcome(result.ok
        ? { ok: true, text: `Lab reset: ${formatBytes(result.value.freedBytes)} deleted; the cluster started again empty.` }
        : { ok: false, text: `${result.errorName}: ${result.message}` });
    } catch (error) {
      setOutcome({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
      setConfirming(false);
      onDone();
    }
  };
  if (readOnly) return <button type="button" className="btn btn-danger" disabled aria-disabled title={readOnlyReason} data-testid="reset-lab">Reset lab…</button>;
  return (
    <div className="lab-action">
      <LiveActions>
        {!confirming && <button type="button" className="btn btn-danger" onClick={() => { setConfirming(true); setOutcome(null); }} data-testid="reset-lab"
          title="Delete every topic and record of this lab and start it again empty (asks first)">Reset lab…</button>}
        {confirming && (
          <div className="confirm-box" role="alertdialog" aria-label="Confirm reset lab" data-testid="reset-lab-confirm">
            <p>{resetLabWarning(info)}</p>
            <button type="button" className="btn btn-danger" onClick={reset} disabled={busy} data-testid="reset-lab-confirm-button">
              {busy ? 'Resetting…' : `Reset lab: delete ${formatBytes(info.totalBytes)}`}
            </button>
            <button type="button" className="btn" onClick={() => setConfirming(false)} disabled={busy} data-testid="reset-lab-cancel">Cancel</button>
          </div>
        )}
      </LiveActions>
      {outcome && <span className={outcome.ok ? 'lab-outcome' : 'inline-error'} role={outcome.ok ? 'status' : 'alert'} data-testid="reset-lab-outcome">{outcome.text}</span>}
    </div>
  );
}

export function DeleteLabButton({ lab, onDone }: { lab: StorageInfo['labs'][number]; onDone(): void }) {
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (lab.current) return <span className="hint" title="The running lab cannot be deleted; Reset lab empties it.">running</span>;
  if (readOnly) return <button type="button" className="btn btn-small btn-danger" disabled aria-disabled title={readOnlyReason}>Delete…</button>;
  const remove = async () => {
    try {
      const result = await store.client.deleteLab(lab.name);
      if (result.ok) { setConfirming(false); onDone(); } else setError(`${result.errorName}: ${result.message}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <LiveActions>
      {!confirming && <button type="button" className="btn btn-small btn-danger" onClick={() => { setConfirming(true); setError(null); }} data-testid={`delete-lab-${lab.name}`}
        title={`Delete lab ${lab.name} from disk (asks first)`}>Delete…</button>}
      {confirming && (
        <div className="confirm-box" role="alertdialog" aria-label={`Confirm delete lab ${lab.name}`}>
          <p>{deleteLabWarning(lab)}</p>
          <button type="button" className="btn btn-danger" onClick={remove} data-testid={`delete-lab-confirm-${lab.name}`}>Delete {lab.name}: {formatBytes(lab.bytes)}</button>
          <button type="button" className="btn" onClick={() => setConfirming(false)}>Cancel</button>
        </div>
      )}
      {error && <span className="inline-error" role="alert">{error}</span>}
    </LiveActions>
  );
}
