/**
 * Where the cluster map draws things: pure geometry from the cluster's *structure* only (brokers
 * and their racks, controller nodes, the topics shown and their partition counts), never from
 * offsets or states, so positions stay put from snapshot to snapshot while nothing moved and the
 * layers drawn over the map (records in motion) can rely on them.
 *
 * Brokers are columns grouped by rack (Kafka's broker.rack, the unit of rack-aware replica
 * placement, KIP-36); each partition is one horizontal band crossing the columns of its replicas.
 * Producers sit in a gutter on the left, consumer groups on the right (map-clients.ts). Above
 * MAP_AGGREGATE_THRESHOLD partitions the bands become one row per topic with a cell per broker.
 *
 * Units: CSS pixels of the map's drawing surface, multiplied by `unit` (the theme's font size
 * over 14 px, so the projector's larger type gets larger boxes, not clipped text).
 */

/**
 * Partitions shown one band each up to this many; beyond it the map aggregates per topic per
 * broker. Why 300: a band is ~46 px, so 300 bands are ~14,000 px, some twenty screens — past that
 * a learner no longer reads bands but counts, which is what the aggregate cells give; and the
 * busiest band view (300 × RF 3) stays a few thousand DOM nodes, which the virtualised drawing
 * (only bands near the viewport are mounted) keeps far inside the 4 ms update budget.
 */
export const MAP_AGGREGATE_THRESHOLD = 300;

export interface MapBrokerInput { brokerId: number; rack: string | null }
export interface MapTopicInput { name: string; partitions: number }

export interface MapLayoutInput {
  brokers: readonly MapBrokerInput[];
  /** Dedicated controller node ids (process.roles=controller); empty in combined mode. */
  controllerNodeIds: readonly number[];
  /** Topics shown, in the order drawn. */
  topics: readonly MapTopicInput[];
  mode: 'partitions' | 'aggregate';
  /** Theme font size / 14 px. */
  unit?: number;
  /** Width available to the surface (px): broker columns widen to fill it, up to twice their least width. */
  availableWidth?: number;
}

export interface RackGroup { rack: string | null; left: number; width: number }
export interface BrokerColumn { brokerId: number; rack: string | null; left: number; width: number; x: number }
export interface ControllerSlot { nodeId: number; left: number; width: number; x: number; y: number }
export interface TopicHeading { topic: string; top: number; height: number; y: number }
/** One partition's band (partitions mode). */
export interface Band { topic: string; partition: number; top: number; height: number; y: number }
/** One topic's row of aggregate cells (aggregate mode). */
export interface AggregateRow { topic: string; top: number; height: number; y: number }

export interface MapLayout {
  mode: 'partitions' | 'aggregate';
  unit: number;
  width: number;
  /** Height of the brokers' part (the clients may need more; see map-clients.ts). */
  height: number;
  racks: RackGroup[];
  columns: BrokerColumn[];
  controllers: ControllerSlot[];
  /** Controllers row, rack headings, broker headers, then the body. */
  controllersTop: number;
  rackTop: number;
  headerTop: number;
  headerHeight: number;
  bodyTop: number;
  /** The gutters and the partition label column. */
  producers: { left: number; width: number };
  labels: { left: number; width: number };
  brokersRight: number;
  groups: { left: number; width: number };
  headings: TopicHeading[];
  bands: Band[];
  rows: AggregateRow[];
  column(brokerId: number): BrokerColumn | undefined;
  band(topic: string, partition: number): Band | undefined;
  heading(topic: string): TopicHeading | undefined;
  row(topic: string): AggregateRow | undefined;
}

/** Rack order: named racks alphabetically, brokers without a rack last. */
function byRack(brokers: readonly MapBrokerInput[]): [string | null, MapBrokerInput[]][] {
  const groups = new Map<string | null, MapBrokerInput[]>();
  for (const b of [...brokers].sort((a, c) => a.brokerId - c.brokerId)) {
    const list = groups.get(b.rack) ?? [];
    list.push(b);
    groups.set(b.rack, list);
  }
  return [...groups].sort(([a], [c]) => (a === null ? 1 : c === null ? -1 : a.localeCompare(c)));
}

