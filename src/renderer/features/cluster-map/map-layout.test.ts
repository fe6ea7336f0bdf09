import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ClusterView, ConnectionView } from '../../../shared/cluster-view';
import { createMapAnchors } from './map-anchors-impl';
import { layoutClients, mapGroups, mapProducers } from './map-clients';
import { bandsBetween, layoutKey, layoutMap, MAP_AGGREGATE_THRESHOLD } from './map-layout';
import { aggregateTopic, layoutInput, mapContent } from './map-model';
import { applySnapshotPatch, diffSnapshot } from '../../../shared/snapshot-patch';
import { nextSamples } from '../../store/snapshot-slice';

const none: { showInternal: boolean; zoomTopic: string | null } = { showInternal: false, zoomTopic: null };

function producerConnection(clientId: string, produced: ConnectionView['produced'], address = '127.0.0.1:50000'): ConnectionView {
  return {
    connectionId: `c-${clientId}-${address}`, brokerId: 1, clientAddress: address, clientId, clientSoftwareName: null, clientSoftwareVersion: null,
    apis: [{ apiKey: 0, apiName: 'Produce', versions: [9], requests: 4 }], bytesIn: 0, bytesOut: 0, connectedAtMs: 0, produced,
  };
}

function mapOf(view: ClusterView, options = none) {
  const content = mapContent(view, options);
  const layout = layoutMap(layoutInput(view, content, 1));
  const shown = new Set(content.topics.map((t) => t.name));
  const clients = layoutClients(layout, mapProducers(view, shown), mapGroups(view, shown));
  const anchors = createMapAnchors(layout, clients, (topic, p, b) => view.topics.find((t) => t.name === topic)?.partitions[p]?.replicas.includes(b) ?? false);
  return { content, layout, clients, anchors };
}

