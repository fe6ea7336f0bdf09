// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { partitionForStringKey } from '../../../shared/partitioner';
import { loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { FakeWorkbench } from '../messages/fake-workbench';
import { WorkbenchProvider } from '../messages/WorkbenchProvider';
import { explainPartition } from './partition-explanation';
import { ProducePanel } from './ProducePanel';
import { refuseOversized } from './produce-size';
import { uiChannelMaxFrameBytes } from '../../../shared/workbench-contract';

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

  it('shows acks=0 as sent without an offset or confirmation, with the partition only as "look in"', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    wb.produceResult = { ok: true, topic: 'orders', partition: 2, offset: null, acknowledged: false, partitionSource: 'partitioner', elapsedMs: 1, note: 'acks=0: the broker sends no response' };
    renderWithStore(store, <WorkbenchProvider client={wb}><ProducePanel /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('produce-acks'), { target: { value: '0' } });
    expect(screen.getByTestId('produce-acks-meaning').textContent).toMatch(/no response at all: no offset/);
    await act(async () => fireEvent.click(screen.getByTestId('produce-send')));
    expect(wb.calls[0]!.args[0]).toMatchObject({ acks: 0 });
    const text = screen.getByTestId('produce-result').textContent!;
    expect(text).toMatch(/acks=0 .*no offset, no confirmation\. Look in partition 2: the producer's partitioner chose it/);
    expect(text).not.toMatch(/at offset/);
    expect(screen.getByTestId('produce-result').dataset.acknowledged).toBe('false');
  });

  it('shows every failed attempt with its error and backoff, and the retry policy', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    const attempts = [1, 2, 3].map((attempt) => ({ attempt, errorName: 'NOT_ENOUGH_REPLICAS', message: 'fewer in-sync replicas', retriable: true, backoffMs: attempt < 3 ? 100 * 2 ** (attempt - 1) : null, atMs: attempt * 100 }));
    wb.produceResult = { ok: false, errorName: 'NOT_ENOUGH_REPLICAS', message: 'm', explanation: 'only 1 of 3 replicas in sync', retriable: true, elapsedMs: 400, attempts, maxAttempts: 3 };
    renderWithStore(store, <WorkbenchProvider client={wb}><ProducePanel /></WorkbenchProvider>);
    expect(screen.getByTestId('produce-retry-policy').textContent).toMatch(/at most 3 attempts, 100 ms apart/);
    await act(async () => fireEvent.click(screen.getByTestId('produce-send')));
    expect((wb.calls[0]!.args[0] as { requestId?: string }).requestId).toMatch(/^produce-/);
    const rows = screen.getAllByTestId('produce-attempt').map((r) => r.textContent);
    expect(rows).toEqual([
      'Attempt 1 of 3 at 100 ms: NOT_ENOUGH_REPLICAS · retrying in 100 ms',
      'Attempt 2 of 3 at 200 ms: NOT_ENOUGH_REPLICAS · retrying in 200 ms',
      'Attempt 3 of 3 at 300 ms: NOT_ENOUGH_REPLICAS · last attempt',
    ]);
  });

  it('forces acks=all for idempotent delivery and says why', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    renderWithStore(store, <WorkbenchProvider client={wb}><ProducePanel /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('produce-acks'), { target: { value: '0' } });
    fireEvent.change(screen.getByTestId('produce-delivery'), { target: { value: 'idempotent' } });
    const acks = screen.getByTestId('produce-acks') as HTMLSelectElement;
    expect(acks.value).toBe('-1');
    expect(acks.disabled).toBe(true);
    expect(screen.getByTestId('produce-acks-meaning').textContent).toMatch(/requires acks=all \(KIP-98\)/);
    await act(async () => fireEvent.click(screen.getByTestId('produce-send')));
    expect(wb.calls[0]!.args[0]).toMatchObject({ acks: -1, delivery: 'idempotent' });
  });

  it('refuses at once a record over socket.request.max.bytes, in Kafka\'s words', () => {
    const base = { topic: 't', partition: null, key: null, headers: [], acks: -1 as const, compression: 'none' as const, delivery: 'plain' as const };
    expect(refuseOversized({ ...base, value: 'x'.repeat(2 * 1024 * 1024) })).toBeNull();
    const refusal = refuseOversized({ ...base, value: 'x'.repeat(uiChannelMaxFrameBytes) });
    expect(refusal?.errorName).toBe('MESSAGE_TOO_LARGE');
    expect(refusal?.explanation).toMatch(/socket\.request\.max\.bytes=104857600.*max\.message\.bytes/);
  });

  it('shows the attempts while the record is still on its way (polled progress)', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    let answer: (r: typeof wb.produceResult) => void = () => {};
    wb.produceRecord = async (...args) => { wb.calls.push({ method: 'produceRecord', args }); return new Promise((resolve) => { answer = resolve; }); };
    wb.produceProgress = { requestId: 'x', maxAttempts: 3, state: 'sending', elapsedMs: 1500, attempts: [{ attempt: 1, errorName: 'NOT_LEADER_OR_FOLLOWER', message: 'm', retriable: true, backoffMs: 100, atMs: 20 }] };
    renderWithStore(store, <WorkbenchProvider client={wb}><ProducePanel /></WorkbenchProvider>);
    await act(async () => fireEvent.click(screen.getByTestId('produce-send')));
    await waitFor(() => expect(screen.getByTestId('produce-progress').textContent).toMatch(/attempt 2 of 3 · 1\.5 s/));
    expect(screen.getByTestId('produce-progress').textContent).toMatch(/Attempt 1 of 3 at 20 ms: NOT_LEADER_OR_FOLLOWER · retrying in 100 ms/);
    expect(screen.getByTestId('produce-progress').textContent).toMatch(/REQUEST_TIMED_OUT after 10 s/);
    await act(async () => answer({ ok: true, topic: 'orders', partition: 0, offset: 4, elapsedMs: 1600, acknowledged: true, attempts: wb.produceProgress!.attempts, maxAttempts: 3 }));
    expect(screen.queryByTestId('produce-progress')).toBeNull();
    expect(screen.getByTestId('produce-result').textContent).toMatch(/orders-0 at offset 4 .*Acknowledged on attempt 2 of 3/);
  });
});
