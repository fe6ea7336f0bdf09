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

/** The generation a snapshot names (undefined for hosts without sessions). */
export function generationOf(state: Pick<AppState, 'snapshot'>): number | undefined {
  return state.snapshot?.sim?.session?.generation;
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
    store.setState({ events: [], eventsDropped: null, samples: {} });
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
