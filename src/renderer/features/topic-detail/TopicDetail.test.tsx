// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { PartitionGrid, logScaleVar, roundScale } from './PartitionGrid';
import { seriesSamples } from '../../store/snapshot-slice';
import { TopicDetail } from './TopicDetail';
import { ThroughputChart, chartData, niceCeiling } from './ThroughputChart';
import { PartitionPanel } from './PartitionPanel';
import { replicaStates } from './replica-state';

afterEach(cleanup);

function failedOver() {
  const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 50 }] });
  view.brokers[0] = { ...view.brokers[0]!, state: 'stopped' };
  const p0 = view.topics[0]!.partitions[0]!;
  Object.assign(p0, { leader: 2, leaderEpoch: 1, inSyncReplicas: [2], offlineReplicas: [1] });
  p0.replicaStates[0] = { ...p0.replicaStates[0]!, offline: true };
  p0.replicaStates[2] = { ...p0.replicaStates[2]!, logEndOffset: 40 };
  return view;
}

describe('replica states', () => {
  it('classifies leader, in-sync, out-of-sync and offline, with lag behind the leader', () => {
    const view = failedOver();
    const states = replicaStates(view.topics[0]!.partitions[0]!, view.brokers);
    expect(states.map((s) => [s.brokerId, s.role, s.lag])).toEqual([[1, 'offline', 0], [2, 'leader', 0], [3, 'out-of-sync', 10]]);
  });
});

describe('PartitionGrid', () => {
  it('draws chips by role and selects a replica on click', async () => {
    const view = failedOver();
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <PartitionGrid topic="orders" partitionCount={3} brokers={view.brokers} />);
    const leader = screen.getByTestId('replica-0-2');
    expect(leader.dataset.role).toBe('leader');
    expect(leader.title).toContain('leaderEpoch 1');
    expect(screen.getByTestId('replica-0-1').className).toContain('replica-offline');
    expect(screen.getByTestId('replica-0-3').className).toContain('replica-out-of-sync');
    expect(screen.getByTestId('isr-0').textContent).toBe('[2]');
    fireEvent.click(screen.getByTestId('replica-0-3'));
    expect(store.getState()).toMatchObject({ selectedPartition: 0, selectedBrokerId: 3 });
  });
});

