// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { partitionForStringKey } from '../../../shared/partitioner';
import { loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { FakeWorkbench } from '../messages/fake-workbench';
import { WorkbenchProvider } from '../messages/WorkbenchProvider';
import { explainPartition } from './partition-explanation';
import { ProducePanel } from './ProducePanel';

afterEach(cleanup);

describe('explainPartition', () => {
  it('agrees with Kafka\'s default partitioner and says why', () => {
    for (const key of ['a', 'customer-42', 'ünïcode', '']) {
      const e = explainPartition({ key, encoding: 'utf8', partition: null, partitionCount: 7 });
      expect(e.partition).toBe(partitionForStringKey(key, 7));
      expect(e.steps.join('\n')).toMatch(/murmur2\(key\) = -?\d+/);
      expect(e.steps.join('\n')).toContain(`mod 7 partitions = ${e.partition}`);
    }
    expect(explainPartition({ key: null, encoding: 'utf8', partition: null, partitionCount: 3 }).steps.join(' ')).toMatch(/round-robin.*sticky/s);
    expect(explainPartition({ key: 'x', encoding: 'utf8', partition: 2, partitionCount: 3 }).partition).toBe(2);
  });
});

describe('ProducePanel', () => {
  it('shows where a keyed record lands, sends it and shows partition and offset', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    renderWithStore(store, <WorkbenchProvider client={wb}><ProducePanel /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('produce-key'), { target: { value: 'customer-42' } });
    fireEvent.change(screen.getByTestId('produce-value'), { target: { value: 'hello' } });
    fireEvent.click(screen.getByTestId('produce-add-header'));
    fireEvent.change(screen.getByTestId('produce-header-key-0'), { target: { value: 'trace' } });
    fireEvent.change(screen.getByTestId('produce-header-value-0'), { target: { value: 'abc' } });
    expect(screen.getByTestId('partition-explanation').textContent).toContain(`→ partition ${partitionForStringKey('customer-42', 3)}`);
    await act(async () => fireEvent.click(screen.getByTestId('produce-send')));
    expect(wb.calls[0]).toMatchObject({ method: 'produceRecord', args: [{ topic: 'orders', partition: null, key: 'customer-42', value: 'hello', headers: [{ key: 'trace', value: 'abc' }], acks: -1, delivery: 'plain' }] });
    expect(screen.getByTestId('produce-result').textContent).toMatch(/orders-1 at offset 10/);
  });

  it('sends a tombstone and shows a Kafka error in plain words', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    wb.produceResult = { ok: false, errorName: 'NOT_ENOUGH_REPLICAS', message: 'Broker: not enough replicas', explanation: 'only 1 of 3 replicas in sync, topic requires 2', retriable: true, elapsedMs: 5 };
    renderWithStore(store, <WorkbenchProvider client={wb}><ProducePanel /></WorkbenchProvider>);
    fireEvent.click(screen.getByTestId('produce-value-null'));
    await act(async () => fireEvent.click(screen.getByTestId('produce-send')));
    expect(wb.calls[0]!.args[0]).toMatchObject({ value: null });
    expect(screen.getByTestId('produce-error').textContent).toContain('NOT_ENOUGH_REPLICAS: only 1 of 3 replicas in sync, topic requires 2');
  });
});
