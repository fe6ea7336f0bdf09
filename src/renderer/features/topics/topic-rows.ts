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

/** The row of one topic (cached per topic object). */
export function topicRow(t: TopicView): TopicRow {
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
}

export function topicRows(view: ClusterView): TopicRow[] {
  return view.topics.map(topicRow);
}

/** Topics by name, per topics array (a snapshot that changes no topic keeps its array). */
const topicIndexes = new WeakMap<readonly TopicView[], Map<string, TopicView>>();

/** The topic named `name` in `view` (a lookup in an index built once per topics array), or null. */
export function topicByName(view: ClusterView | null, name: string | null): TopicView | null {
  if (!view || name === null) return null;
  let index = topicIndexes.get(view.topics);
  if (!index) topicIndexes.set(view.topics, (index = new Map(view.topics.map((t) => [t.name, t]))));
  return index.get(name) ?? null;
}

/** The row of the topic named `name` in `view`, or null: the same object while that topic's view is. */
export function topicRowByName(view: ClusterView | null, name: string): TopicRow | null {
  const topic = topicByName(view, name);
  return topic ? topicRow(topic) : null;
}

let lastNames: { topics: readonly TopicView[]; filter: TopicHealthFilter; key: string } | null = null;

/**
 * The names of the topics passing the health filter, in snapshot order, joined by newlines: what
 * the topics table's row list depends on when it is sorted by name. A string, so a snapshot that
 * changes only numbers gives an equal value and the table itself does not re-render.
 */
export function filteredNamesKey(view: ClusterView | null, filter: TopicHealthFilter): string {
  if (!view) return '';
  if (lastNames && lastNames.topics === view.topics && lastNames.filter === filter) return lastNames.key;
  let key = '';
  for (const t of view.topics) if (filter === 'all' || rowMatchesHealth(topicRow(t), filter)) key += key === '' ? t.name : `\n${t.name}`;
  lastNames = { topics: view.topics, filter, key };
  return key;
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
