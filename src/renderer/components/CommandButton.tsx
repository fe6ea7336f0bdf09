/**
 * A button that sends one ClusterCommand and shows the host's refusal inline next to itself
 * (the CommandResult's error name and sentence), so failures are never silent.
 */
import { useState } from 'react';
import type { ClusterCommand } from '../../shared';
import { useAppStoreApi } from '../store/store-context';

export interface CommandButtonProps {
  command: ClusterCommand;
  label: string;
  title?: string;
  variant?: 'danger' | 'normal';
  testId?: string;
}

export function CommandButton({ command, label, title, variant = 'normal', testId }: CommandButtonProps) {
  const store = useAppStoreApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    const result = await store.getState().execute(command);
    setBusy(false);
    if (!result.ok) setError(`${result.errorName}: ${result.message}`);
  };
  return (
    <span className="command">
      <button type="button" className={`btn ${variant === 'danger' ? 'btn-danger' : ''}`} disabled={busy} title={title} onClick={run} data-testid={testId}>
        {label}
      </button>
      {error && <span className="inline-error" role="alert">{error}</span>}
    </span>
  );
}
