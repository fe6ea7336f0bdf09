/**
 * Issue 17: which cluster the window shows — the embedded lab or a remote profile — shared by the
 * switcher, the connections screen and the remote banner. The root (main.tsx) owns it.
 */
import { createContext, useContext } from 'react';
import type { ClusterSource } from '../../../shared/cluster-source';
import type { RemoteClusterSource } from '../../client/remote-source';

export interface ClusterChoice {
  /** The host's own source: the embedded lab, and the profile methods. */
  base: ClusterSource;
  /** 'lab' or a profile id. */
  current: string;
  /** The remote source while a profile is shown. */
  remote: RemoteClusterSource | null;
  choose(id: string): void;
  /** Bumped when profiles change, so the switcher lists them again. */
  profilesVersion: number;
  profilesChanged(): void;
  connectionsOpen: boolean;
  openConnections(open: boolean): void;
}

export const ClusterChoiceContext = createContext<ClusterChoice | null>(null);

export function useClusterChoice(): ClusterChoice | null {
  return useContext(ClusterChoiceContext);
}

export const LAB_CHOICE = 'lab';
