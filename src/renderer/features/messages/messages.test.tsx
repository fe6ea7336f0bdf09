// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { decodePayload } from './decode';
import { toCsv, toJsonLines } from './export-records';
import { FakeWorkbench, fakeRecord } from './fake-workbench';
import { WorkbenchProvider } from './WorkbenchProvider';
import { WorkbenchContent } from './WorkbenchViews';
import { appendCapped } from './use-scan';
import { producedRecordStore } from './produced-record';
import { useApp } from '../../store/store-context';

/** Renders whichever workbench view the app store shows, like App.tsx does. */
function Shown() {
  const view = useApp((s) => s.view);
  return <WorkbenchContent view={view === 'overview' ? 'messages' : view} />;
}

afterEach(cleanup);

describe('decodePayload', () => {
  it('auto-detects JSON, text and binary; a failing explicit decoder says why', () => {
    expect(decodePayload(btoa('{"a": 1}'), 'auto', true)).toMatchObject({ as: 'json', text: '{\n  "a": 1\n}', error: null });
    expect(decodePayload(btoa('hello'), 'auto')).toMatchObject({ as: 'utf8', text: 'hello' });
    expect(decodePayload(btoa('\xff\xfe'), 'auto')).toMatchObject({ as: 'hex', text: 'fffe' });
    expect(decodePayload(btoa('hello'), 'json').error).toMatch(/not JSON/);
    expect(decodePayload(btoa('\xff'), 'utf8').error).toMatch(/not valid UTF-8/);
    expect(decodePayload(null, 'auto')).toMatchObject({ as: 'null' });
  });
});

describe('export and the renderer ring', () => {
  it('writes JSON lines and RFC 4180 CSV, tombstones flagged', () => {
    const records = [fakeRecord(), fakeRecord({ seq: 2, offset: 1, value: null, headers: [{ key: 'h', value: btoa('a,"b"') }] })];
    const lines = toJsonLines(records, 'auto').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[1]).toMatchObject({ offset: 1, value: null, tombstone: true, headers: { h: 'a,"b"' } });
    expect(toCsv(records, 'auto').split('\r\n')[2]).toContain('"{""h"":""a,\\""b\\""""}"');
  });

  it('caps the ring and counts what fell off', () => {
    expect(appendCapped([1, 2, 3], [4, 5], 4)).toEqual({ list: [2, 3, 4, 5], evicted: 1 });
  });
});

