/** Rows of the topics table, derived from a snapshot in one pass per topic. */
import type { ClusterView, TopicView } from '../../../shared';
import type { TopicHealthFilter } from '../../store/selection-slice';
import { isOffline, isUnderMinIsr, isUnderReplicated, minInSyncReplicas } from '../overview/health';

export interface TopicRow {
  name: string;
  internal: boolean;
  partitions: number;
  replicationFactor: number;
  underReplicated: number;
  offline: number;
  underMinIsr: number;
  /** Σ (highWatermark − logStartOffset): records a consumer could read now. */
  records: number;
  sizeBytes: number;
  produceRatePerSec: number;
}

/** Rows by topic object: snapshot patches keep unchanged topics' identity, so their rows are reused. */
const rowCache = new WeakMap<TopicView, TopicRow>();

export function topicRows(view: ClusterView): TopicRow[] {
  return view.topics.map((t) => {
    const cached = rowCache.get(t);
    if (cached) return cached;
    const minIsr = minInSyncReplicas(t);
    let underReplicated = 0;
    let offline = 0;
    let underMinIsr = 0;
    let records = 0;
    for (const p of t.partitions) {
      if (isUnderReplicated(p)) underReplicated++;
      if (isOffline(p)) offline++;
      if (isUnderMinIsr(p, minIsr)) underMinIsr++;
      records += Math.max(0, p.highWatermark - p.logStartOffset);
    }
    const row = { name: t.name, internal: t.internal, partitions: t.partitions.length, replicationFactor: t.replicationFactor, underReplicated, offline, underMinIsr, records, sizeBytes: t.sizeBytes, produceRatePerSec: t.produceRatePerSec };
    rowCache.set(t, row);
    return row;
  });
}

/** Whether a row passes the health filter the overview links set. */
export function rowMatchesHealth(row: TopicRow, filter: TopicHealthFilter): boolean {
  switch (filter) {
    case 'all': return true;
    case 'offline': return row.offline > 0;
    case 'under-replicated': return row.underReplicated > 0;
    case 'under-min-isr': return row.underMinIsr > 0;
  }
}