export function layoutMap(input: MapLayoutInput): MapLayout {
  const u = input.unit ?? 1;
  const producers = { left: 0, width: 150 * u };
  const labels = { left: producers.width + 20 * u, width: 136 * u };
  const colGap = 8 * u;
  const rackGap = 16 * u;
  const minColWidth = 108 * u;
  const rackCount = new Set(input.brokers.map((b) => b.rack)).size;
  const fixed = labels.left + labels.width + 8 * u + Math.max(0, rackCount - 1) * (rackGap - colGap) + 26 * u + 180 * u;
  const n = Math.max(1, input.brokers.length);
  const fill = input.availableWidth ? Math.floor((input.availableWidth - fixed + colGap) / n - colGap) : 0;
  const colWidth = Math.max(minColWidth, Math.min(2 * minColWidth, fill));

  const racks: RackGroup[] = [];
  const columns: BrokerColumn[] = [];
  let x = labels.left + labels.width + 8 * u;
  for (const [rack, brokers] of byRack(input.brokers)) {
    if (racks.length > 0) x += rackGap - colGap;
    const left = x;
    for (const b of brokers) {
      columns.push({ brokerId: b.brokerId, rack, left: x, width: colWidth, x: x + colWidth / 2 });
      x += colWidth + colGap;
    }
    racks.push({ rack, left, width: x - colGap - left });
  }
  const brokersRight = columns.length > 0 ? x - colGap : x;
  const groups = { left: brokersRight + 26 * u, width: 180 * u };

  let top = 0;
  const controllersTop = top;
  const controllers: ControllerSlot[] = [];
  if (input.controllerNodeIds.length > 0) {
    const slot = 96 * u;
    const start = labels.left + labels.width + 8 * u;
    input.controllerNodeIds.forEach((nodeId, i) => {
      const left = start + i * (slot + colGap);
      controllers.push({ nodeId, left, width: slot, x: left + slot / 2, y: top + 18 * u });
    });
    top += 44 * u;
  }
  const rackTop = top;
  // Rack headings only when some broker has a broker.rack.
  top += input.brokers.some((b) => b.rack !== null) ? 22 * u : 4 * u;
  const headerTop = top;
  const headerHeight = 82 * u;
  top += headerHeight + 8 * u;
  const bodyTop = top;

  const headings: TopicHeading[] = [];
  const bands: Band[] = [];
  const rows: AggregateRow[] = [];
  const headingHeight = 24 * u;
  const bandHeight = 46 * u;
  const rowHeight = 48 * u;
  for (const t of input.topics) {
    if (input.mode === 'aggregate') {
      rows.push({ topic: t.name, top, height: rowHeight, y: top + rowHeight / 2 });
      top += rowHeight + 4 * u;
      continue;
    }
    headings.push({ topic: t.name, top, height: headingHeight, y: top + headingHeight / 2 });
    top += headingHeight;
    for (let p = 0; p < t.partitions; p++) {
      bands.push({ topic: t.name, partition: p, top, height: bandHeight, y: top + bandHeight / 2 });
      top += bandHeight;
    }
    top += 6 * u;
  }

  const columnIndex = new Map(columns.map((c) => [c.brokerId, c]));
  const bandIndex = new Map(bands.map((b) => [`${b.topic}\u0000${b.partition}`, b]));
  const headingIndex = new Map(headings.map((h) => [h.topic, h]));
  const rowIndex = new Map(rows.map((r) => [r.topic, r]));
  return {
    mode: input.mode, unit: u,
    width: groups.left + groups.width, height: top + 12 * u,
    racks, columns, controllers, controllersTop, rackTop, headerTop, headerHeight, bodyTop,
    producers, labels, brokersRight, groups, headings, bands, rows,
    column: (id) => columnIndex.get(id),
    band: (topic, partition) => bandIndex.get(`${topic}\u0000${partition}`),
    heading: (topic) => headingIndex.get(topic),
    row: (topic) => rowIndex.get(topic),
  };
}

/** A string that changes exactly when the layout would: memo key for layoutMap's input. */
export function layoutKey(input: MapLayoutInput): string {
  return [
    input.mode, input.unit ?? 1, input.availableWidth ?? 0,
    input.brokers.map((b) => `${b.brokerId}@${b.rack ?? ''}`).join(','),
    input.controllerNodeIds.join(','),
    input.topics.map((t) => `${t.name}:${t.partitions}`).join('\u0000'),
  ].join('|');
}

/** The bands whose box meets [from, to] (map pixels), for drawing only what is near the viewport. Bands are sorted by top. */
export function bandsBetween(bands: readonly Band[], from: number, to: number): Band[] {
  let lo = 0;
  let hi = bands.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (bands[mid]!.top + bands[mid]!.height < from) lo = mid + 1;
    else hi = mid;
  }
  const out: Band[] = [];
  for (let i = lo; i < bands.length && bands[i]!.top <= to; i++) out.push(bands[i]!);
  return out;
}