describe('map layout', () => {
  it('groups brokers into columns by rack, named racks first, and gives every partition a band under its topic', () => {
    const view = makeClusterView({ brokers: 4, topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }, { name: 'audit', partitions: 2, replicationFactor: 2 }] });
    view.brokers[3] = { ...view.brokers[3]!, rack: null };
    const { layout } = mapOf(view);
    // Fixtures put brokers on rack-a, rack-b, rack-c in turn; broker 4 has no rack here, so it comes last.
    expect(layout.racks.map((r) => r.rack)).toEqual(['rack-a', 'rack-b', 'rack-c', null]);
    expect(layout.columns.map((c) => c.brokerId)).toEqual([1, 2, 3, 4]);
    const xs = layout.columns.map((c) => c.left);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // Topics alphabetically, bands in partition order, each below its heading.
    expect(layout.headings.map((h) => h.topic)).toEqual(['audit', 'orders']);
    expect(layout.bands.map((b) => `${b.topic}-${b.partition}`)).toEqual(['audit-0', 'audit-1', 'orders-0', 'orders-1', 'orders-2']);
    expect(layout.band('orders', 0)!.top).toBeGreaterThan(layout.heading('orders')!.top);
    expect(layout.band('audit', 1)!.top).toBeGreaterThanOrEqual(layout.band('audit', 0)!.top + layout.band('audit', 0)!.height);
    // The clients' gutters lie left and right of the brokers.
    expect(layout.producers.left + layout.producers.width).toBeLessThan(layout.labels.left);
    expect(layout.groups.left).toBeGreaterThan(layout.brokersRight);
  });

  it('draws dedicated controllers as their own row above the brokers; combined mode has none', () => {
    const view = makeClusterView();
    expect(mapOf(view).layout.controllers).toEqual([]);
    view.controller = { ...view.controller, processRoles: 'dedicated', voters: [3000, 3001, 3002], activeControllerId: 3001,
      nodes: [3000, 3001, 3002].map((nodeId) => ({ nodeId, processRoles: 'controller', state: 'running', isActive: nodeId === 3001 })) };
    const { layout, anchors } = mapOf(view);
    expect(layout.controllers.map((c) => c.nodeId)).toEqual([3000, 3001, 3002]);
    expect(layout.controllers[0]!.y).toBeLessThan(layout.headerTop);
    expect(anchors.broker(3001)).toEqual({ x: layout.controllers[1]!.x, y: layout.controllers[1]!.y });
  });

  it('aggregates above the threshold: one row per topic, cells counting leaders, followers, out-of-sync and offline replicas', () => {
    const view = makeClusterView({ topics: [{ name: 'big', partitions: MAP_AGGREGATE_THRESHOLD, replicationFactor: 3 }, { name: 'small', partitions: 10, replicationFactor: 2 }] });
    const { content, layout, anchors } = mapOf(view);
    expect(content.mode).toBe('aggregate');
    expect(layout.bands).toEqual([]);
    expect(layout.rows.map((r) => r.topic)).toEqual(['big', 'small']);
    view.brokers[1] = { ...view.brokers[1]!, state: 'stopped' };
    const big = view.topics[0]!;
    big.partitions[0] = { ...big.partitions[0]!, inSyncReplicas: [big.partitions[0]!.leader] }; // two followers out of sync (one on the stopped broker counts offline)
    const cells = aggregateTopic(big, view.brokers);
    const total = [...cells.values()].reduce((n, c) => n + c.leaders + c.followers + c.outOfSync + c.offline, 0);
    expect(total).toBe(MAP_AGGREGATE_THRESHOLD * 3);
    expect(cells.get(2)!.offline).toBe(MAP_AGGREGATE_THRESHOLD);
    expect(cells.get(2)!.leaders).toBe(0);
    expect([...cells.values()].reduce((n, c) => n + c.outOfSync, 0)).toBe(1);
    // An aggregate cell is the replica anchor of every partition of the topic on that broker.
    expect(anchors.replica('big', 17, 1)).toEqual({ x: layout.column(1)!.x, y: layout.row('big')!.y });
    // Zooming into one topic draws its partitions as bands again.
    const zoomed = mapOf(view, { showInternal: false, zoomTopic: 'big' });
    expect(zoomed.content.mode).toBe('partitions');
    expect(zoomed.layout.bands).toHaveLength(MAP_AGGREGATE_THRESHOLD);
  });

  it('recounts a changed topic incrementally to the same cells as a full count', () => {
    const view = makeClusterView({ topics: [{ name: 'inc', partitions: 50, replicationFactor: 3 }] });
    const first = view.topics[0]!;
    aggregateTopic(first, view.brokers);
    // A patch: a new topic object; partition 7 failed over to a smaller ISR, the others kept their objects.
    const p7 = first.partitions[7]!;
    const moved = { ...p7, leader: p7.replicas[1]!, leaderEpoch: 1, inSyncReplicas: [p7.replicas[1]!] };
    const next = { ...first, partitions: first.partitions.map((p, i) => (i === 7 ? moved : p)) };
    const incremental = aggregateTopic(next, view.brokers);
    const full = aggregateTopic(structuredClone(next), view.brokers, 'another key: a full count');
    expect(incremental).toEqual(full);
    expect([...incremental.values()].reduce((n, c) => n + c.outOfSync, 0)).toBe(2);
  });

  it('hands out the same cells when only offsets moved, and matches a full count after random changes', () => {
    const view = makeClusterView({ topics: [{ name: 'seq', partitions: 40, replicationFactor: 3 }] });
    let topic = view.topics[0]!;
    let cells = aggregateTopic(topic, view.brokers);
    // Offsets only (a patch of growing partitions at the same produce rate): the very same cells.
    const grown = { ...topic, partitions: topic.partitions.map((p, i) => (i % 3 === 0 ? { ...p, highWatermark: p.highWatermark + 5, logEndOffset: p.logEndOffset + 5 } : p)) };
    expect(aggregateTopic(grown, view.brokers)).toBe(cells);
    topic = grown;
    // A seeded sequence of leader, ISR, offline and rate changes: incremental cells equal a full count each step.
    let n = 11;
    const next = () => (n = (n * 1103515245 + 12345) % 2 ** 31);
    for (let step = 0; step < 60; step++) {
      const i = next() % topic.partitions.length;
      const p = topic.partitions[i]!;
      const k = next() % 4;
      const changed = k === 0 ? { ...p, leader: p.replicas[next() % p.replicas.length]! }
        : k === 1 ? { ...p, inSyncReplicas: p.replicas.slice(0, 1 + (next() % p.replicas.length)) }
        : k === 2 ? { ...p, offlineReplicas: next() % 2 ? [p.replicas[2]!] : [] }
        : { ...p, highWatermark: p.highWatermark + 1 };
      topic = { ...topic, produceRatePerSec: step % 5 === 0 ? step : topic.produceRatePerSec, partitions: topic.partitions.map((x, j) => (j === i ? changed : x)) };
      cells = aggregateTopic(topic, view.brokers);
      expect(cells, `step ${step}`).toEqual(aggregateTopic(structuredClone(topic), view.brokers, `full count ${step}`));
    }
  });

  it('recounts a patched topic from the partitions the patch carried', () => {
    const view = makeClusterView({ topics: [{ name: 'patched', partitions: 30, replicationFactor: 3, records: 5 }] });
    aggregateTopic(view.topics[0]!, view.brokers);
    const next = structuredClone(view);
    const p5 = next.topics[0]!.partitions[5]!;
    p5.leader = p5.replicas[2]!;
    p5.inSyncReplicas = [p5.replicas[2]!];
    next.topics[0]!.partitions[9]!.highWatermark = 99;
    const applied = applySnapshotPatch(view, diffSnapshot(view, next, 1, 2));
    expect(aggregateTopic(applied.topics[0]!, applied.brokers)).toEqual(aggregateTopic(structuredClone(applied.topics[0]!), applied.brokers, 'a full count'));
    expect(nextSamples(nextSamples({}, view), { ...applied, simTimeMs: applied.simTimeMs + 1000 }).patched!.buf.at(-1)!.highWatermarkSum).toBe(30 * 5 - 5 + 99);
  });

  it('keeps positions (the layout key) when only offsets and states change, and mounts only the bands near the viewport', () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 200, replicationFactor: 3 }] });
    const key = layoutKey(layoutInput(view, mapContent(view, none), 1));
    const moved = structuredClone(view);
    moved.topics[0]!.partitions[5]!.highWatermark = 999;
    moved.topics[0]!.partitions[5]!.leader = 2;
    moved.brokers[0]!.state = 'stopped';
    expect(layoutKey(layoutInput(moved, mapContent(moved, none), 1))).toBe(key);
    const { layout } = mapOf(view);
    const near = bandsBetween(layout.bands, 1000, 2000);
    expect(near.length).toBeGreaterThan(10);
    expect(near.length).toBeLessThan(40);
    for (const b of near) expect(b.top + b.height >= 1000 && b.top <= 2000).toBe(true);
  });
});

