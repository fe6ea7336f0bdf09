/**
 * The map's partitions: one band per partition across its replicas' broker columns (chips with
 * topic detail's conventions — leader filled with its leaderEpoch, in-sync outlined, out-of-sync
 * red, offline struck through — and each replica's log as topic detail's PartitionLogBars draws
 * it), labelled topic-p with the highWatermark, leaderEpoch and ISR; or, aggregated, one row per
 * topic with a cell per broker.
 */
import { memo } from 'react';
import type { BrokerView, PartitionView, TopicView } from '../../../shared/cluster-view';
import { formatInteger, formatRate } from '../../components/format';
import { lazyTitle } from '../../components/lazy-title';
import { PartitionLogBars } from '../topic-detail/PartitionLogBars';
import { replicaStates, replicaTooltip } from '../topic-detail/replica-state';
import { StorageButton } from '../storage/StorageButton';
import { CHIP_OFFSET } from './map-anchors-impl';
import type { AggregateRow, Band, MapLayout } from './map-layout';
import { aggregateTopic, heatOf, type AggregateCell } from './map-model';

export interface MapBandProps {
  layout: MapLayout;
  band: Band;
  partition: PartitionView;
  brokers: readonly BrokerView[];
  onOpen(topic: string, partition: number): void;
}

/** Memoised: an unchanged partition keeps its object across snapshot patches. */
export const MapBand = memo(function MapBand({ layout, band, partition: p, brokers, onOpen }: MapBandProps) {
  const u = layout.unit;
  const states = replicaStates(p, brokers);
  const xs = states.map((s) => layout.column(s.brokerId)?.x).filter((x): x is number => x !== undefined);
  const name = `${band.topic}-${p.partition}`;
  const open = () => onOpen(band.topic, p.partition);
  const offline = p.leader < 0;
  const cellWidth = (layout.columns[0]?.width ?? 100 * u) - 12 * u;
  return (
    <div className={`map-band${offline ? ' map-band-offline' : ''}`} data-testid={`map-band-${name}`} data-leader={p.leader} data-leader-epoch={p.leaderEpoch} data-isr={p.inSyncReplicas.join(',')} data-high-watermark={p.highWatermark}>
      {xs.length > 1 && <div className="map-band-line" style={{ left: Math.min(...xs), top: band.y - CHIP_OFFSET * u, width: Math.max(...xs) - Math.min(...xs) }} />}
      <button type="button" className="map-band-label" style={{ left: layout.labels.left, top: band.top + 3 * u, width: layout.labels.width, height: band.height - 6 * u }} onClick={open}
        {...lazyTitle(() => `${name}: leader ${offline ? 'none (offline)' : `broker ${p.leader}`}, leaderEpoch ${p.leaderEpoch}, ISR [${p.inSyncReplicas.join(', ')}] of replicas [${p.replicas.join(', ')}], highWatermark ${p.highWatermark}, logEndOffset ${p.logEndOffset}. Click: open the topic detail at this partition (elect a leader, reassign).`)}>
        <span className="map-band-name">{name}</span>
        <span className="map-band-facts">hw {formatInteger(p.highWatermark)} · e{p.leaderEpoch} · ISR {p.inSyncReplicas.length}/{p.replicas.length}</span>
      </button>
      {states.map((s) => {
        const column = layout.column(s.brokerId);
        if (!column) return null;
        return (
          <div key={s.brokerId} className="map-replica" style={{ left: column.x - cellWidth / 2, top: band.top + 2 * u, width: cellWidth, height: band.height - 4 * u }}
            data-testid={`map-replica-${name}-${s.brokerId}`} data-role={s.role}>
            <button type="button" className={`chip-replica replica-${s.role}${s.adding ? ' replica-adding' : ''}${s.removing ? ' replica-removing' : ''}`} onClick={open}
              {...lazyTitle(() => `${replicaTooltip(p, s)}\nClick: open the topic detail at ${name}.`)}>
              {s.brokerId}
              {s.role === 'leader' && <span className="chip-epoch">e{p.leaderEpoch}</span>}
            </button>
            <span className="map-replica-end" {...lazyTitle(() => `broker ${s.brokerId}: logEndOffset ${s.logEndOffset}, highWatermark as it knows it ${s.highWatermark}`)}>end {formatInteger(s.logEndOffset)}</span>
            {/* Issue 15: this replica's segments in the Storage view. */}
            <StorageButton topic={band.topic} partition={p.partition} brokerId={s.brokerId} className="link map-replica-storage" label="log" />
            <PartitionLogBars partition={p} states={[s]} compact />
          </div>
        );
      })}
    </div>
  );
});

