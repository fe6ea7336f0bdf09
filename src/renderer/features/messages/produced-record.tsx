/**
 * The record last produced from the Produce panel (issue 12), so the partition grid (topic detail)
 * and the message browser can highlight where it landed, and "show in message browser" can open
 * the browser at that partition and offset. A module-level store: the topic detail is outside the
 * WorkbenchProvider, and there is one app per page.
 */
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { useApp } from '../../store/store-context';

export interface ProducedRecord {
  topic: string;
  partition: number;
  /** null with acks=0: the producer never learns the offset. */
  offset: number | null;
}

export interface BrowseRequest extends ProducedRecord {
  /** Bumped per request, so the browser acts on a second click at the same record. */
  revision: number;
}

interface ProducedRecordState {
  lastProduced: ProducedRecord | null;
  browseRequest: BrowseRequest | null;
  setLastProduced(record: ProducedRecord | null): void;
  requestBrowse(record: ProducedRecord): void;
}

export const producedRecordStore = createStore<ProducedRecordState>()((set, get) => ({
  lastProduced: null,
  browseRequest: null,
  setLastProduced: (lastProduced) => set({ lastProduced }),
  requestBrowse: (record) => set({ browseRequest: { ...record, revision: (get().browseRequest?.revision ?? 0) + 1 } }),
}));

export function useProducedRecord<T>(selector: (state: ProducedRecordState) => T): T {
  return useStore(producedRecordStore, selector);
}

/** True for the record last produced from the Produce panel. */
export function isLastProduced(last: ProducedRecord | null, topic: string, partition: number, offset: number): boolean {
  return last !== null && last.topic === topic && last.partition === partition && last.offset === offset;
}

/** "show in message browser": opens the browser scanning that partition from that offset. */
export function ShowInBrowserLink({ record, compact = false }: { record: ProducedRecord; compact?: boolean }) {
  const showView = useApp((s) => s.showView);
  if (record.offset === null) return null;
  const open = () => {
    producedRecordStore.getState().requestBrowse(record);
    showView('messages');
  };
  return (
    <button type="button" className="btn-link wb-show-in-browser" onClick={(e) => { e.stopPropagation(); open(); }} data-testid="show-in-browser" aria-label="show in message browser"
      title={`Open the message browser on ${record.topic}-${record.partition} from offset ${record.offset}, with this record selected`}>
      {compact ? `@${record.offset} ↗` : 'show in message browser'}
    </button>
  );
}
