/** React access to the app store: a provider and a narrow-selector hook. */
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './app-store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** The store itself, for actions and imperative reads. */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useAppStoreApi outside <StoreProvider>');
  return store;
}

/** Reads one slice of state; components re-render only when the selected value changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector);
}

/** True when the viewer may not send commands (or until the host has said otherwise). */
export function useReadOnly(): boolean {
  return useApp((s) => s.hostInfo?.readOnly ?? true);
}
