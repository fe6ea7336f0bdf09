/** Polls the host's workbench status (load generators, UI consumers) while a view shows it. */
import { useCallback, useEffect, useState } from 'react';
import type { WorkbenchCommands, WorkbenchStatus } from '../../../shared/workbench-contract';

export function useWorkbenchStatus(client: WorkbenchCommands, pollMs = 1000): { status: WorkbenchStatus | null; refresh(): void } {
  const [status, setStatus] = useState<WorkbenchStatus | null>(null);
  const refresh = useCallback(() => {
    client.getWorkbenchStatus().then(setStatus, () => {});
  }, [client]);
  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, pollMs);
    return () => clearInterval(timer);
  }, [refresh, pollMs]);
  return { status, refresh };
}
