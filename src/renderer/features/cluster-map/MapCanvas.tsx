/**
 * The map's drawing surface: a scrolling box holding one absolutely positioned surface in the
 * layout's coordinates — links, broker columns, bands (only those near the viewport are mounted)
 * or aggregate rows, client nodes — and the overlay layers (records in motion) on top, in the
 * same coordinates (MapOverlays gets the anchors and the surface's size).
 */
import { memo, useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { BrokerView, ClusterView, TopicView } from '../../../shared/cluster-view';
import { createMapAnchors } from './map-anchors-impl';
import { layoutClients, mapGroups, mapProducers } from './map-clients';
import { bandsBetween, layoutKey, layoutMap } from './map-layout';
import { brokersStateKey, aggregateTopic, heatScale, layoutInput, type MapContent } from './map-model';
import { MapAggregateRow, MapBand } from './MapBands';
import { MapBrokers } from './MapBrokers';
import { MapClientNodes, MapLinks } from './MapClients';
import { MapOverlays } from './motion/MapOverlays';

/** Bands mounted beyond the visible part, above and below, in px. */
const OVERSCAN = 600;
/** The least the surface is zoomed out to fit its panel (below it, the panel scrolls sideways). */
const MIN_ZOOM = 0.6;

export interface MapCanvasProps {
  view: ClusterView;
  content: MapContent;
  unit: number;
  readOnly: boolean;
  onOpenPartition(topic: string, partition: number | null): void;
  onZoom(topic: string): void;
  onProducer(clientId: string, simulated: boolean): void;
  onGroup(groupId: string): void;
}

/** The highest estimated produce rate of any aggregate cell, records/s (no arrays built: 100 topics per snapshot). */
function busiestCell(topics: readonly TopicView[], brokers: readonly BrokerView[], brokersKey: string): number {
  let max = 0;
  for (const t of topics) for (const c of aggregateTopic(t, brokers, brokersKey).values()) if (c.produceRatePerSec > max) max = c.produceRatePerSec;
  return max;
}

/**
 * Memoised: ClusterMap renders twice per snapshot (urgently with the previous, deferred snapshot,
 * then with the new one); the first pass, with unchanged props, skips the whole surface.
 */
export const MapCanvas = memo(function MapCanvas({ view, content, unit, readOnly, onOpenPartition, onZoom, onProducer, onGroup }: MapCanvasProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const [viewport, setViewport] = useState({ top: 0, height: 1200 });
  const [menuBrokerId, setMenuBrokerId] = useState<number | null>(null);
  const onScroll = useCallback(() => {
    const el = scroller.current;
    if (el) setViewport((v) => (Math.abs(v.top - el.scrollTop) < 80 && v.height === el.clientHeight ? v : { top: el.scrollTop, height: el.clientHeight }));
  }, []);

  const [availableWidth, setAvailableWidth] = useState<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    // Whole tens of px: a scrollbar appearing or a pixel of rounding does not move the map.
    const measure = () => setAvailableWidth(Math.floor(el.clientWidth / 10) * 10 || undefined);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const input = layoutInput(view, content, unit, availableWidth);
  const key = layoutKey(input);
  // Positions depend on structure only: a snapshot that changes offsets or states keeps them.
  const layout = useMemo(() => layoutMap(input), [key]);
  const shownKey = content.topics.map((t) => t.name).join('\u0000');
  const shown = useMemo(() => new Set(content.topics.map((t) => t.name)), [shownKey]);
  const producers = useMemo(() => mapProducers(view, shown), [view.connections, view.sim?.session?.scenario?.producers, view.topics, shown]);
  const groups = useMemo(() => mapGroups(view, shown), [view.groups, shown]);
  const clients = useMemo(() => layoutClients(layout, producers, groups), [layout, producers, groups]);
  const topicsByName = useRef(new Map<string, ClusterView['topics'][number]>());
  topicsByName.current = new Map(view.topics.map((t) => [t.name, t]));
  const topicOf = useCallback((name: string) => topicsByName.current.get(name), []);
  // The anchors change only when a client node moves (lag and counters change every snapshot, positions do not).
  const clientsKey = `${clients.producers.map((p) => `${p.producer.simulated}:${p.producer.clientId}@${p.y}`).join()}|${clients.groups.flatMap((g) => g.members.map((m) => `${m.member.clientId}/${m.member.host}@${m.y}`)).join()}`;
  const anchors = useMemo(() => createMapAnchors(layout, clients, (topic, partition, brokerId) =>
    topicsByName.current.get(topic)?.partitions[partition]?.replicas.includes(brokerId) ?? false), [layout, clientsKey]);

  const height = clients.height;
  // The brokers array changes with every snapshot (its byte rates); bands and cells read only the
  // brokers' states, so they get an array that changes only when a state does (as PartitionGrid).
  const brokersKey = brokersStateKey(view.brokers);
  const stableBrokers = useMemo(() => view.brokers, [brokersKey]); // brokersKey, not view.brokers: on purpose
  const maxRate = content.mode === 'aggregate' ? heatScale(busiestCell(content.topics, stableBrokers, brokersKey)) : 0;
  // Too wide for the room there is (three brokers in the projector's type at 1280 px): the whole
  // surface is zoomed out to fit, so no broker or consumer group is off screen; never below 0.6.
  const zoom = availableWidth && layout.width > availableWidth ? Math.max(MIN_ZOOM, availableWidth / layout.width) : 1;
  const top = viewport.top / zoom;
  const visibleBands = content.mode === 'partitions' ? bandsBetween(layout.bands, top - OVERSCAN, top + viewport.height / zoom + OVERSCAN) : [];

  return (
    <div className="map-scroll" ref={scroller} onScroll={onScroll} data-testid="cluster-map-scroll">
      <div className="map-surface" style={{ width: layout.width, height, zoom: zoom === 1 ? undefined : zoom }} data-zoom={zoom.toFixed(2)} data-testid="cluster-map" data-mode={content.mode} data-bands={layout.bands.length} data-rows={layout.rows.length}>
        <MapLinks clients={clients} width={layout.width} height={height} />
        <MapBrokers layout={layout} height={height} brokers={view.brokers} controller={view.controller} readOnly={readOnly} menuBrokerId={menuBrokerId} onMenu={setMenuBrokerId} />
        {layout.headings.map((h) => (
          <button type="button" key={h.topic} className="map-topic-heading" style={{ left: layout.labels.left, top: h.top, height: h.height }} onClick={() => onOpenPartition(h.topic, null)}
            title={`Topic ${h.topic}. Click: open its topic detail.`} data-testid={`map-topic-${h.topic}`}>{h.topic}</button>
        ))}
        {visibleBands.map((band) => {
          const partition = topicsByName.current.get(band.topic)?.partitions[band.partition];
          return partition ? <MapBand key={`${band.topic}\u0000${band.partition}`} layout={layout} band={band} partition={partition} brokers={stableBrokers} onOpen={onOpenPartition} /> : null;
        })}
        {layout.rows.map((row) => {
          const topic = topicsByName.current.get(row.topic);
          return topic ? <MapAggregateRow key={row.topic} layout={layout} row={row} topic={topic} brokers={stableBrokers} brokersKey={brokersKey} maxRate={maxRate} onZoom={onZoom} topicOf={topicOf} /> : null;
        })}
        <MapClientNodes layout={layout} clients={clients} onProducer={onProducer} onGroup={onGroup} />
        <div className="map-overlays">
          <MapOverlays anchors={anchors} width={layout.width} height={height} />
        </div>
      </div>
      {clients.edgesDropped > 0 && <p className="hint">{clients.edgesDropped} more client links not drawn.</p>}
    </div>
  );
});
