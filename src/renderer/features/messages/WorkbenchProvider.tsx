/**
 * Gives the workbench views their client (WorkbenchCommands) and their UI store. In the app the
 * client is the same ClusterSource the store uses — the IPC and WebSocket contract carry the
 * workbench methods — so the provider needs no props; tests pass a fake client.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { WorkbenchCommands } from '../../../shared/workbench-contract';
import { useAppStoreApi } from '../../store/store-context';
import { createWorkbenchUiStore, type WorkbenchUiState, type WorkbenchUiStore } from './workbench-ui-store';

interface WorkbenchContextValue {
  client: WorkbenchCommands | null;
  ui: WorkbenchUiStore;
}

const WorkbenchContext = createContext<WorkbenchContextValue | null>(null);

export function WorkbenchProvider({ client = null, children }: { client?: WorkbenchCommands | null; children: ReactNode }) {
  const [ui] = useState(createWorkbenchUiStore);
  return <WorkbenchContext.Provider value={{ client, ui }}>{children}</WorkbenchContext.Provider>;
}

function useWorkbenchContext(): WorkbenchContextValue {
  const value = useContext(WorkbenchContext);
  if (!value) throw new Error('workbench views need <WorkbenchProvider>');
  return value;
}

/** The workbench client: the provider's, else the app's ClusterSource (which carries the workbench methods). */
export function useWorkbench(): WorkbenchCommands {
  const { client } = useWorkbenchContext();
  const app = useAppStoreApi();
  return client ?? (app.client as unknown as WorkbenchCommands);
}

export function useWorkbenchUi<T>(selector: (state: WorkbenchUiState) => T): T {
  return useStore(useWorkbenchContext().ui, selector);
}

/** The workbench UI store when inside a <WorkbenchProvider>, else null (views drawn outside the workbench, e.g. the cluster map in the presenter view). */
export function useWorkbenchUiStoreOrNull(): WorkbenchUiStore | null {
  return useContext(WorkbenchContext)?.ui ?? null;
}
