/**
 * Wraps controls that act on the live cluster (forms, produce, consume, offset resets, …): while
 * the past is shown they are disabled together (a fieldset's `disabled`), with the reason as the
 * tooltip. `display: contents`, so wrapping changes no layout.
 */
import type { ReactNode } from 'react';
import { usePastModeReason } from './use-past-mode';

export function LiveActions({ children }: { children: ReactNode }) {
  const reason = usePastModeReason();
  return (
    <fieldset className="live-actions" disabled={!!reason} title={reason ?? undefined} data-testid={reason ? 'live-actions-disabled' : undefined}>
      {children}
    </fieldset>
  );
}