describe('map anchors', () => {
  it('answer brokers, replicas (only where a replica is), producers by clientId and group members by clientId and host', () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 2 }] });
    view.connections = [producerConnection('loader', [{ topic: 'orders', partitions: [0, 2] }])];
    view.groups = [{
      groupId: 'billing', state: 'Stable', protocolType: 'consumer', protocol: 'range', generationId: 1, leaderId: 'm1', coordinatorId: 1,
      members: [{ memberId: 'm1', groupInstanceId: null, clientId: 'biller', clientHost: '/10.0.0.7', assignment: [{ topic: 'orders', partitions: [0, 1, 2] }] }],
      offsets: [0, 1, 2].map((partition) => ({ topic: 'orders', partition, committedOffset: 0, endOffset: 5, lag: 5, timeLagMs: 0, memberId: 'm1' })), totalLag: 15,
    }];
    view.sim = { speed: 1, paused: false, session: { generation: 1, origin: { kind: 'scenario', name: 's', title: 'S' }, scenario: { producers: [{ name: 'orders-writer', topic: 'orders', acks: 'all', idempotent: true, transactional: false, state: 'running', sent: 1, acknowledged: 1, failed: {}, lost: 0, lostIds: [], duplicated: 0, duplicatedIds: [], transactionsCommitted: 0, transactionsAborted: 0 }] } as never } };
    const { layout, clients, anchors } = mapOf(view);
    const band0 = layout.band('orders', 0)!;
    const p0 = view.topics[0]!.partitions[0]!;
    expect(anchors.broker(2)).toEqual({ x: layout.column(2)!.x, y: layout.headerTop + layout.headerHeight / 2 });
    expect(anchors.replica('orders', 0, p0.replicas[0]!)!.x).toBe(layout.column(p0.replicas[0]!)!.x);
    expect(anchors.replica('orders', 0, p0.replicas[0]!)!.y).toBeLessThan(band0.y + 1);
    const notAReplica = [1, 2, 3].find((b) => !p0.replicas.includes(b))!;
    expect(anchors.replica('orders', 0, notAReplica)).toBeNull();
    expect(anchors.replica('nope', 0, 1)).toBeNull();

    const loader = anchors.client('loader', '127.0.0.1')!;
    expect(loader.x).toBe(layout.producers.left + layout.producers.width);
    expect(anchors.client('orders-writer', 'scenario')).not.toBeNull();
    expect(clients.producers.find((p) => p.producer.clientId === 'orders-writer')!.producer.simulated).toBe(true);
    expect(anchors.client('biller', '10.0.0.7')).toEqual({ x: layout.groups.left, y: clients.groups[0]!.members[0]!.y });
    expect(anchors.client('biller', '10.9.9.9')).toBeNull();
    expect(anchors.client('nobody', '127.0.0.1')).toBeNull();
    expect(anchors.endpoint({ kind: 'broker', brokerId: p0.leader }, 'orders', 0)).toEqual(anchors.replica('orders', 0, p0.leader));
    expect(anchors.endpoint({ kind: 'client', clientId: 'biller', host: '10.0.0.7' }, 'orders', 0)).toEqual(anchors.client('biller', '10.0.0.7'));

    // Links: the producer to the two partitions it wrote, the scenario producer to the topic, the member to its three partitions.
    expect(clients.edges.filter((e) => e.kind === 'produce')).toHaveLength(3);
    expect(clients.edges.filter((e) => e.kind === 'consume')).toHaveLength(3);
    expect(clients.groups[0]!.group.members[0]!.partitions.map((p) => p.lag)).toEqual([5, 5, 5]);
  });

  it('stacks client nodes without overlap, beside the bands they are linked to', () => {
    const view = makeClusterView({ topics: [{ name: 'a', partitions: 12, replicationFactor: 1 }] });
    view.connections = Array.from({ length: 5 }, (_, i) => producerConnection(`p${i}`, [{ topic: 'a', partitions: [11] }], `127.0.0.1:${5000 + i}`));
    const { layout, clients } = mapOf(view);
    const tops = clients.producers.map((p) => [p.top, p.top + p.height] as const).sort((x, y) => x[0] - y[0]);
    for (let i = 1; i < tops.length; i++) expect(tops[i]![0]).toBeGreaterThanOrEqual(tops[i - 1]![1]);
    // Wanted beside a-11, the last band: the first one placed is near it, none above the body.
    expect(Math.min(...tops.map((t) => t[0]))).toBeGreaterThan(layout.band('a', 5)!.top);
    expect(clients.height).toBeGreaterThanOrEqual(Math.max(...tops.map((t) => t[1])));
  });
});
