// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ClusterView } from '../../../shared';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { ClusterOverview } from './ClusterOverview';

afterEach(cleanup);

function dedicatedView(): ClusterView {
  const view = makeClusterView();
  view.brokers = view.brokers.map((b) => ({ ...b, isActiveController: false }));
  view.controller = {
    voters: [3000, 3001, 3002], activeControllerId: 3001, controllerEpoch: 2, metadataEpoch: 4, processRoles: 'dedicated',
    nodes: [
      { nodeId: 3000, processRoles: 'controller', state: 'stopped', isActive: false },
      { nodeId: 3001, processRoles: 'controller', state: 'running', isActive: true },
      { nodeId: 3002, processRoles: 'controller', state: 'running', isActive: false },
    ],
    quorum: { hasMajority: true, reachableVoters: [3001, 3002], stoppedVoters: [3000], cutOffVoters: [], lostSinceMs: null },
  };
  return view;
}

describe('QuorumPanel', () => {
  it('shows dedicated controller nodes with their role, state and the controls their state allows', async () => {
    const client = new FakeClient(dedicatedView());
    const { store } = await loadedStore(client);
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getByTestId('quorum-shape').textContent).toBe('3 brokers + 3 dedicated controllers (process.roles=controller)');
    expect(screen.getByTestId('quorum-health').textContent).toBe('Quorum up: majority of voters: 2 of 3 reachable (voter 3000 stopped)');
    expect(screen.getByTestId('controller-node-3001').textContent).toContain('★ controller 3001');
    expect(screen.getByTestId('controller-node-3001').textContent).toContain('active · running');
    expect(screen.getByTestId('metric-strip').textContent).toContain('node 3001');
    expect(screen.queryByTestId('start-controller-3001')).toBeNull();
    expect(screen.getByTestId('start-controller-3000')).not.toBeNull();
    expect(screen.getByTestId('isolate-controller-3002')).not.toBeNull();
    expect(screen.getByTestId('health-controllers-down').textContent).toBe('1controllers down: 3000 (stopped)');
    await act(async () => fireEvent.click(screen.getByTestId('stop-controller-3001')));
    expect(client.commands).toEqual([{ type: 'stop-controller', nodeId: 3001 }]);
  });

  it('says why a combined-mode quorum is lost, for how long, and what it means', async () => {
    const view = makeClusterView({ simTimeMs: 1_700_000_012_000 });
    view.brokers[1] = { ...view.brokers[1]!, state: 'stopped' };
    view.brokers[2] = { ...view.brokers[2]!, state: 'stopped' };
    view.controller = {
      ...view.controller, activeControllerId: null, processRoles: 'combined',
      nodes: [1, 2, 3].map((nodeId) => ({ nodeId, processRoles: 'broker,controller' as const, state: nodeId === 1 ? 'running' as const : 'stopped' as const, isActive: false })),
      quorum: { hasMajority: false, reachableVoters: [1], stoppedVoters: [2, 3], cutOffVoters: [], lostSinceMs: 1_700_000_002_000 },
    };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getByTestId('quorum-shape').textContent).toContain('process.roles=broker,controller');
    const health = screen.getByTestId('quorum-health');
    expect(health.textContent).toContain('Quorum lost: no majority of voters: 1 of 3 reachable (voters 2, 3 stopped), for 10 s.');
    expect(health.textContent).toContain('no leader elections, no topic changes, no ISR changes');
    expect(health.textContent).toContain('Existing leaders still serve produce and fetch');
    expect(screen.getByTestId('health-no-controller').textContent).toContain('no majority of voters: 1 of 3 reachable');
    // Combined voters are brokers: their cards carry the controls, the quorum panel none.
    expect(screen.queryByTestId('stop-controller-2')).toBeNull();
  });

  it('on a view without voters (a remote cluster) says the quorum is not known, not a combined quorum of nobody', async () => {
    const view = makeClusterView();
    view.controller = { voters: [], activeControllerId: 2, controllerEpoch: -1, metadataEpoch: -1 };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <ClusterOverview />);
    expect(screen.getByTestId('quorum-unknown').textContent).toBe('Not known from here: Kafka Lab does not ask this cluster for its quorum (DescribeQuorum) yet, so its voters, process.roles and epochs are not shown. The active controller, from DescribeCluster: node 2.');
    expect(screen.queryByTestId('quorum-shape')).toBeNull();
    expect(screen.queryByTestId('metadata-offset')).toBeNull();
  });
});
