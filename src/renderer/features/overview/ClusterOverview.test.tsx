// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { ClusterOverview } from './ClusterOverview';

afterEach(cleanup);

describe('ClusterOverview', () => {
  it('shows a card per broker with the controller badge, and a healthy cluster as healthy', async () => {
    const { store } = await loadedStore();
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getAllByTestId(/^broker-card-/)).toHaveLength(3);
    expect(screen.getByTestId('broker-card-1').textContent).toContain('controller');
    expect(screen.getByTestId('broker-card-2').textContent).toContain('127.0.0.1:9093');
    expect(screen.getByTestId('health').textContent).toContain('Healthy');
  });

  it('sends stop-broker from the card and shows a refusal inline', async () => {
    const client = new FakeClient();
    client.results = [{ ok: false, errorName: 'BROKER_NOT_AVAILABLE', message: 'Broker 2 is stopped.' }];
    const { store } = await loadedStore(client);
    renderWithStore(store, <ClusterOverview />);
    await act(async () => fireEvent.click(screen.getByTestId('stop-broker-2')));
    expect(client.commands).toEqual([{ type: 'stop-broker', brokerId: 2, controlled: true }]);
    expect(screen.getByRole('alert').textContent).toContain('BROKER_NOT_AVAILABLE');
  });

  it('lists health reasons with counts when a broker is down and partitions are under-replicated', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }] });
    view.brokers[1] = { ...view.brokers[1]!, state: 'stopped' };
    for (const p of view.topics[0]!.partitions) p.inSyncReplicas = p.inSyncReplicas.filter((b) => b !== 2);
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getByTestId('health-under-replicated').textContent).toMatch(/^3/);
    expect(screen.getByTestId('health-brokers-down').textContent).toContain('2 (stopped)');
    expect(screen.getByTestId('metric-urp').className).toContain('metric-bad');
    expect(screen.getByTestId('broker-card-2').querySelector('[data-testid="start-broker-2"]')).not.toBeNull();
    fireEvent.click(screen.getByTestId('health-under-replicated').querySelector('button')!);
    expect(store.getState()).toMatchObject({ view: 'topics', topicHealthFilter: 'under-replicated' });
  });

  it('offers only the actions a broker\'s state allows: start when stopped, heal when isolated, stop/kill/power loss/isolate when up or fenced', async () => {
    const view = makeClusterView();
    view.brokers[0] = { ...view.brokers[0]!, state: 'stopped' };
    view.brokers[1] = { ...view.brokers[1]!, state: 'isolated' };
    view.brokers[2] = { ...view.brokers[2]!, state: 'fenced' };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <ClusterOverview />);
    const buttons = (id: number) => [...screen.getByTestId(`broker-card-${id}`).querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons(1)).toEqual(['Start']);
    expect(buttons(2)).toEqual(['Heal']);
    // Fenced = running but not yet let back in by the controller: start-broker would be refused ("already running").
    expect(buttons(3)).toEqual(['Stop', 'Kill', 'Power loss', 'Isolate']);
    expect(screen.getByTestId('fenced-note-3').textContent).toContain('unfences it');
  });

  it('warns about partitions still led by a broker that is down', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }] });
    view.brokers[0] = { ...view.brokers[0]!, state: 'stopped' };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getByTestId('health-leader-down').textContent).toMatch(/^1.*broker.session.timeout.ms/);
  });

  it('has no controls when the view is read-only', async () => {
    const client = new FakeClient();
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    const { store } = await loadedStore(client);
    renderWithStore(store, <ClusterOverview />);
    expect(screen.queryAllByRole('button', { name: /stop|kill|isolate|start|heal/i })).toHaveLength(0);
  });

  it('follows snapshots: the metric strip, health reasons, broker cards and metadata offset change with the cluster', async () => {
    const view = makeClusterView({ topics: [{ name: 'orders', partitions: 2, replicationFactor: 3, records: 10 }] });
    const client = new FakeClient(view);
    const { store, frames } = await loadedStore(client);
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getByTestId('metric-urp').textContent).toContain('0');
    expect(screen.queryByTestId('health-under-replicated')).toBeNull();
    const t = view.topics[0]!;
    const brokers = view.brokers.map((b) => (b.brokerId === 3 ? { ...b, state: 'stopped' as const } : b));
    act(() => {
      client.pushSnapshot({ ...view, brokers, controller: { ...view.controller, metadataEpoch: 99 }, topics: [{ ...t, partitions: [{ ...t.partitions[0]!, inSyncReplicas: [1, 2] }, t.partitions[1]!] }] });
      frames.flush();
    });
    expect(screen.getByTestId('metric-urp').textContent).toContain('1');
    expect(screen.getByTestId('metric-brokers').textContent).toContain('2 / 3');
    expect(screen.getByTestId('metadata-offset').textContent).toBe('99');
    expect(screen.getByTestId('health').textContent).toContain('under-replicated');
  });
});
