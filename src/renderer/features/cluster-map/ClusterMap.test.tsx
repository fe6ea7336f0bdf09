// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ConsumerConfig, LoadGeneratorConfig } from '../../../shared/workbench-contract';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import type { MapOverlaysProps } from './motion/MapOverlays';
import { ClusterMap } from './ClusterMap';

const overlays = vi.hoisted(() => ({ props: [] as MapOverlaysProps[] }));
vi.mock('./motion/MapOverlays', () => ({ MapOverlays: (props: MapOverlaysProps) => { overlays.props.push(props); return null; } }));

afterEach(cleanup);

function workbenchClient(view = makeClusterView()) {
  const client = new FakeClient(view);
  const started: { load: LoadGeneratorConfig[]; consumers: ConsumerConfig[] } = { load: [], consumers: [] };
  client.startLoadGenerator = async (config) => {
    started.load.push(config);
    return { id: 'g1', clientId: 'kafka-lab-ui-load-1', config, running: true, sent: 0, errors: 0, lastError: null, ratePerSec: 0, startedAtMs: 0 };
  };
  client.startConsumer = async (config) => {
    started.consumers.push(config);
    return { id: 'c1', clientId: 'kafka-lab-ui-consumer-1', config, state: 'starting', consumed: 0, memberId: null, assignment: [], positions: [], error: null, recent: [] };
  };
  return { client, started };
}

describe('ClusterMap', () => {
  it('opens on "Start here" without user topics; one click creates demo (6 partitions, RF 3), a producer with acks=all and a consumer group', async () => {
    const { client, started } = workbenchClient();
    const { store, frames } = await loadedStore(client);
    renderWithStore(store, <ClusterMap />);
    expect(screen.getByTestId('start-here')).toBeTruthy();
    expect(screen.getByTestId('start-demo').title).toContain('6 partitions, replication factor 3');
    await act(async () => fireEvent.click(screen.getByTestId('start-demo')));
    expect(client.commands).toEqual([{ type: 'create-topic', topic: 'demo', partitions: 6, replicationFactor: 3 }]);
    expect(started.load).toMatchObject([{ topic: 'demo', acks: -1 }]);
    expect(started.consumers).toMatchObject([{ topic: 'demo', mode: 'group', groupId: 'demo-group' }]);
    // Still no topic in the snapshot: the card stays (no error), and goes once the topic is there.
    expect(screen.queryByTestId('start-here-error')).toBeNull();
    act(() => { client.pushSnapshot(makeClusterView({ topics: [{ name: 'demo', partitions: 6, replicationFactor: 3 }] })); frames.flush(); });
    expect(screen.queryByTestId('start-here')).toBeNull();
    expect(screen.getAllByTestId(/^map-band-demo-/)).toHaveLength(6);
  });

  it('says in Kafka\'s words why the demo did not start, and keeps the card', async () => {
    const { client } = workbenchClient(makeClusterView({ brokers: 1 }));
    client.results = [{ ok: false, errorName: 'INVALID_REPLICATION_FACTOR', message: 'Replication factor: 3 larger than available brokers: 1.' }];
    const { store } = await loadedStore(client);
    renderWithStore(store, <ClusterMap />);
    expect(screen.getByTestId('start-demo').title).toContain('replication factor 1');
    await act(async () => fireEvent.click(screen.getByTestId('start-demo')));
    expect(screen.getByTestId('start-here-error').textContent).toContain('INVALID_REPLICATION_FACTOR');
  });

  it('shows read-only viewers the card without its buttons, and says why', async () => {
    const client = new FakeClient(makeClusterView());
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    const { store } = await loadedStore(client);
    renderWithStore(store, <ClusterMap />);
    expect(screen.getByTestId('start-here-read-only').textContent).toContain('needs the access token');
    expect(screen.queryByTestId('start-demo')).toBeNull();
  });

  it('draws replicas with topic detail\'s conventions and opens the topic detail at a partition; the broker menu stops a broker', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 10 }] });
    view.brokers[2] = { ...view.brokers[2]!, state: 'stopped' };
    const p1 = view.topics[0]!.partitions[1]!;
    p1.inSyncReplicas = [p1.leader];
    const { client } = workbenchClient(view);
    const { store } = await loadedStore(client);
    renderWithStore(store, <ClusterMap />);
    expect(screen.getByTestId('map-column-3').dataset.state).toBe('stopped');
    expect(screen.getByTestId('map-broker-state-3').textContent).toBe('stopped');
    const roles = (p: number) => Object.fromEntries([1, 2, 3].map((b) => [b, screen.getByTestId(`map-replica-orders-${p}-${b}`).dataset.role]));
    expect(roles(1)[p1.leader]).toBe('leader');
    expect(roles(1)[3]).toBe('offline');
    expect(Object.values(roles(1)).filter((r) => r === 'out-of-sync')).toHaveLength(p1.leader === 3 ? 2 : 1);
    expect(screen.getByTestId('map-band-orders-1').textContent).toContain('hw 10');
    fireEvent.click(screen.getByTestId('map-replica-orders-2-1').querySelector('button')!);
    expect(store.getState()).toMatchObject({ view: 'topic', selectedTopic: 'orders', selectedPartition: 2 });
    // Issue 15: "log" beside a replica opens its segments in the Storage view.
    fireEvent.click(screen.getByTestId('storage-orders-2-1'));
    expect(store.getState()).toMatchObject({ view: 'storage', storageReplica: { topic: 'orders', partition: 2, brokerId: 1 } });

    fireEvent.click(screen.getByTestId('map-broker-2'));
    await act(async () => fireEvent.click(screen.getByTestId('map-stop-broker-2')));
    expect(client.commands).toEqual([{ type: 'stop-broker', brokerId: 2, controlled: true }]);
    fireEvent.click(screen.getByTestId('map-broker-3'));
    expect(screen.getByTestId('map-start-broker-3')).toBeTruthy();
  });

  it('disables the map\'s actions while the past is shown', async () => {
    const { client } = workbenchClient();
    const { store } = await loadedStore(client);
    act(() => store.setState((s) => ({ timeTravel: { ...s.timeTravel, mode: 'past' } })));
    renderWithStore(store, <ClusterMap />);
    expect((screen.getByTestId('start-demo') as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByTestId('start-demo').title).toContain('Viewing the past');
    fireEvent.click(screen.getByTestId('map-broker-1'));
    expect((screen.getByTestId('map-stop-broker-1') as HTMLButtonElement).disabled).toBe(true);
  });

  it('mounts the overlay layers with the surface size, and keeps the same anchors while only offsets change', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 10 }] });
    const { client } = workbenchClient(view);
    const { store, frames } = await loadedStore(client);
    overlays.props = [];
    renderWithStore(store, <ClusterMap />);
    const first = overlays.props.at(-1)!;
    const surface = screen.getByTestId('cluster-map');
    expect(`${first.width}px`).toBe(surface.style.width);
    expect(`${first.height}px`).toBe(surface.style.height);
    const leader = view.topics[0]!.partitions[1]!.leader;
    const before = first.anchors.replica('orders', 1, leader);
    expect(before).not.toBeNull();
    const next = structuredClone(view);
    next.topics[0]!.partitions[1]!.highWatermark = 50;
    next.topics[0]!.partitions[1]!.logEndOffset = 50;
    act(() => { client.pushSnapshot(next); frames.flush(); });
    expect(screen.getByTestId('map-band-orders-1').dataset.highWatermark).toBe('50');
    expect(overlays.props.at(-1)!.anchors).toBe(first.anchors);
  });
});
