/**
 * The topics table: @tanstack/react-table for sorting and filtering, @tanstack/react-virtual
 * so only the visible rows exist in the DOM (thousands of topics stay smooth).
 */
import { memo, useMemo, useRef, useState } from 'react';
import { flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingFn, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { formatBytes, formatInteger, formatRate } from '../../components/format';
import type { TopicHealthFilter } from '../../store/selection-slice';
import { CreateTopicForm } from './CreateTopicForm';
import { DeleteTopicButton } from './DeleteTopicButton';
import { autoCreateText, topicTotals } from './auto-create-hint';
import { filteredNamesKey, rowMatchesHealth, topicRowByName, topicRows, type TopicRow } from './topic-rows';
import { LiveActions } from '../time-travel/LiveActions';
import { ExplainButton } from '../explainers/ExplainButton';

const rowHeight = 36;
const gridColumns = 'minmax(180px, 2fr) repeat(6, minmax(120px, 1fr)) 150px';

const healthFilters: { value: TopicHealthFilter; label: string }[] = [
  { value: 'all', label: 'all topics' },
  { value: 'under-replicated', label: 'under-replicated' },
  { value: 'under-min-isr', label: 'under min ISR' },
  { value: 'offline', label: 'offline' },
];

export function TopicsTable() {
  const healthFilter = useApp((s) => s.topicHealthFilter);
  const showTopicsWith = useApp((s) => s.showTopicsWith);
  const selectTopic = useApp((s) => s.selectTopic);
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  // What the table itself re-renders for. Sorted by name (the default), the rows' order depends
  // only on which topics pass the health filter, so it subscribes to their names (a string, equal
  // while they stay the same) and a snapshot that changes numbers re-renders only the rows whose
  // topic changed: each row subscribes to its own topic. Sorted by a number, every snapshot may
  // reorder the rows, so the table follows every snapshot.
  const sortedByValue = sorting.length > 0 && sorting[0]!.id !== 'name';
  const namesKey = useApp((s) => filteredNamesKey(s.snapshot, healthFilter));
  const valueSnapshot = useApp((s) => (sortedByValue ? s.snapshot : null));
  const topicCount = useApp((s) => s.snapshot?.topics.length ?? 0);
  const internalCount = useApp((s) => s.snapshot?.topics.reduce((n, t) => n + (t.internal ? 1 : 0), 0) ?? 0);
  const autoCreate = useApp((s) => autoCreateText(s.snapshot));
  const data = useMemo(() => {
    const snapshot = valueSnapshot ?? store.getState().snapshot;
    return snapshot ? topicRows(snapshot).filter((r) => rowMatchesHealth(r, healthFilter)) : [];
    // namesKey: the rows to show changed (the snapshot is read from the store for it).
  }, [namesKey, valueSnapshot, healthFilter, store]);

  // Topic names in natural order ("t-2" before "t-10"), ranked once per set of names: react-table
  // re-sorts on every snapshot, and comparing ranks is cheaper than comparing names alphanumerically.
  const nameRank = useMemo(() => rankNames(namesKey), [namesKey]);
  // Cells are drawn by TopicRowView from the row's data; the columns carry headers and sorting.
  const columns = useMemo<ColumnDef<TopicRow>[]>(() => [
    { accessorKey: 'name', header: 'Topic', sortingFn: byRank(nameRank) },
    { accessorKey: 'partitions', header: () => <>Partitions <ExplainButton concept="partition" /></> },
    { accessorKey: 'replicationFactor', header: () => <>Replication factor <ExplainButton concept="replication" label="What is the replication factor?" /></> },
    { accessorKey: 'underReplicated', header: 'Under-replicated' },
    { accessorKey: 'records', header: 'Records' },
    { accessorKey: 'sizeBytes', header: 'Size' },
    { accessorKey: 'produceRatePerSec', header: 'Produce rate' },
    { id: 'actions', header: '', enableSorting: false },
  ], [nameRank]);

  const table = useReactTable({
    data, columns,
    state: { sorting, globalFilter: filter },
    onSortingChange: setSorting,
    onGlobalFilterChange: setFilter,
    globalFilterFn: (row, _columnId, value: string) => row.original.name.toLowerCase().includes(value.toLowerCase()),
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getFilteredRowModel: getFilteredRowModel(),
    getRowId: (row) => row.name,
  });
  const rows = table.getRowModel().rows;
  // The row ids in display order: the virtualised body re-renders for them (and on scroll), the
  // table around it (toolbar, headers with their explainers) does not re-render on scroll.
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);

  return (
    <div className="topics">
      <div className="toolbar">
        <input className="search" type="search" placeholder="Filter topics by name" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="topic-filter" aria-label="Filter topics" />
        <div className="chips" role="group" aria-label="Health filter">
          {healthFilters.map((f) => (
            <button key={f.value} type="button" className={`chip ${healthFilter === f.value ? 'chip-on' : ''}`} onClick={() => showTopicsWith(f.value)}>{f.label}</button>
          ))}
        </div>
        <span className="toolbar-count" data-testid="topics-count" title="Internal topics (__consumer_offsets, __transaction_state) are created by the group and transaction coordinators.">
          {topicTotals(topicCount - internalCount, internalCount)} · {formatInteger(rows.length)} shown
        </span>
        {!readOnly && !creating && <LiveActions><button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="open-create-topic">Create topic</button></LiveActions>}
      </div>
      {autoCreate && <p className="hint topics-defaults" data-testid="auto-create-hint">{autoCreate}</p>}
      {creating && !readOnly && <CreateTopicForm onDone={() => setCreating(false)} />}
      <div className="data-table" role="table" aria-label="Topics" aria-rowcount={rows.length}>
        <div className="data-row data-head" role="row" style={{ gridTemplateColumns: gridColumns }}>
          {table.getHeaderGroups()[0]!.headers.map((h) => (
            <div key={h.id} role="columnheader" className={h.column.getCanSort() ? 'sortable' : ''} onClick={h.column.getToggleSortingHandler()}
              aria-sort={h.column.getIsSorted() === 'asc' ? 'ascending' : h.column.getIsSorted() === 'desc' ? 'descending' : 'none'}>
              {flexRender(h.column.columnDef.header, h.getContext())}
              {h.column.getIsSorted() === 'asc' ? ' ▲' : h.column.getIsSorted() === 'desc' ? ' ▼' : ''}
            </div>
          ))}
        </div>
        <TopicsBody rowIds={rowIds} anyTopics={topicCount > 0} onOpen={selectTopic} readOnly={readOnly} />
      </div>
    </div>
  );
}