describe('PartitionPanel', () => {
  it('offers preferred-leader election, link faults and broker start in context', async () => {
    const view = failedOver();
    const client = new FakeClient(view);
    const { store } = await loadedStore(client);
    renderWithStore(store, <PartitionPanel topic="orders" partition={view.topics[0]!.partitions[0]!} brokers={view.brokers} />);
    expect(screen.getByTestId('log-numbers-0-3').textContent).toContain('lag 10');
    // The preferred leader (broker 1) is stopped: the election would fail, so it is not offered.
    const elect = screen.getByTestId('elect-preferred') as HTMLButtonElement;
    expect(elect.disabled).toBe(true);
    expect(elect.title).toBe('Broker 1 is stopped: Kafka would answer PREFERRED_LEADER_NOT_AVAILABLE. Start or heal it first.');
    expect(screen.getByTestId('elect-preferred-reason').textContent).toBe(elect.title);
    await act(async () => fireEvent.click(elect));
    fireEvent.change(screen.getByTestId('link-latency'), { target: { value: '400' } });
    await act(async () => fireEvent.submit(screen.getByTestId('link-apply').closest('form')!));
    await act(async () => fireEvent.click(screen.getByTestId('panel-start-1')));
    // Stopped broker 1 gets Start only; running brokers get no Start and no Heal.
    expect(screen.queryByTestId('panel-stop-1')).toBeNull();
    expect(screen.queryByTestId('panel-start-2')).toBeNull();
    expect(screen.queryByTestId('panel-heal-2')).toBeNull();
    expect(client.commands).toEqual([
      { type: 'set-link', fromBrokerId: 2, toBrokerId: 3, latencyMs: 400, lossRate: 0, cut: false },
      { type: 'start-broker', brokerId: 1 },
    ]);
  });

  it('checks a reassignment before sending it', async () => {
    const view = failedOver();
    const client = new FakeClient(view);
    const { store } = await loadedStore(client);
    renderWithStore(store, <PartitionPanel topic="orders" partition={view.topics[0]!.partitions[1]!} brokers={view.brokers} />);
    // The current list (broker 1 stopped among them) is no reassignment: no warning for it.
    expect(screen.queryByTestId('reassign-warning')).toBeNull();
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '3,3' } });
    await act(async () => fireEvent.submit(screen.getByTestId('reassign-input').closest('form')!));
    expect(screen.getByRole('alert').textContent).toContain('Broker 3 is listed twice');
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '3,7' } });
    expect(screen.getByTestId('reassign-error').textContent).toBe('Broker 7 does not exist (known brokers: 1, 2, 3); the controller would answer INVALID_REPLICA_ASSIGNMENT.');
    expect((screen.getByTestId('reassign-submit') as HTMLButtonElement).disabled).toBe(true);
    await act(async () => fireEvent.submit(screen.getByTestId('reassign-input').closest('form')!));
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '3, x' } });
    expect(screen.getByTestId('reassign-error').textContent).toContain('"x" is not a broker id');
    // A stopped target is accepted by Kafka, with a warning that the move waits for it.
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '1,2' } });
    expect(screen.queryByTestId('reassign-error')).toBeNull();
    expect(screen.getByTestId('reassign-warning').textContent).toContain('broker 1 is stopped: the reassignment is accepted but cannot finish until it is back');
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '3, 2' } });
    expect(screen.queryByTestId('reassign-warning')).toBeNull();
    await act(async () => fireEvent.submit(screen.getByTestId('reassign-input').closest('form')!));
    expect(client.commands).toEqual([{ type: 'reassign-partition', topic: 'orders', partition: 1, replicas: [3, 2] }]);
  });

  it('offers preferred-leader election only when the preferred replica is up, in the ISR and not already leading', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 3, records: 5 }] });
    const p = view.topics[0]!.partitions[0]!;
    const render = async (changes: Partial<typeof p>, brokers = view.brokers) => {
      cleanup();
      const client = new FakeClient(view);
      const { store } = await loadedStore(client);
      renderWithStore(store, <PartitionPanel topic="orders" partition={{ ...p, ...changes }} brokers={brokers} />);
      const button = screen.getByTestId('elect-preferred') as HTMLButtonElement;
      await act(async () => fireEvent.click(button));
      return { button, client };
    };
    const preferred = p.preferredLeader;
    const other = p.replicas.find((r) => r !== preferred)!;
    let r = await render({ leader: preferred });
    expect(r.button.disabled).toBe(true);
    expect(r.button.title).toContain('ELECTION_NOT_NEEDED');
    r = await render({ leader: other, inSyncReplicas: p.replicas.filter((b) => b !== preferred) });
    expect(r.button.title).toMatch(new RegExp(`^Broker ${preferred} is not in the ISR .*PREFERRED_LEADER_NOT_AVAILABLE`));
    expect(r.client.commands).toEqual([]);
    r = await render({ leader: other }, view.brokers.map((b) => (b.brokerId === preferred ? { ...b, state: 'isolated' as const } : b)));
    expect(r.button.title).toMatch(/is isolated \(cut off from the network\): Kafka would answer PREFERRED_LEADER_NOT_AVAILABLE/);
    r = await render({ leader: other });
    expect(r.button.disabled).toBe(false);
    expect(screen.queryByTestId('elect-preferred-reason')).toBeNull();
    expect(r.client.commands).toEqual([{ type: 'elect-preferred-leader', topic: 'orders', partition: 0 }]);
  });

  it('treats a fenced broker as running: stop, kill and isolate, never start', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }] });
    view.brokers[2] = { ...view.brokers[2]!, state: 'fenced' };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <PartitionPanel topic="orders" partition={view.topics[0]!.partitions[0]!} brokers={view.brokers} />);
    expect(screen.queryByTestId('panel-start-3')).toBeNull();
    expect(screen.getByTestId('panel-stop-3')).toBeTruthy();
    expect(screen.getByTestId('panel-isolate-3')).toBeTruthy();
    expect(screen.queryByTestId('panel-heal-3')).toBeNull();
  });

  it('shows a failed log cleaner as an "uncleanable" badge with its broker and reason, and nothing when none failed', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }] });
    const { store } = await loadedStore(new FakeClient(view));
    const p = view.topics[0]!.partitions[0]!;
    const { unmount } = renderWithStore(store, <PartitionPanel topic="orders" partition={p} brokers={view.brokers} />);
    expect(screen.queryByTestId('log-failure-cleaner-2')).toBeNull();
    unmount();
    const failed = { ...p, logFailures: [{ brokerId: 2, task: 'cleaner' as const, reason: 'zstd payload does not decompress: Data corruption detected', timeMs: 5 }] };
    renderWithStore(store, <PartitionPanel topic="orders" partition={failed} brokers={view.brokers} />);
    const line = screen.getByTestId('log-failure-cleaner-2');
    expect(line.textContent).toBe('uncleanable broker 2: zstd payload does not decompress: Data corruption detected');
  });
});