describe('MessageBrowser', () => {
  it('tells a read-only viewer that records need the token instead of offering a scan the host refuses', async () => {
    const client = new FakeClient();
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    const { store } = await loadedStore(client);
    const wb = new FakeWorkbench();
    renderWithStore(store, <WorkbenchProvider client={wb}><Shown /></WorkbenchProvider>);
    await waitFor(() => expect(screen.getByTestId('browser-read-only').textContent).toMatch(/need the access token/));
    expect(screen.queryByTestId('browser-scan')).toBeNull();
    expect(screen.queryByTestId('browser-tail')).toBeNull();
    expect(wb.calls).toEqual([]);
  });

  it('scans, shows tombstones distinctly and a record with its headers, and sends a row to the produce panel', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    wb.scanRecords = [
      fakeRecord({ seq: 1, offset: 0, headers: [{ key: 'trace', value: btoa('abc') }], compression: 'zstd' }),
      fakeRecord({ seq: 2, offset: 1, value: null, valueBytes: 0 }),
    ];
    renderWithStore(store, <WorkbenchProvider client={wb}><Shown /></WorkbenchProvider>);
    await act(async () => fireEvent.click(screen.getByTestId('browser-scan')));
    await waitFor(() => expect(screen.getByTestId('scan-progress').dataset.state).toBe('done'));
    expect(wb.calls[0]).toMatchObject({ method: 'startScan', args: [{ topic: 'orders', partitions: null, seek: { kind: 'newest', count: 50 } }] });
    expect(screen.getByTestId('scan-progress').textContent).toMatch(/2 records, 123 B scanned/);
    const rows = screen.getAllByTestId('record-row');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain('tombstone');
    expect(rows[1]!.className).toContain('wb-row-tombstone');
    fireEvent.click(rows[0]!);
    expect(screen.getByTestId('record-headers').textContent).toContain('trace');
    expect(screen.getByTestId('record-headers').textContent).toContain('abc');
    expect(screen.getByTestId('record-detail').textContent).toContain('zstd');
    fireEvent.click(screen.getByTestId('produce-again'));
    expect(store.getState().view).toBe('produce');
    expect((screen.getByTestId('produce-key') as HTMLInputElement).value).toBe('k');
    expect((screen.getByTestId('produce-value') as HTMLTextAreaElement).value).toBe('{"a":1}');
  });

  it('shows the partitions a scan could not read, with the Kafka error name and plain words', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    wb.scanRecords = [fakeRecord({ seq: 1, partition: 0 })];
    wb.failedPartitions = [{ partition: 1, errorName: 'LEADER_NOT_AVAILABLE', message: 'orders-1 has no leader at the moment (replicas 2; in sync: none): an election is in progress or every in-sync replica is down.' }];
    renderWithStore(store, <WorkbenchProvider client={wb}><Shown /></WorkbenchProvider>);
    await act(async () => fireEvent.click(screen.getByTestId('browser-scan')));
    await waitFor(() => expect(screen.getByTestId('scan-progress').dataset.state).toBe('done'));
    expect(screen.getAllByTestId('record-row')).toHaveLength(1);
    const failed = screen.getByTestId('scan-failed-partitions');
    expect(failed.textContent).toContain('1 partition could not be read');
    expect(screen.getByTestId('failed-partition').dataset.partition).toBe('1');
    expect(screen.getByTestId('failed-partition').textContent).toContain('LEADER_NOT_AVAILABLE');
    expect(screen.getByTestId('failed-partition').textContent).toContain('has no leader');
  });

  it('sends the filter with the scan, refuses bad inputs inline without calling the host, and highlights the produced record', async () => {
    const { store } = await loadedStore();
    const wb = new FakeWorkbench();
    wb.scanRecords = [fakeRecord({ seq: 1, partition: 1, offset: 10 }), fakeRecord({ seq: 2, partition: 0, offset: 3 })];
    producedRecordStore.getState().setLastProduced({ topic: 'orders', partition: 1, offset: 10 });
    renderWithStore(store, <WorkbenchProvider client={wb}><Shown /></WorkbenchProvider>);
    fireEvent.change(screen.getByTestId('browser-limit'), { target: { value: '0' } });
    expect(screen.getByTestId('limit-error').textContent).toMatch(/Limit must be from 1 to 10,000/);
    expect((screen.getByTestId('browser-scan') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('browser-limit'), { target: { value: '20' } });
    fireEvent.change(screen.getByTestId('filter-expression'), { target: { value: 'value.[' } });
    expect(screen.getByTestId('filter-error').textContent).toMatch(/Not a JMESPath expression/);
    expect((screen.getByTestId('browser-scan') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('filter-expression'), { target: { value: 'value.a == `1`' } });
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: 'k' } });
    fireEvent.click(screen.getByTestId('filter-field-headers'));
    expect(wb.calls).toEqual([]);
    await act(async () => fireEvent.click(screen.getByTestId('browser-scan')));
    await waitFor(() => expect(screen.getByTestId('scan-progress').dataset.state).toBe('done'));
    expect(wb.calls[0]).toMatchObject({ method: 'startScan', args: [{ limit: 20, filter: { expression: 'value.a == `1`', text: { text: 'k', fields: ['key', 'value'], caseSensitive: false } } }] });
    const produced = screen.getAllByTestId('record-row').filter((r) => r.dataset.produced === 'true');
    expect(produced.map((r) => `${r.dataset.partition}:${r.dataset.offset}`)).toEqual(['1:10']);
    fireEvent.change(screen.getByTestId('browser-sort'), { target: { value: 'offset' } });
    expect(screen.getAllByTestId('record-row').map((r) => r.dataset.offset)).toEqual(['3', '10']);
    producedRecordStore.getState().setLastProduced(null);
  });
});
