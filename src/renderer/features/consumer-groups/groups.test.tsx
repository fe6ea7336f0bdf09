// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { GroupView } from '../../../shared/cluster-view';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { FakeWorkbench } from '../messages/fake-workbench';
import { WorkbenchProvider } from '../messages/WorkbenchProvider';
import { GroupsList } from './GroupsList';

afterEach(cleanup);

const member = (n: number, partitions: number[]) => ({ memberId: `m${n}`, groupInstanceId: null, clientId: `app-${n}`, clientHost: '/127.0.0.1', assignment: [{ topic: 'orders', partitions }] });
const group: GroupView = {
  groupId: 'billing', state: 'Stable', protocolType: 'consumer', protocol: 'RoundRobinAssigner', generationId: 3, leaderId: 'm1', coordinatorId: 2,
  members: [member(1, [0]), member(2, [1]), member(3, [2])],
  offsets: [0, 1, 2].map((p) => ({ topic: 'orders', partition: p, committedOffset: 4, endOffset: 10, lag: 6, timeLagMs: 1500, memberId: `m${p + 1}` })),
  totalLag: 18,
};

describe('consumer groups', () => {
  it('lists groups with state definitions and opens the detail with members, lag, rebalances and a refused reset', async () => {
    const client = new FakeClient({ ...makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 10 }] }), groups: [group] });
    const { store } = await loadedStore(client);
    const wb = new FakeWorkbench();
    wb.trends = [{ groupId: 'billing', totalLag: [30, 20, 18] }];
    wb.history = { groupId: 'billing', intervalMs: 1000, samples: [{ atMs: 1, totalLag: 30, partitions: {}, maxTimeLagMs: 0 }, { atMs: 2, totalLag: 18, partitions: {}, maxTimeLagMs: 0 }], rebalances: [{ atMs: 1, generationId: 3, state: 'Stable', protocol: 'RoundRobinAssigner', members: group.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, assignment: m.assignment })) }] };
    wb.resetResult = { ok: false, errorName: 'NON_EMPTY_GROUP', message: 'Group billing is Stable with 3 members: Kafka resets offsets only while a group is Empty', groupState: 'Stable', rows: [] };
    renderWithStore(store, <WorkbenchProvider client={wb}><GroupsList /></WorkbenchProvider>);
    const row = screen.getByTestId('group-row');
    expect(row.textContent).toContain('billing');
    expect(screen.getByTestId('group-state').getAttribute('title')).toMatch(/Stable: every member has its partitions/);
    expect(screen.getByTestId('group-total-lag').textContent).toBe('18');
    await waitFor(() => expect(row.querySelector('svg')).not.toBeNull());
    fireEvent.click(row);
    expect(screen.getAllByTestId('group-member')).toHaveLength(3);
    expect(screen.getAllByTestId('group-offset-row').map((r) => r.dataset.lag)).toEqual(['6', '6', '6']);
    expect(screen.getByTestId('detail-generation').textContent).toContain('generationId 3');
    await waitFor(() => expect(screen.getAllByTestId('rebalance-entry')[0]!.textContent).toContain('generation 3'));
    expect(screen.getByTestId('reset-active-note').textContent).toMatch(/Stable with 3 member/);
    await act(async () => fireEvent.click(screen.getByTestId('reset-apply')));
    expect(screen.getByTestId('reset-error').textContent).toContain('NON_EMPTY_GROUP');
    expect(wb.calls.at(-1)).toMatchObject({ method: 'applyOffsetReset', args: [{ groupId: 'billing', topic: 'orders', target: { kind: 'earliest' } }] });
  });

  it('refuses a reset to an offset or timestamp that is not one, inline and without sending anything', async () => {
    const empty: GroupView = { ...group, state: 'Empty', members: [] };
    const client = new FakeClient({ ...makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 10 }] }), groups: [empty] });
    const { store } = await loadedStore(client);
    const wb = new FakeWorkbench();
    wb.resetResult = { ok: true, applied: false, groupState: 'Empty', rows: [{ partition: 0, currentOffset: 4, newOffset: 7, logStartOffset: 0, highWatermark: 10 }] } as never;
    renderWithStore(store, <WorkbenchProvider client={wb}><GroupsList /></WorkbenchProvider>);
    fireEvent.click(screen.getByTestId('group-row'));
    fireEvent.change(screen.getByTestId('reset-kind'), { target: { value: 'offset' } });
    for (const typo of ['abc', '-5', '1e3', '']) {
      fireEvent.change(screen.getByTestId('reset-param'), { target: { value: typo } });
      await act(async () => fireEvent.click(screen.getByTestId('reset-apply')));
      expect(screen.getByTestId('reset-error').textContent).toContain('The offset must be a whole number');
    }
    fireEvent.change(screen.getByTestId('reset-kind'), { target: { value: 'timestamp' } });
    fireEvent.change(screen.getByTestId('reset-param'), { target: { value: 'yesterday' } });
    await act(async () => fireEvent.click(screen.getByTestId('reset-preview')));
    expect(screen.getByTestId('reset-error').textContent).toContain('The timestamp must be an ISO date-time');
    expect(wb.calls.filter((c) => c.method.includes('OffsetReset'))).toEqual([]);
    fireEvent.change(screen.getByTestId('reset-kind'), { target: { value: 'offset' } });
    fireEvent.change(screen.getByTestId('reset-param'), { target: { value: '7' } });
    await act(async () => fireEvent.click(screen.getByTestId('reset-preview')));
    expect(wb.calls.at(-1)).toMatchObject({ method: 'previewOffsetReset', args: [{ groupId: 'billing', topic: 'orders', target: { kind: 'offset', offset: 7 } }] });
  });
});
