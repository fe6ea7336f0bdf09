// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { SimControls } from './SimControls';

afterEach(cleanup);

describe('SimControls', () => {
  it('stamps seed and simulated time in the chosen zone, and sends speed changes', async () => {
    const client = new FakeClient(makeClusterView({ seed: 7, simTimeMs: Date.UTC(2026, 0, 1, 12, 0, 0) }));
    const { store } = await loadedStore(client);
    store.getState().setTimeZone('Asia/Tokyo');
    renderWithStore(store, <SimControls />);
    expect(screen.getByTestId('sim-stamp').textContent).toContain('seed 7');
    expect(screen.getByTestId('sim-stamp').textContent).toContain('2026-01-01 21:00:00.000 Asia/Tokyo');
    expect(screen.queryByTestId('sim-step')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('sim-speed-0.1')));
    expect(client.commands).toEqual([{ type: 'set-speed', speed: 0.1 }]);
  });

  it('explains pause for external clients and offers step while paused', async () => {
    const view = makeClusterView();
    view.sim = { speed: 1, paused: true };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <SimControls />);
    expect(screen.getByTestId('pause-note').textContent).toContain('timeouts keep running');
    expect(screen.getByTestId('sim-step')).toBeTruthy();
    expect(screen.getByTestId('sim-stamp').textContent).toMatch(/^PAUSED/);
  });

  it('shows only the stamp to a read-only viewer', async () => {
    const client = new FakeClient();
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    const { store } = await loadedStore(client);
    renderWithStore(store, <SimControls />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByTestId('sim-stamp')).toBeTruthy();
  });
});
