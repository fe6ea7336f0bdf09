/**
 * Presenter view state: open while the URL's hash is #presenter (a refresh or a shared link keeps
 * it; Back leaves it), and the baseline tracker fed with every live snapshot from the moment the
 * app starts, so "Was" is right even when the view opens after the step began.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { AppStore } from '../../store/app-store';
import { useAppStoreApi } from '../../store/store-context';
import { BaselineTracker, type Baseline } from './baseline-tracker';

export const PRESENTER_HASH = '#presenter';

function subscribeHash(cb: () => void): () => void {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function usePresenterOpen(): boolean {
  return useSyncExternalStore(subscribeHash, () => window.location.hash === PRESENTER_HASH, () => false);
}

export function setPresenterOpen(open: boolean): void {
  if (open === (window.location.hash === PRESENTER_HASH)) return;
  if (open) window.location.hash = PRESENTER_HASH;
  // Leave without a dangling "#": the path as it was, and tell listeners (replaceState fires no hashchange).
  else {
    history.replaceState(null, '', window.location.pathname + window.location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }
}

const trackers = new WeakMap<AppStore, BaselineTracker>();

/** The store's tracker, subscribed to its live snapshots on first use (lives as long as the store). */
export function trackerFor(store: AppStore): BaselineTracker {
  const tracker = trackers.get(store);
  if (tracker) return tracker;
  const t = new BaselineTracker();
  trackers.set(store, t);
  const live = (s: ReturnType<AppStore['getState']>) => (s.timeTravel?.mode === 'past' ? s.liveSnapshot : s.snapshot);
  let last = live(store.getState());
  if (last) t.observe(last);
  store.subscribe((s) => {
    const view = live(s);
    if (view && view !== last) {
      last = view;
      t.observe(view);
    }
  });
  return t;
}

export function useBaseline(): { baseline: Baseline | null; setNow: () => void } {
  const tracker = trackerFor(useAppStoreApi());
  const baseline = useSyncExternalStore((cb) => tracker.subscribe(cb), () => tracker.baseline, () => tracker.baseline);
  return { baseline, setNow: () => tracker.setNow() };
}

/** Key P opens the presenter view, Esc leaves it (not while typing in a field). */
export function usePresenterKeys(open: boolean): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))) return;
      if (!open && (e.key === 'p' || e.key === 'P')) {
        e.preventDefault();
        setPresenterOpen(true);
      } else if (open && e.key === 'Escape') {
        e.preventDefault();
        setPresenterOpen(false);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
}
