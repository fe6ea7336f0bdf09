/**
 * Which explainer is open (a concept, the Concepts index, or none), the way back through the
 * concepts followed from it, and the control that opened it (focus returns there on close).
 * UI state only, so a small zustand store of its own rather than a slice of the app store.
 */
import { create } from 'zustand';
import type { ConceptId } from './concepts';

export type ExplainerPage = ConceptId | 'index';

export interface ExplainerState {
  page: ExplainerPage | null;
  /** Pages shown before this one since the drawer opened, for "Back". */
  history: ExplainerPage[];
  /** The control the drawer was opened from; focused again on close. */
  opener: HTMLElement | null;
  /** Opens the drawer on a page (from a "?" or the Concepts button), forgetting the way back. */
  open(page: ExplainerPage, opener?: HTMLElement | null): void;
  /** Follows a link inside the drawer: the current page goes on the way back. */
  follow(page: ExplainerPage): void;
  back(): void;
  close(): void;
}

export const useExplainer = create<ExplainerState>((set, get) => ({
  page: null,
  history: [],
  opener: null,
  open: (page, opener = null) => set({ page, history: [], opener }),
  follow: (page) => {
    const { page: current, history } = get();
    if (current === page) return;
    set({ page, history: current ? [...history, current] : history });
  },
  back: () => {
    const { history } = get();
    if (history.length === 0) return;
    set({ page: history[history.length - 1]!, history: history.slice(0, -1) });
  },
  close: () => {
    const { opener } = get();
    set({ page: null, history: [], opener: null });
    if (opener?.isConnected) opener.focus();
  },
}));
