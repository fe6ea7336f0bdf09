// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { FakeWorkbench, fakeRecord } from '../messages/fake-workbench';
import { WorkbenchProvider } from '../messages/WorkbenchProvider';
import { ConsumePanel } from './ConsumePanel';

afterEach(cleanup);

describe('ConsumePanel', () => {
  it('starts a group consumer and shows running consumers with their assignment and records', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    wb.status = { loadGenerators: [], consumers: [{
      id: 'consumer-1', clientId: 'kafka-lab-ui-consumer-1', config: { topic: 'orders', mode: 'group', groupId: 'g', fromBeginning: true, isolationLevel: 'read_committed' },
      state: 'running', consumed: 42, memberId: 'kafka-lab-ui-consumer-1-abc', assignment: [{ topic: 'orders', partitions: [0, 1, 2] }], positions: [{ partition: 0, offset: 41 }], error: null,
      recent: [fakeRecord({ offset: 41 })],
    }] };
    renderWithStore(store, <WorkbenchProvider client={wb}><ConsumePanel /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('consume-isolation'), { target: { value: 'read_committed' } });
    await act(async () => fireEvent.click(screen.getByTestId('consume-start')));
    expect(wb.calls[0]).toMatchObject({ method: 'startConsumer', args: [{ topic: 'orders', mode: 'group', groupId: 'kafka-lab-ui-group', isolationLevel: 'read_committed' }] });
    await waitFor(() => expect(screen.getByTestId('ui-consumer').dataset.state).toBe('running'));
    expect(screen.getByTestId('consumed-count').textContent).toBe('42');
    expect(screen.getByTestId('ui-consumer').textContent).toContain('orders [0, 1, 2]');
    await act(async () => fireEvent.click(screen.getByTestId('consume-stop')));
    expect(wb.calls.at(-1)).toMatchObject({ method: 'stopConsumer', args: ['consumer-1'] });
  });

  it('starts an assigned consumer on exactly the partitions typed, and refuses partitions the topic does not have', async () => {
    const { store } = await loadedStore();
    const topic = store.getState().snapshot!.topics.find((t) => !t.internal)!;
    const count = topic.partitions.length;
    const wb = new FakeWorkbench();
    renderWithStore(store, <WorkbenchProvider client={wb}><ConsumePanel /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('consume-topic'), { target: { value: topic.name } });
    fireEvent.change(screen.getByTestId('consume-mode'), { target: { value: 'assigned' } });
    for (const [typed, error] of [[`0, ${count + 6}`, `UNKNOWN_TOPIC_OR_PARTITION: ${topic.name} has partitions 0–${count - 1}; ${count + 6} is not among them.`], ['abc', 'whole numbers'], ['-1', 'whole numbers']] as const) {
      fireEvent.change(screen.getByTestId('consume-partitions'), { target: { value: typed } });
      await act(async () => fireEvent.click(screen.getByTestId('consume-start')));
      expect(screen.getByTestId('consume-error').textContent).toContain(error);
    }
    expect(wb.calls.filter((c) => c.method === 'startConsumer')).toEqual([]);
    fireEvent.change(screen.getByTestId('consume-partitions'), { target: { value: `${count - 1}, 0` } });
    await act(async () => fireEvent.click(screen.getByTestId('consume-start')));
    expect(wb.calls.at(-1)).toMatchObject({ method: 'startConsumer', args: [{ topic: topic.name, mode: 'assigned', partitions: count > 1 ? [0, count - 1] : [0] }] });
  });

  it('refuses an empty group.id as Kafka does (INVALID_GROUP_ID)', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    renderWithStore(store, <WorkbenchProvider client={wb}><ConsumePanel /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('consume-group'), { target: { value: ' ' } });
    await act(async () => fireEvent.click(screen.getByTestId('consume-start')));
    expect(screen.getByTestId('consume-error').textContent).toMatch(/^INVALID_GROUP_ID/);
    expect(wb.calls.filter((c) => c.method === 'startConsumer')).toEqual([]);
  });
});
