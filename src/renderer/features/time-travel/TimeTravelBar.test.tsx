// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, event, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { BrokerCard } from '../overview/BrokerCard';
import { TimeTravelBar } from './TimeTravelBar';
import { pastModeReason } from './use-past-mode';

afterEach(() => cleanup());

const topics = [{ name: 'orders', partitions: 1, replicationFactor: 3, records: 10 }];

async function setup() {
  const live = makeClusterView({ simTimeMs: 60_000, topics });
  const client = new FakeClient(live);
  client.sessionHistory = { ...client.sessionHistory, fromMs: 0, toMs: 60_000, samples: 61, usedBytes: 2 * 1024 * 1024 };
  const stopped = event({ type: 'broker-stopped', brokerId: 1, controlled: false }, 10, 30_000);
  client.recent = [stopped, event({ type: 'leader-elected', topic: 'orders', partition: 0, leader: 2, previousLeader: 1, leaderEpoch: 1, unclean: false, reason: 'broker-failure' }, 11, 30_000)];
  client.pastViews = [{ sampleTimeMs: 29_000, eventSeq: 9, view: makeClusterView({ simTimeMs: 29_000, topics }) }];
  const { store, frames } = await loadedStore(client);
  await act(async () => { await store.getState().refreshHistoryRange(); });
  return { store, frames, client, broker: store.getState().snapshot!.brokers[0]! };
}

describe('TimeTravelBar', () => {
  it('is live until a step back; then the banner names the moment, live commands are disabled with the reason, and Back to live returns', async () => {
    const { store, client, broker } = await setup();
    renderWithStore(store, <><TimeTravelBar /><BrokerCard broker={broker} selected={false} readOnly={false} /></>);
    expect(screen.getByTestId('time-travel-live').textContent).toContain('live');
    expect(screen.queryByTestId('time-travel-banner')).toBeNull();
    expect(screen.getByTestId('step-forward-event')).toHaveProperty('disabled', true);
    expect(screen.getAllByTestId('time-travel-mark').map((m) => m.dataset.kind)).toEqual(['election', 'fault']);

    await act(async () => { fireEvent.click(screen.getByTestId('step-back-event')); });
    // Back from live: just before the newest mark (the election, seq 11), i.e. through seq 10.
    expect(client.viewRequests).toEqual([30_000]);
    expect(store.getState().timeTravel.throughEventSeq).toBe(10);
    const banner = screen.getByTestId('time-travel-banner');
    expect(banner.textContent).toContain('Viewing the cluster at');
    expect(banner.textContent).toContain('(simulated; the live cluster keeps running)');
    expect(screen.getByTestId('time-travel-landed').textContent).toBe('orders-0: leader 1 → 2');
    const stop = screen.getByTestId('stop-broker-1');
    expect(stop).toHaveProperty('disabled', true);
    expect(stop.getAttribute('title')).toBe(pastModeReason);

    await act(async () => { fireEvent.click(screen.getByTestId('step-back-event')); });
    expect(screen.getByTestId('time-travel-landed').textContent).toBe('broker 1 killed');
    expect(screen.getByTestId('step-back-event')).toHaveProperty('disabled', true);

    act(() => { fireEvent.click(screen.getByTestId('back-to-live')); });
    expect(screen.queryByTestId('time-travel-banner')).toBeNull();
    expect(store.getState().timeTravel.mode).toBe('live');
    expect(screen.getByTestId('stop-broker-1')).toHaveProperty('disabled', false);
  });

  it('drags back with the slider and returns to live with Escape or at the right end', async () => {
    const { store, client } = await setup();
    renderWithStore(store, <TimeTravelBar />);
    const slider = screen.getByTestId('time-travel-slider') as HTMLInputElement;
    await act(async () => { fireEvent.change(slider, { target: { value: '29000' } }); });
    expect(client.viewRequests).toEqual([29_000]);
    expect(store.getState().timeTravel.past?.sampleTimeMs).toBe(29_000);
    act(() => { fireEvent.keyDown(slider, { key: 'Escape' }); });
    expect(store.getState().timeTravel.mode).toBe('live');
    await act(async () => { fireEvent.change(slider, { target: { value: '29000' } }); });
    await act(async () => { fireEvent.change(slider, { target: { value: slider.max } }); });
    expect(store.getState().timeTravel.mode).toBe('live');
  });

  it('says from when history is kept when the host dropped older history', async () => {
    const { store } = await setup();
    act(() => store.setState((s) => ({ timeTravel: { ...s.timeTravel, range: { ...s.timeTravel.range!, fromMs: 20_000, dropped: { samples: 20, throughTimeMs: 19_000 } } } })));
    renderWithStore(store, <TimeTravelBar />);
    expect(screen.getByTestId('time-travel-range').textContent).toMatch(/^history from .* \(older dropped to stay within 64 MiB\)$/);
  });
});
