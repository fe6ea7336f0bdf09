/**
 * Issue 13: when the host replaces its cluster (`sim.session.generation` rises), the viewer's
 * timeline, charts and host info belong to the old cluster. This starts them afresh from the new
 * host's history, once per new generation. Events pushed in the frame of the swap are covered:
 * the history fetched afterwards holds them, and appendEvents merges older ones in.
 */
import type { StoreApi } from 'zustand/vanilla';
import type { ClusterSource } from '../../../shared/cluster-source';
import type { AppState } from '../../store/app-store';
import { appendEvents, historyEvents } from '../../store/events-slice';

/**
 * The generation the live view names (undefined for hosts without sessions). In time travel's
 * past mode `snapshot` is a past view and the live one is `liveSnapshot`.
 */
export function generationOf(state: Pick<AppState, 'snapshot' | 'liveSnapshot' | 'timeTravel'>): number | undefined {
  return liveSession(state)?.generation;
}

/** The live session view (also while time travel shows the past; `liveSnapshot` is only kept current then). */
export function liveSession(state: Pick<AppState, 'snapshot' | 'liveSnapshot' | 'timeTravel'>) {
  return (state.timeTravel?.mode === 'past' ? state.liveSnapshot : state.snapshot)?.sim?.session;
}

/** Subscribes the store to generation changes; returns the unsubscribe. */
export function watchSessionGeneration(store: StoreApi<AppState>, client: ClusterSource): () => void {
  let seen = generationOf(store.getState());
  return store.subscribe((state) => {
    const generation = generationOf(state);
    if (generation === undefined || generation === seen) return;
    const first = seen === undefined;
    seen = generation;
    if (first) return;
    // The past of the old cluster is gone with it: back to live first (time travel, h-time).
    if (state.timeTravel.mode === 'past') state.backToLive();
    store.setState({ events: [], eventsDropped: null, samples: {} });
    void state.refreshHistoryRange().catch(() => undefined);
    void (async () => {
      try {
        const [hostInfo, history] = await Promise.all([client.getHostInfo(), client.getEventHistory()]);
        if (seen !== generation) return;
        store.getState().setHostInfo(hostInfo);
        store.setState((s) => ({ events: appendEvents(s.events, historyEvents(history)), eventsDropped: history.dropped }));
      } catch {
        // The transport reports the failure; its reconnect reloads the history anyway.
      }
    })();
  });
}
