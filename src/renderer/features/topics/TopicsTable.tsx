/**
 * The topics table: @tanstack/react-table for sorting and filtering, @tanstack/react-virtual
 * so only the visible rows exist in the DOM (thousands of topics stay smooth).
 */
import { memo, useMemo, useRef, useState } from 'react';
import { flexRender, getCoreRowModel, getFilteredRowModel, getSortedRowModel, useReactTable, type ColumnDef, type Row, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useApp, useReadOnly } from '../../store/store-context';
import { formatBytes, formatInteger, formatRate } from '../../components/format';
import type { TopicHealthFilter } from '../../store/selection-slice';
import { CreateTopicForm } from './CreateTopicForm';
import { DeleteTopicButton } from './DeleteTopicButton';
import { rowMatchesHealth, topicRows, type TopicRow } from './topic-rows';

const rowHeight = 36;
const gridColumns = 'minmax(180px, 2fr) repeat(6, minmax(120px, 1fr)) 150px';

const healthFilters: { value: TopicHealthFilter; label: string }[] = [
  { value: 'all', label: 'all topics' },
  { value: 'under-replicated', label: 'under-replicated' },
  { value: 'under-min-isr', label: 'under min ISR' },
  { value: 'offline', label: 'offline' },
];

export function TopicsTable() {
  const snapshot = useApp((s) => s.snapshot);
  const healthFilter = useApp((s) => s.topicHealthFilter);
  const showTopicsWith = useApp((s) => s.showTopicsWith);
  const selectTopic = useApp((s) => s.selectTopic);
  const readOnly = useReadOnly();
  const [sorting, setSorting] = useState<SortingState>([{ id: 'name', desc: false }]);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const data = useMemo(() => (snapshot ? topicRows(snapshot).filter((r) => rowMatchesHealth(r, healthFilter)) : []), [snapshot, healthFilter]);

  const columns = useMemo<ColumnDef<TopicRow>[]>(() => [
    { accessorKey: 'name', header: 'Topic', cell: (c) => <span className="topic-name">{c.getValue<string>()}</span> },
    { accessorKey: 'partitions', header: 'Partitions', cell: (c) => formatInteger(c.getValue<number>()) },
    { accessorKey: 'replicationFactor', header: 'Replication factor' },
    { accessorKey: 'underReplicated', header: 'Under-replicated', cell: (c) => <span className={c.getValue<number>() > 0 ? 'count-bad' : 'count-muted'}>{c.getValue<number>()}</span> },
    { accessorKey: 'records', header: 'Records', cell: (c) => formatInteger(c.getValue<number>()) },
    { accessorKey: 'sizeBytes', header: 'Size', cell: (c) => formatBytes(c.getValue<number>()) },
    { accessorKey: 'produceRatePerSec', header: 'Produce rate', cell: (c) => formatRate(c.getValue<number>()) },
    { id: 'actions', header: '', enableSorting: false, cell: (c) => (readOnly ? null : <DeleteTopicButton topic={c.row.original.name} />) },
  ], [readOnly]);

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
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 12, useFlushSync: false });

  return (
    <div className="topics">
      <div className="toolbar">
        <input className="search" type="search" placeholder="Filter topics by name" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="topic-filter" aria-label="Filter topics" />
        <div className="chips" role="group" aria-label="Health filter">
          {healthFilters.map((f) => (
            <button key={f.value} type="button" className={`chip ${healthFilter === f.value ? 'chip-on' : ''}`} onClick={() => showTopicsWith(f.value)}>{f.label}</button>
          ))}
        </div>
        <span className="toolbar-count">{formatInteger(rows.length)} of {formatInteger(snapshot?.topics.length ?? 0)} topics</span>
        {!readOnly && !creating && <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} data-testid="open-create-topic">Create topic</button>}
      </div>
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
        <div className="data-body" ref={scrollRef} data-testid="topics-scroll">
          {rows.length === 0 && <p className="empty">{snapshot?.topics.length ? 'No topic matches the filter.' : 'No topics yet. Create one, or produce with a client that auto-creates topics.'}</p>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => (
              <TopicRowView key={rows[v.index]!.id} row={rows[v.index]!} top={v.start} onOpen={selectTopic} readOnly={readOnly} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * One virtualised row, re-rendered only when its topic's row data changes (rows are cached per
 * topic object, and snapshot patches keep unchanged topics' identity) or it moves.
 */
const TopicRowView = memo(function TopicRowView({ row, top, onOpen }: { row: Row<TopicRow>; top: number; onOpen(topic: string): void; /** Re-renders the actions cell when it flips. */ readOnly: boolean }) {
  return (
    <div role="row" className="data-row clickable" data-testid={`topic-row-${row.id}`}
      style={{ gridTemplateColumns: gridColumns, position: 'absolute', top: 0, transform: `translateY(${top}px)`, height: rowHeight, width: '100%' }}
      onClick={(e) => { if (!(e.target as HTMLElement).closest('button,input')) onOpen(row.original.name); }}>
      {row.getVisibleCells().map((cell) => (
        <div key={cell.id} role="cell" className={`cell-${cell.column.id}`}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
      ))}
    </div>
  );
}, (a, b) => a.row.original === b.row.original && a.top === b.top && a.readOnly === b.readOnly && a.onOpen === b.onOpen);