export interface MapAggregateRowProps {
  layout: MapLayout;
  row: AggregateRow;
  topic: TopicView;
  brokers: readonly BrokerView[];
  brokersKey: string;
  maxRate: number;
  onZoom(topic: string): void;
  /** The topic as of the newest snapshot (for tooltips written on hover: the row may skip snapshots that change nothing it draws). */
  topicOf(name: string): TopicView | undefined;
}

const cellTitle = (topic: string, c: AggregateCell) =>
  `${topic} on broker ${c.brokerId}: ${c.leaders} leaders, ${c.followers} in-sync followers, ${c.outOfSync} out-of-sync, ${c.offline} offline; `
  + `≈ ${formatRate(c.produceRatePerSec)} appended as leader (the topic's produce rate × its share of leaders here). Click: zoom into ${topic}.`;

/** What a row draws: its partition count and, per broker, the counts and the heat step. */
function rowSignature({ topic, brokers, brokersKey, maxRate }: MapAggregateRowProps): string {
  // Cached per topic object and (brokers' states, heat scale): the comparator asks for the old
  // props' signature too, which the previous snapshot already computed.
  const cached = signatures.get(topic);
  if (cached && cached.brokersKey === brokersKey && cached.maxRate === maxRate) return cached.signature;
  let signature = `${topic.partitions.length}`;
  for (const c of aggregateTopic(topic, brokers, brokersKey).values()) signature += `|${c.brokerId}:${c.leaders},${c.followers},${c.outOfSync},${c.offline},${heatOf(c.produceRatePerSec, maxRate)}`;
  signatures.set(topic, { brokersKey, maxRate, signature });
  return signature;
}

const signatures = new WeakMap<TopicView, { brokersKey: string; maxRate: number; signature: string }>();

/**
 * A row is redrawn only when what it draws changes: at 10,000 partitions most snapshots change a
 * topic's offsets and produce rate but not its cells' counts or heat step. Its tooltips, which
 * hold the rates, are written on hover from the newest snapshot (lazyTitle).
 */
export function sameAggregateRow(a: MapAggregateRowProps, b: MapAggregateRowProps): boolean {
  if (a.layout !== b.layout || a.row !== b.row || a.onZoom !== b.onZoom || a.topicOf !== b.topicOf || a.brokersKey !== b.brokersKey || a.topic.name !== b.topic.name) return false;
  return (a.topic === b.topic && a.maxRate === b.maxRate) || rowSignature(a) === rowSignature(b);
}

export const MapAggregateRow = memo(function MapAggregateRow({ layout, row, topic, brokers, brokersKey, maxRate, onZoom, topicOf }: MapAggregateRowProps) {
  const u = layout.unit;
  const cells = aggregateTopic(topic, brokers, brokersKey);
  const name = topic.name;
  const zoom = () => onZoom(name);
  const latest = () => topicOf(name) ?? topic;
  const urp = [...cells.values()].reduce((n, c) => n + c.outOfSync + c.offline, 0);
  return (
    <div className="map-aggregate" data-testid={`map-row-${name}`}>
      <button type="button" className="map-band-label" style={{ left: layout.labels.left, top: row.top + 3 * u, width: layout.labels.width, height: row.height - 6 * u }} onClick={zoom}
        {...lazyTitle(() => { const t = latest(); return `${name}: ${t.partitions.length} partitions, RF ${t.replicationFactor}, ${formatRate(t.produceRatePerSec)} produced. Click: zoom into its partitions.`; })}>
        <span className="map-band-name">{name}</span>
        <span className="map-band-facts">{formatInteger(topic.partitions.length)} partitions{urp > 0 ? ` · ${urp} not in sync` : ''}</span>
      </button>
      {layout.columns.map((column) => {
        const c = cells.get(column.brokerId);
        if (!c) return null;
        const heat = heatOf(c.produceRatePerSec, maxRate);
        return (
          <button type="button" key={column.brokerId} className="map-cell" onClick={zoom} data-testid={`map-cell-${name}-${column.brokerId}`}
            {...lazyTitle(() => { const now = aggregateTopic(latest(), brokers, brokersKey).get(column.brokerId); return now ? cellTitle(name, now) : ''; })}
            style={{ left: column.left + 4 * u, top: row.top + 3 * u, width: column.width - 8 * u, height: row.height - 6 * u, '--heat': heat.toFixed(2) } as React.CSSProperties}>
            <span className="map-cell-leaders" title="leaders">▮{c.leaders}</span> <span title="in-sync followers">▯{c.followers}</span>
            {c.outOfSync > 0 && <span className="map-cell-bad" title="out-of-sync followers"> ✕{c.outOfSync}</span>}
            {c.offline > 0 && <span className="map-cell-offline" title="offline replicas"> ⊘{c.offline}</span>}
          </button>
        );
      })}
    </div>
  );
}, sameAggregateRow);
