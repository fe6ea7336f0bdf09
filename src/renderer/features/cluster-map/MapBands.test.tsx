// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { TopicView } from '../../../shared/cluster-view';
import { layoutMap } from './map-layout';
import { brokersStateKey, heatScale } from './map-model';
import { MapAggregateRow, sameAggregateRow, type MapAggregateRowProps } from './MapBands';

afterEach(cleanup);

describe('MapAggregateRow', () => {
  const view = makeClusterView({ topics: [{ name: 'orders', partitions: 6, replicationFactor: 3, records: 10 }] });
  const layout = layoutMap({ brokers: view.brokers, controllerNodeIds: [], topics: [{ name: 'orders', partitions: 6 }], mode: 'aggregate' });
  const brokersKey = brokersStateKey(view.brokers);

  const onZoom = () => {};

  function setup(first: TopicView) {
    let newest = first;
    const topicOf = () => newest;
    const props = (topic: TopicView): MapAggregateRowProps => ({
      layout, row: layout.rows[0]!, topic, brokers: view.brokers, brokersKey, maxRate: heatScale(1000), onZoom, topicOf,
    });
    const r = render(<MapAggregateRow {...props(first)} />);
    return { props, rerender: (topic: TopicView) => { newest = topic; r.rerender(<MapAggregateRow {...props(topic)} />); } };
  }

  it('skips a snapshot that changes only offsets and rate within a heat step, and its tooltip still says the newest rate', () => {
    const topic = { ...view.topics[0]!, produceRatePerSec: 600 };
    const { props, rerender } = setup(topic);
    const cell = screen.getByTestId('map-cell-orders-1');
    const text = () => screen.getByTestId('map-row-orders').textContent;
    const before = text();
    // A new topic object (offsets moved), the rate moved inside the same tenth of the scale.
    const grown = { ...topic, produceRatePerSec: 610, partitions: topic.partitions.map((p) => ({ ...p, highWatermark: p.highWatermark + 5, logEndOffset: p.logEndOffset + 5 })) };
    expect(sameAggregateRow(props(topic), props(grown))).toBe(true);
    expect(sameAggregateRow(props(topic), props({ ...grown, produceRatePerSec: 900 }))).toBe(false);
    rerender(grown);
    expect(screen.getByTestId('map-cell-orders-1')).toBe(cell);
    expect(text()).toBe(before);
    expect(cell.getAttribute('title')).toBeNull();
    fireEvent.pointerEnter(cell);
    // Broker 1 leads 2 of the 6 partitions: 610 × 2 / 6 ≈ 203 records/s.
    expect(cell.title).toMatch(/orders on broker 1: 2 leaders, 4 in-sync followers, 0 out-of-sync, 0 offline; ≈ 203/);
  });

  it('redraws when a count changes: a follower out of sync shows ✕ on its broker', () => {
    const topic = view.topics[0]!;
    const { props, rerender } = setup(topic);
    expect(screen.queryByText(/✕/)).toBeNull();
    const p0 = topic.partitions[0]!;
    const shrunk = { ...topic, partitions: [{ ...p0, inSyncReplicas: p0.inSyncReplicas.filter((b) => b !== p0.replicas[2]) }, ...topic.partitions.slice(1)] };
    expect(sameAggregateRow(props(topic), props(shrunk))).toBe(false);
    rerender(shrunk);
    expect(screen.getByTestId(`map-cell-orders-${p0.replicas[2]}`).textContent).toContain('✕1');
  });
});
