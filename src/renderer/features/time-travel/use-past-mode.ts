/** Past mode for the controls: why a control that acts on the live cluster is disabled while the past is shown. */
import { useApp } from '../../store/store-context';
import type { ClusterCommand } from '../../../shared';

export const pastModeReason = 'Viewing the past: this acts on the live cluster. Press "Back to live" first.';

/**
 * Commands on the simulation's clock (pause, resume, step, speed) act on the live run, not on
 * the cluster shown; they stay available in past mode, like the live time stamp beside them.
 */
const clockCommands: ReadonlySet<ClusterCommand['type']> = new Set(['pause', 'resume', 'step', 'set-speed']);

/** The reason to disable a live action now (past mode), or null. */
export function usePastModeReason(command?: ClusterCommand): string | null {
  const past = useApp((s) => s.timeTravel.mode === 'past');
  if (!past || (command && clockCommands.has(command.type))) return null;
  return pastModeReason;
}
