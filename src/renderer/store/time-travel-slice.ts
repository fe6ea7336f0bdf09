/**
 * Time-travel slice (issue 13): whether the app shows the live cluster or a moment of the past,
 * and the session history's range from the host. In past mode `snapshot` (what every view draws)
 * is the view at that moment and live pushes go to `liveSnapshot` only; "back to live" puts the
 * newest live view back. The host answers views at a time (ClusterApi.getViewAt); only the newest
 * request's answer is applied, so a fast drag cannot show an older answer after a newer one.
 */
import type { StateCreator } from 'zustand/vanilla';
import type { ClusterView } from '../../shared';
import type { PastView, SessionHistoryRange } from '../../shared/session-history-contract';
import type { ClusterSource } from '../../shared/cluster-source';

export interface TimeTravelState {
  mode: 'live' | 'past';
  /** The moment asked for (simulated ms), and through which event (a step to an event mark); null when live. */
  atMs: number | null;
  throughEventSeq: number | null;
  /** The view shown in past mode (its sample time and the newest event it includes). */
  past: Omit<PastView, 'view'> | null;
  /** The session history the host keeps, as of the last refresh. */
  range: SessionHistoryRange | null;
  /** Set while an answer is awaited. */
  loading: boolean;
  /** The host's refusal in Kafka's words (e.g. OFFSET_OUT_OF_RANGE: older than the kept history). */
  error: string | null;
}

export interface TimeTravelSlice {
  timeTravel: TimeTravelState;
  /** The newest live view, also while the past is shown. */
  liveSnapshot: ClusterView | null;
  /** Shows the cluster at `atMs` (simulated ms), through event `throughEventSeq` if given. */
  travelTo(atMs: number, throughEventSeq?: number): Promise<void>;
  backToLive(): void;
  refreshHistoryRange(): Promise<void>;
}

const liveState: Omit<TimeTravelState, 'range'> = { mode: 'live', atMs: null, throughEventSeq: null, past: null, loading: false, error: null };

type SliceHost = TimeTravelSlice & { snapshot: ClusterView | null };

export function createTimeTravelSlice(client: Pick<ClusterSource, 'getViewAt' | 'getSessionHistory'>): StateCreator<SliceHost, [], [], TimeTravelSlice> {
  /** Bumped by every travelTo and backToLive: an answer to an older request is dropped. */
  let request = 0;
  /** One request in flight at a time; a drag's newer moments wait and only the newest is sent. */
  let inFlight = false;
  let queued: { atMs: number; throughEventSeq?: number } | null = null;
  return (set, get) => {
    const fetchPast = async (atMs: number, throughEventSeq: number | undefined): Promise<void> => {
      inFlight = true;
      const mine = request;
      let answer: Awaited<ReturnType<typeof client.getViewAt>>;
      try {
        answer = await client.getViewAt(atMs, throughEventSeq);
      } catch (error) {
        answer = { ok: false, errorName: 'NETWORK_EXCEPTION', message: error instanceof Error ? error.message : String(error) };
      }
      inFlight = false;
      const next = queued;
      queued = null;
      if (next) return fetchPast(next.atMs, next.throughEventSeq);
      if (mine !== request || get().timeTravel.mode !== 'past') return;
      if (!answer.ok) {
        set((s) => ({ timeTravel: { ...s.timeTravel, loading: false, error: `${answer.errorName}: ${answer.message}` } }));
        return;
      }
      const { atMs: shownAtMs, sampleTimeMs, eventSeq, view } = answer;
      set((s) => ({ snapshot: view, timeTravel: { ...s.timeTravel, past: { atMs: shownAtMs, sampleTimeMs, eventSeq }, loading: false, error: null } }));
    };
    return {
      timeTravel: { ...liveState, range: null },
      liveSnapshot: null,
      travelTo: async (atMs, throughEventSeq) => {
        request++;
        set((s) => ({
          timeTravel: { ...s.timeTravel, mode: 'past', atMs, throughEventSeq: throughEventSeq ?? null, loading: true, error: null },
          // The live view stays reachable; the shown one stays until the past arrives.
          liveSnapshot: s.timeTravel.mode === 'live' ? s.snapshot : s.liveSnapshot,
        }));
        if (inFlight) {
          queued = { atMs, throughEventSeq };
          return;
        }
        await fetchPast(atMs, throughEventSeq);
      },
      backToLive: () => {
        request++;
        queued = null;
        const s = get();
        if (s.timeTravel.mode === 'live') return;
        set({ snapshot: s.liveSnapshot ?? s.snapshot, timeTravel: { ...liveState, range: s.timeTravel.range } });
      },
      refreshHistoryRange: async () => {
        try {
          const range = await client.getSessionHistory();
          set((s) => ({ timeTravel: { ...s.timeTravel, range } }));
        } catch {
          // The transport reports its state; the scrubber keeps the last range.
        }
      },
    };
  };
}

/** Pure: the events a past view includes (events are in sequence order); all of them when live. */
export function eventsThrough<E extends { seq: number }>(events: E[], throughSeq: number | null): E[] {
  if (throughSeq === null) return events;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events[mid]!.seq <= throughSeq) lo = mid + 1;
    else hi = mid;
  }
  return lo === events.length ? events : events.slice(0, lo);
}

/** Whether `next` is another cluster than `live` (another cluster id or seed): its history is not the one being viewed. */
export function isOtherCluster(live: ClusterView | null, next: ClusterView): boolean {
  return live !== null && (live.clusterId !== next.clusterId || live.seed !== next.seed);
}

/** Pure: the time-travel state of leaving the past for a new cluster (its history range is asked again). */
export function leavePast(): Pick<TimeTravelSlice, 'timeTravel' | 'liveSnapshot'> {
  return { timeTravel: { ...liveState, range: null }, liveSnapshot: null };
}
