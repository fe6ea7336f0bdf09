// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { FakeClient, event, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { Timeline } from './Timeline';
import { describeEvent } from './event-text';

afterEach(cleanup);

function client() {
  const c = new FakeClient();
  c.recent = [
    event({ type: 'broker-stopped', brokerId: 1, controlled: false }, 1, 1000),
    event({ type: 'leader-elected', topic: 'orders', partition: 2, leader: 3, previousLeader: 1, leaderEpoch: 4, unclean: false, reason: 'broker-failure' }, 2, 1200),
  ];
  return c;
}

describe('Timeline', () => {
  it('lists events newest first and filters them by text', async () => {
    const { store } = await loadedStore(client());
    renderWithStore(store, <Timeline />);
    const lines = screen.getAllByTestId('timeline-line');
    expect(lines[0]!.textContent).toContain('orders-2: leader 1 → 3, leaderEpoch 4');
    fireEvent.change(screen.getByTestId('event-filter'), { target: { value: 'stopped' } });
    expect(screen.getAllByTestId('timeline-line')).toHaveLength(1);
  });

  it('selects the partition or broker a line is about', async () => {
    const { store } = await loadedStore(client());
    renderWithStore(store, <Timeline />);
    const [leader, broker] = screen.getAllByTestId('timeline-line');
    fireEvent.click(leader!);
    expect(store.getState()).toMatchObject({ view: 'topic', selectedTopic: 'orders', selectedPartition: 2 });
    fireEvent.click(broker!);
    expect(store.getState()).toMatchObject({ view: 'overview', selectedBrokerId: 1 });
  });

  it('hides routine events (highWatermark moves, empty coordinator loads) until asked for, then folds them', async () => {
    const c = client();
    c.recent = [
      ...c.recent,
      event({ type: 'high-watermark-advanced', topic: 'orders', partition: 0, highWatermark: 10 }, 3, 1300),
      event({ type: 'group-coordinator-loaded', brokerId: 2, partition: 7, groups: 0, offsets: 0 }, 4, 1400),
      event({ type: 'group-coordinator-loaded', brokerId: 2, partition: 12, groups: 1, offsets: 6 }, 5, 1500),
    ];
    const { store } = await loadedStore(c);
    renderWithStore(store, <Timeline />);
    const shown = () => screen.getAllByTestId(/^timeline-(line|fold)$/).map((line) => line.textContent ?? '');
    expect(shown()).toHaveLength(3);
    expect(shown()[0]).toContain('__consumer_offsets-12: loaded 1 group, 6 offsets');
    fireEvent.click(screen.getByTestId('show-routine'));
    // The two loads of broker 2 fold into one line; the highWatermark move shows alone.
    expect(shown()).toEqual([
      expect.stringContaining('broker 2 now coordinates 2 __consumer_offsets partitions (loaded 1 group, 6 offsets)'),
      expect.stringContaining('orders-0: highWatermark → 10'),
      expect.stringContaining('orders-2: leader 1 → 3'),
      expect.stringContaining('broker 1 stopped (killed)'),
    ]);
  });

  it('folds internal-topic moves into one line that opens and closes on click', async () => {
    const c = client();
    c.recent = [
      ...c.recent,
      ...[0, 1, 2, 3].map((p) => event({ type: 'leader-elected', topic: '__consumer_offsets', partition: p, leader: 2, previousLeader: 1, leaderEpoch: 3, unclean: false, reason: 'broker-failure' }, 10 + p, 1200)),
    ];
    const { store } = await loadedStore(c);
    renderWithStore(store, <Timeline />);
    const fold = screen.getByTestId('timeline-fold');
    expect(fold.textContent).toContain('4 __consumer_offsets partitions: leader moved to broker 2 after a broker failure (leaderEpoch 3)');
    expect(fold.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryAllByTestId('timeline-member')).toHaveLength(0);
    fireEvent.click(fold);
    expect(screen.getAllByTestId('timeline-member').map((m) => m.textContent)).toEqual([3, 2, 1, 0].map((p) => expect.stringContaining(`__consumer_offsets-${p}: leader 1 → 2`)));
    fireEvent.click(screen.getAllByTestId('timeline-member')[0]!);
    expect(store.getState()).toMatchObject({ view: 'topic', selectedTopic: '__consumer_offsets', selectedPartition: 3 });
    fireEvent.click(screen.getByTestId('timeline-fold'));
    expect(screen.queryAllByTestId('timeline-member')).toHaveLength(0);
  });

  it('says when the host dropped older history', async () => {
    const c = client();
    c.dropped = { count: 1234, throughTimeMs: 500, maxEvents: 20_000, maxBytes: 8 * 1024 * 1024 };
    const { store } = await loadedStore(c);
    renderWithStore(store, <Timeline />);
    expect(screen.getByTestId('timeline-dropped').textContent).toContain('the host dropped its 1,234 oldest significant events');
  });

  it('words events in Kafka terms', () => {
    expect(describeEvent(event({ type: 'isr-shrunk', topic: 't', partition: 0, removed: [3], inSyncReplicas: [1, 2] }, 1))).toBe('t-0: ISR shrank, removed [3] → [1,2]');
  });
});
