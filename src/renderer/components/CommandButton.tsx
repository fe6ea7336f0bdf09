/**
 * A button that sends one ClusterCommand and shows the host's refusal inline next to itself
 * (the CommandResult's error name and sentence), so failures are never silent.
 */
import { useState } from 'react';
import type { ClusterCommand } from '../../shared';
import { useAppStoreApi } from '../store/store-context';
import { usePastModeReason } from '../features/time-travel/use-past-mode';

export interface CommandButtonProps {
  command: ClusterCommand;
  label: string;
  title?: string;
  variant?: 'danger' | 'normal';
  testId?: string;
  /**
   * Why the action cannot work right now (null/undefined: it can). The button is then disabled,
   * the reason is its tooltip, and with `showReason` it is also written next to the button.
   */
  disabledReason?: string | null;
  showReason?: boolean;
}

export function CommandButton({ command, label, title, variant = 'normal', testId, disabledReason: ownReason, showReason = false }: CommandButtonProps) {
  const store = useAppStoreApi();
  // Issue 13: while the past is shown, commands on the live cluster wait for "Back to live".
  const pastReason = usePastModeReason(command);
  const disabledReason = pastReason ?? ownReason;
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
    // A disabled button gets no pointer events in some browsers: the reason sits on the wrapper too.
    <span className="command" title={disabledReason ?? undefined}>
      <button type="button" className={`btn ${variant === 'danger' ? 'btn-danger' : ''}`} disabled={busy || !!disabledReason} aria-disabled={!!disabledReason}
        title={disabledReason ?? title} onClick={run} data-testid={testId} data-disabled-reason={disabledReason ?? undefined}>
        {label}
      </button>
      {disabledReason && showReason && <span className="disabled-reason" role="note" data-testid={testId ? `${testId}-reason` : undefined}>{disabledReason}</span>}
      {error && <span className="inline-error" role="alert">{error}</span>}
    </span>
  );
}
