import { describe, expect, it } from 'vitest';
import { makeClusterView } from './cluster-view-fixtures';
import type { FlowHopView, FlowView } from './flow-view';
import { applySnapshotPatch, diffSnapshot, jsonEqual } from './snapshot-patch';

const hop = (id: number): FlowHopView => ({
  id, kind: 'produce', topic: 'a', partition: id % 4, from: { kind: 'client', clientId: 'p', host: '127.0.0.1' }, to: { kind: 'broker', brokerId: 1 },
  startMs: id * 10, endMs: id * 10 + 5, records: 1, bytes: 100, offsets: [id, id], acks: -1,
});
const flow = (from: number, to: number, windowStartMs = from * 10, dropped = 0): FlowView => ({ hops: Array.from({ length: to - from + 1 }, (_, i) => hop(from + i)), windowStartMs, dropped });
const withFlow = (f: FlowView) => ({ ...makeClusterView(), flow: f });

describe('snapshot patches: records in motion', () => {
  it('carry the new hops only, and applying reproduces the next flow view (the window moved on, hops appended)', () => {
    const base = withFlow(flow(1, 400));
    const next = { ...base, flow: flow(51, 430, 510, 3) };
    const patch = diffSnapshot(base, next, 1, 2);
    expect(patch.rest.flow).toBeUndefined();
    expect(patch.flowDelta).toMatchObject({ firstId: 51, windowStartMs: 510, dropped: 3 });
    expect(patch.flowDelta!.append.map((h) => h.id)).toEqual(Array.from({ length: 30 }, (_, i) => 401 + i));
    expect(JSON.stringify(patch).length).toBeLessThan(JSON.stringify(next.flow).length / 5);
    const applied = applySnapshotPatch(base, JSON.parse(JSON.stringify(patch)));
    expect(jsonEqual(applied.flow, next.flow)).toBe(true);
    // The hops both views hold are the base's objects.
    expect(applied.flow!.hops[0]).toBe(base.flow.hops[50]);
  });

  it('handle a view that emptied, one that jumped past the base, and an unchanged one (no patch field at all)', () => {
    const base = withFlow(flow(1, 10));
    const emptied = { ...base, flow: { hops: [], windowStartMs: 900, dropped: 0 } };
    expect(applySnapshotPatch(base, diffSnapshot(base, emptied, 1, 2)).flow).toEqual(emptied.flow);
    const jumped = { ...base, flow: flow(20, 25) };
    expect(jsonEqual(applySnapshotPatch(base, diffSnapshot(base, jumped, 1, 2)).flow, jumped.flow)).toBe(true);
    const same = { ...base, flow: flow(1, 10) };
    const patch = diffSnapshot(base, same, 1, 2);
    expect(patch.flowDelta).toBeUndefined();
    expect(patch.rest.flow).toBeUndefined();
  });

  it('refuse a delta the base cannot take (the viewer then asks for a whole snapshot)', () => {
    const base = withFlow(flow(1, 10));
    const patch = diffSnapshot(base, { ...base, flow: flow(5, 12) }, 1, 2);
    const otherBase = withFlow(flow(7, 10));
    expect(() => applySnapshotPatch(otherBase, patch)).toThrow(/flow delta keeps hops from 5/);
  });

  it('send a flow whole when its ids are not consecutive', () => {
    const base = withFlow(flow(1, 10));
    const gappy = { ...base, flow: { hops: [hop(3), hop(9)], windowStartMs: 30, dropped: 0 } };
    const patch = diffSnapshot(base, gappy, 1, 2);
    expect(patch.flowDelta).toBeUndefined();
    expect(patch.rest.flow).toEqual(gappy.flow);
  });
});