/**
 * The scrolling body: only the visible rows exist (@tanstack/react-virtual). A scroll re-renders
 * this component alone; each row re-renders only when its own topic changes.
 */
const TopicsBody = memo(function TopicsBody({ rowIds, anyTopics, onOpen, readOnly }: { rowIds: readonly string[]; anyTopics: boolean; onOpen(topic: string): void; readOnly: boolean }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rowIds.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 4, useFlushSync: false });
  return (
    <div className="data-body" ref={scrollRef} data-testid="topics-scroll">
      {rowIds.length === 0 && <p className="empty">{anyTopics ? 'No topic matches the filter.' : 'No topics yet. Create one, or produce with a client that auto-creates topics.'}</p>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((v) => (
          <TopicRowView key={rowIds[v.index]!} name={rowIds[v.index]!} top={v.start} onOpen={onOpen} readOnly={readOnly} />
        ))}
      </div>
    </div>
  );
});

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Each name's position in natural order. */
function rankNames(namesKey: string): Map<string, number> {
  const names = namesKey === '' ? [] : namesKey.split('\n');
  names.sort(collator.compare);
  return new Map(names.map((name, i) => [name, i]));
}

function byRank(rank: Map<string, number>): SortingFn<TopicRow> {
  return (a, b) => (rank.get(a.original.name) ?? 0) - (rank.get(b.original.name) ?? 0);
}

/**
 * One virtualised row. It subscribes to its own topic's row (cached per topic object; snapshot
 * patches keep unchanged topics' identity), so a snapshot re-renders only the visible rows whose
 * topic changed, and the table around them not at all.
 */
const TopicRowView = memo(function TopicRowView({ name, top, onOpen, readOnly }: { name: string; top: number; onOpen(topic: string): void; readOnly: boolean }) {
  const row = useApp((s) => topicRowByName(s.snapshot, name));
  if (!row) return null;
  return (
    <div role="row" className="data-row clickable" data-testid={`topic-row-${row.name}`}
      style={{ gridTemplateColumns: gridColumns, position: 'absolute', top: 0, left: 0, transform: `translateY(${top}px)`, height: rowHeight, width: '100%', contain: 'strict' }}
      onClick={(e) => { if (!(e.target as HTMLElement).closest('button,input')) onOpen(row.name); }}>
      <div role="cell" className="cell-name"><span className="topic-name">{row.name}</span>{row.internal && <span className="badge badge-internal" data-testid={`internal-badge-${row.name}`} title="A Kafka internal topic: the group and transaction coordinators create it and keep their state in it; users can neither create nor delete it.">internal</span>}</div>
      <div role="cell" className="cell-partitions">{formatInteger(row.partitions)}</div>
      <div role="cell" className="cell-replicationFactor">{row.replicationFactor}</div>
      <div role="cell" className="cell-underReplicated"><span className={row.underReplicated > 0 ? 'count-bad' : 'count-muted'}>{row.underReplicated}</span></div>
      <div role="cell" className="cell-records">{formatInteger(row.records)}</div>
      <div role="cell" className="cell-sizeBytes">{formatBytes(row.sizeBytes)}</div>
      <div role="cell" className="cell-produceRatePerSec">{formatRate(row.produceRatePerSec)}</div>
      <div role="cell" className="cell-actions">{readOnly ? null : <DeleteTopicButton topic={row.name} internal={row.internal} />}</div>
    </div>
  );
});
