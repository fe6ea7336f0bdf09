/**
 * Issue 17: the window's root — owns which cluster is shown. The embedded lab's store lives for
 * the whole session; picking a remote profile builds a store over a RemoteClusterSource, and the
 * views (App, remounted for the new store) draw it as they draw the lab.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ClusterSource } from '../../../shared/cluster-source';
import { createRemoteSource, type RemoteClusterSource } from '../../client/remote-source';
import { createAppStore, type AppStore } from '../../store/app-store';
import { StoreProvider } from '../../store/store-context';
import type { SettingsStorage } from '../../store/settings-slice';
import { ClusterChoiceContext, LAB_CHOICE, type ClusterChoice } from './cluster-choice';

export function ClusterRoot({ base, labStore, storage, children }: { base: ClusterSource; labStore: AppStore; storage: SettingsStorage | null; children: ReactNode }) {
  const [current, setCurrent] = useState(LAB_CHOICE);
  const [remote, setRemote] = useState<{ source: RemoteClusterSource; store: AppStore } | null>(null);
  const [profilesVersion, setProfilesVersion] = useState(0);
  const [connectionsOpen, openConnections] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remoteRef = useRef<{ source: RemoteClusterSource; store: AppStore } | null>(null);
  const replaceRemote = useCallback((next: { source: RemoteClusterSource; store: AppStore } | null) => {
    // The remote shown before stops polling: only the cluster on screen is read.
    remoteRef.current?.store.disconnect();
    remoteRef.current?.source.close();
    remoteRef.current = next;
    setRemote(next);
  }, []);

  const choose = useCallback((id: string) => {
    setError(null);
    if (id === LAB_CHOICE) {
      setCurrent(LAB_CHOICE);
      replaceRemote(null);
      return;
    }
    base.listConnectionProfiles().then((list) => {
      const profile = list.profiles.find((p) => p.id === id);
      if (!profile) throw new Error('that profile no longer exists');
      const source = createRemoteSource(base, profile);
      replaceRemote({ source, store: createAppStore(source, { storage }) });
      setCurrent(id);
    }).catch((e: Error) => setError(e.message));
  }, [base, storage, replaceRemote]);

  useEffect(() => () => replaceRemote(null), [replaceRemote]);

  const showingRemote = current !== LAB_CHOICE && remote !== null;
  const value: ClusterChoice = useMemo(() => ({
    base, current, remote: showingRemote ? remote.source : null, choose, profilesVersion,
    profilesChanged: () => setProfilesVersion((v) => v + 1), connectionsOpen, openConnections,
  }), [base, current, remote, showingRemote, choose, profilesVersion, connectionsOpen]);
  const store = showingRemote ? remote.store : labStore;
  useEffect(() => {
    // The store the views show now (the lab's or a remote's), for tests and debugging; read-only use only.
    (window as unknown as { __kafkaLabShownStore?: AppStore }).__kafkaLabShownStore = store;
  }, [store]);
  return (
    <ClusterChoiceContext.Provider value={value}>
      {error && <div className="banner" role="alert" data-testid="switch-error">Could not open that cluster: {error}</div>}
      <StoreProvider key={showingRemote ? remote.source.profile.id : LAB_CHOICE} store={store}>
        {children}
      </StoreProvider>
    </ClusterChoiceContext.Provider>
  );
}
