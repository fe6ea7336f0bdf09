// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { TopicsTable } from './TopicsTable';
import { validateCreateTopic } from './topic-validation';
import { topicRows } from './topic-rows';

afterEach(cleanup);

const type = (testId: string, value: string) => fireEvent.change(screen.getByTestId(testId), { target: { value } });

describe('TopicsTable', () => {
  it('validates the create form inline before sending anything', async () => {
    const { store, client } = await loadedStore();
    renderWithStore(store, <TopicsTable />);
    fireEvent.click(screen.getByTestId('open-create-topic'));
    type('create-name', 'orders');
    type('create-replicationFactor', '5');
    await act(async () => fireEvent.click(screen.getByTestId('create-topic-submit')));
    expect(screen.getByTestId('error-name').textContent).toContain('already exists');
    expect(screen.getByTestId('error-replicationFactor').textContent).toContain('Only 3 brokers running');
    expect(client.commands).toHaveLength(0);
  });

  it('sends create-topic and shows the cluster refusal inline', async () => {
    const client = new FakeClient();
    client.results = [{ ok: false, errorName: 'POLICY_VIOLATION', message: 'Not today.' }];
    const { store } = await loadedStore(client);
    renderWithStore(store, <TopicsTable />);
    fireEvent.click(screen.getByTestId('open-create-topic'));
    type('create-name', 'payments');
    type('create-partitions', '6');
    type('create-minInSyncReplicas', '2');
    await act(async () => fireEvent.click(screen.getByTestId('create-topic-submit')));
    expect(client.commands).toEqual([{ type: 'create-topic', topic: 'payments', partitions: 6, replicationFactor: 3, configs: { 'min.insync.replicas': '2' } }]);
    expect(screen.getByTestId('create-topic-server-error').textContent).toContain('POLICY_VIOLATION: Not today.');
  });

  it('hides create and delete in a read-only view', async () => {
    const client = new FakeClient();
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    const { store } = await loadedStore(client);
    renderWithStore(store, <TopicsTable />);
    expect(screen.queryByTestId('open-create-topic')).toBeNull();
    expect(screen.queryByTestId('delete-topic-orders')).toBeNull();
  });
});

describe('TopicsTable follows snapshots', () => {
  const cell = (topic: string, column: string) => screen.getByTestId(`topic-row-${topic}`).querySelector(`.cell-${column}`)!.textContent;

  it('rows show each snapshot\'s numbers, the health filter follows the partitions, sorting by a number re-orders', async () => {
    const view = makeClusterView({ topics: [{ name: 'a', partitions: 2, replicationFactor: 3, records: 10 }, { name: 'b', partitions: 2, replicationFactor: 3, records: 20 }] });
    const client = new FakeClient(view);
    const { store, frames } = await loadedStore(client);
    renderWithStore(store, <TopicsTable />);
    expect(cell('a', 'records')).toBe('20');
    expect(cell('b', 'records')).toBe('40');
    const push = (next: typeof view) => act(() => { client.pushSnapshot(next); frames.flush(); });
    // b grows past a, then loses an in-sync replica; a is unchanged (same object).
    const [a, b] = view.topics;
    const grown = { ...b!, partitions: [{ ...b!.partitions[0]!, highWatermark: 500, logEndOffset: 500 }, b!.partitions[1]!] };
    push({ ...view, topics: [a!, grown] });
    expect(cell('b', 'records')).toBe('520');
    expect(cell('a', 'records')).toBe('20');
    const shrunk = { ...grown, partitions: [{ ...grown.partitions[0]!, inSyncReplicas: [1, 2] }, grown.partitions[1]!] };
    push({ ...view, topics: [a!, shrunk] });
    expect(cell('b', 'underReplicated')).toBe('1');
    act(() => store.getState().showTopicsWith('under-replicated'));
    expect(screen.queryByTestId('topic-row-a')).toBeNull();
    expect(screen.getByTestId('topic-row-b')).toBeTruthy();
    act(() => store.getState().showTopicsWith('all'));
    const order = () => screen.getAllByRole('row').slice(1).sort((x, y) => new DOMMatrix(x.style.transform).f - new DOMMatrix(y.style.transform).f).map((r) => r.dataset.testid);
    expect(order()).toEqual(['topic-row-a', 'topic-row-b']);
    const recordsHeader = screen.getAllByRole('columnheader').find((h) => h.textContent?.startsWith('Records'))!;
    fireEvent.click(recordsHeader); // numbers sort descending first
    expect(recordsHeader.getAttribute('aria-sort')).toBe('descending');
    expect(order()).toEqual(['topic-row-b', 'topic-row-a']);
    const aGrows = { ...a!, partitions: [{ ...a!.partitions[0]!, highWatermark: 9000, logEndOffset: 9000 }, a!.partitions[1]!] };
    push({ ...view, topics: [aGrows, shrunk] });
    expect(order()).toEqual(['topic-row-a', 'topic-row-b']);
    expect(cell('a', 'records')).toBe('9,010');
  });
});

describe('topic rows and validation', () => {
  it('sums records as highWatermark − logStartOffset and counts under-replicated partitions', () => {
    const view = makeClusterView({ topics: [{ name: 't', partitions: 4, replicationFactor: 3, records: 100 }] });
    view.topics[0]!.partitions[0]!.logStartOffset = 40;
    view.topics[0]!.partitions[1]!.inSyncReplicas = [2];
    const [row] = topicRows(view);
    expect(row).toMatchObject({ records: 360, underReplicated: 1, underMinIsr: 0, partitions: 4 });
  });

  it('mirrors Kafka topic-name rules', () => {
    const draft = { name: 'ok.name_1-x', partitions: '1', replicationFactor: '1', minInSyncReplicas: '1', retentionMs: '-1', cleanupPolicy: 'delete' as const };
    expect(validateCreateTopic(draft, new Set(), 3)).toEqual({});
    expect(validateCreateTopic({ ...draft, name: '..' }, new Set(), 3).name).toBeDefined();
    expect(validateCreateTopic({ ...draft, name: 'a b' }, new Set(), 3).name).toBeDefined();
    expect(validateCreateTopic({ ...draft, name: 'x'.repeat(250) }, new Set(), 3).name).toBeDefined();
    expect(validateCreateTopic({ ...draft, minInSyncReplicas: '2' }, new Set(), 3).minInSyncReplicas).toContain('replication factor');
  });
});
