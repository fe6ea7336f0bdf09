/**
 * UI state shared by the workbench views (issue 6) that the app store does not hold: the produce
 * panel's draft (filled by "produce again" in the message browser), the group shown in detail,
 * and the message browser's topic. A small zustand store per WorkbenchProvider.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { HeaderInput } from '../../../shared/workbench-contract';

export interface ProduceDraft {
  topic: string;
  partition: number | null;
  key: string | null;
  value: string | null;
  headers: HeaderInput[];
  /** Set when the draft came from a record whose bytes are not valid UTF-8: fields hold base64. */
  encoding: 'utf8' | 'base64';
  /** Bumped per "produce again", so the panel reloads the draft even for the same record. */
  revision: number;
}

export interface WorkbenchUiState {
  produceDraft: ProduceDraft | null;
  selectedGroupId: string | null;
  browserTopic: string | null;
  setProduceDraft(draft: Omit<ProduceDraft, 'revision'>): void;
  selectGroup(groupId: string | null): void;
  setBrowserTopic(topic: string | null): void;
}

export type WorkbenchUiStore = StoreApi<WorkbenchUiState>;

export function createWorkbenchUiStore(): WorkbenchUiStore {
  return createStore<WorkbenchUiState>()((set, get) => ({
    produceDraft: null,
    selectedGroupId: null,
    browserTopic: null,
    setProduceDraft: (draft) => set({ produceDraft: { ...draft, revision: (get().produceDraft?.revision ?? 0) + 1 } }),
    selectGroup: (selectedGroupId) => set({ selectedGroupId }),
    setBrowserTopic: (browserTopic) => set({ browserTopic }),
  }));
}