describe('TopicDetail follows snapshots', () => {
  it('header numbers, grid rows, the bar scale and the selected partition show each snapshot', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 50 }, { name: 'other', partitions: 1, replicationFactor: 3, records: 5 }] });
    const client = new FakeClient(view);
    const { store, frames } = await loadedStore(client);
    act(() => store.getState().selectTopic('orders', 1));
    renderWithStore(store, <TopicDetail />);
    expect(screen.getByTestId('topic-records').textContent).toBe('150');
    expect(screen.getByTestId('hw-1').textContent).toBe('50');
    const scale = () => (screen.getByTestId('partition-row-0').parentElement as HTMLElement).style.getPropertyValue(logScaleVar);
    expect(scale()).toBe('50');
    const [orders, other] = view.topics;
    const p1 = orders!.partitions[1]!;
    const grown = { ...p1, highWatermark: 1234, logEndOffset: 1234, inSyncReplicas: [1, 2], replicaStates: p1.replicaStates.map((r) => (r.brokerId === 3 ? r : { ...r, logEndOffset: 1234, highWatermark: 1234 })) };
    act(() => {
      client.pushSnapshot({ ...view, topics: [{ ...orders!, partitions: [orders!.partitions[0]!, grown, orders!.partitions[2]!] }, other!] });
      frames.flush();
    });
    expect(screen.getByTestId('topic-records').textContent).toBe('1,334');
    expect(screen.getByTestId('hw-1').textContent).toBe('1234');
    expect(screen.getByTestId('isr-1').textContent).toBe('[1,2]');
    expect(screen.getByTestId('hw-0').textContent).toBe('50');
    expect(scale()).toBe('1500');
    expect(screen.getByTestId('partition-panel').textContent).toContain('inSyncReplicas [1, 2]');
    expect(screen.getByTestId('replica-1-3').dataset.role).toBe('out-of-sync');
  });
});

describe('roundScale', () => {
  it('rounds up to 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k', () => {
    expect([0, 1, 7, 10, 11, 12.5, 99, 100, 101, 1234, 5000, 5001, 8001, 9999].map(roundScale)).toEqual([1, 1, 7, 10, 12, 15, 100, 100, 120, 1500, 5000, 6000, 10000, 10000]);
  });
});

describe('ThroughputChart', () => {
  it('shows the newest rate and plots the last minute relative to the newest sample on a 1/2/5 × 10^k scale', async () => {
    const view = makeClusterView({ simTimeMs: 0, topics: [{ name: 'orders', partitions: 1, replicationFactor: 3, records: 0 }] });
    const client = new FakeClient(view);
    const { store, frames } = await loadedStore(client);
    for (const [second, hw] of [[1, 100], [2, 300], [3, 350]] as const) {
      const p = view.topics[0]!.partitions[0]!;
      act(() => {
        client.pushSnapshot({ ...view, simTimeMs: second * 1000, topics: [{ ...view.topics[0]!, partitions: [{ ...p, highWatermark: hw, logEndOffset: hw }] }] });
        frames.flush();
      });
    }
    renderWithStore(store, <ThroughputChart topic="orders" />);
    expect(screen.getByTestId('throughput-now').textContent).toContain('50.0');
    // Samples at simulated 0..3 s: rates 0, 100, 200, 50 records/s.
    const { points, yMax } = chartData(seriesSamples(store.getState().samples.orders));
    expect(points).toEqual([{ t: -3, rate: 0 }, { t: -2, rate: 100 }, { t: -1, rate: 200 }, { t: 0, rate: 50 }]);
    expect(yMax).toBe(200);
  });

  it('rounds the y scale up to 1, 2 or 5 × 10^k', () => {
    expect([0, 0.5, 1, 1.1, 3, 7, 20, 21, 499, 501].map(niceCeiling)).toEqual([1, 1, 1, 2, 5, 10, 20, 50, 500, 1000]);
  });
});
