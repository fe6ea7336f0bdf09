// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, event, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { PartitionGrid } from './PartitionGrid';
import { PartitionPanel } from './PartitionPanel';
import { linkStates, replicaStates } from './replica-state';

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

  it('tracks link changes from events, forgetting restored links', () => {
    const slow = event({ type: 'link-changed', fromBrokerId: 1, toBrokerId: 2, latencyMs: 1500, lossRate: 0, cut: false }, 1);
    expect(linkStates([slow]).get('2→1')?.latencyMs).toBe(1500);
    const restored = event({ type: 'link-changed', fromBrokerId: 1, toBrokerId: 2, latencyMs: 0, lossRate: 0, cut: false }, 2);
    expect(linkStates([slow, restored]).size).toBe(0);
  });
});

describe('PartitionGrid', () => {
  it('draws chips by role and selects a replica on click', async () => {
    const view = failedOver();
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <PartitionGrid topic={view.topics[0]!} brokers={view.brokers} />);
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
  it('offers preferred-leader election, link slowing and broker start in context', async () => {
    const view = failedOver();
    const client = new FakeClient(view);
    const { store } = await loadedStore(client);
    renderWithStore(store, <PartitionPanel topic="orders" partition={view.topics[0]!.partitions[0]!} brokers={view.brokers} />);
    expect(screen.getByTestId('log-numbers-0-3').textContent).toContain('lag 10');
    await act(async () => fireEvent.click(screen.getByTestId('elect-preferred')));
    await act(async () => fireEvent.click(screen.getByTestId('slow-link-3')));
    await act(async () => fireEvent.click(screen.getByTestId('panel-start-1')));
    expect(client.commands).toEqual([
      { type: 'elect-preferred-leader', topic: 'orders', partition: 0 },
      { type: 'set-link', fromBrokerId: 2, toBrokerId: 3, latencyMs: 1500, lossRate: 0 },
      { type: 'start-broker', brokerId: 1 },
    ]);
  });

  it('checks a reassignment before sending it', async () => {
    const view = failedOver();
    const client = new FakeClient(view);
    const { store } = await loadedStore(client);
    renderWithStore(store, <PartitionPanel topic="orders" partition={view.topics[0]!.partitions[1]!} brokers={view.brokers} />);
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '3,3' } });
    await act(async () => fireEvent.submit(screen.getByTestId('reassign-input').closest('form')!));
    expect(screen.getByRole('alert').textContent).toContain('at most once');
    fireEvent.change(screen.getByTestId('reassign-input'), { target: { value: '3, 2' } });
    await act(async () => fireEvent.submit(screen.getByTestId('reassign-input').closest('form')!));
    expect(client.commands).toEqual([{ type: 'reassign-partition', topic: 'orders', partition: 1, replicas: [3, 2] }]);
  });
});
