// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { defaultTopicConfigs } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { ConfigEditor } from './ConfigEditor';

afterEach(cleanup);

describe('ConfigEditor', () => {
  it('shows value, default and source, and sends an edit or a reset', async () => {
    const client = new FakeClient();
    const { store } = await loadedStore(client);
    const configs = defaultTopicConfigs({ 'retention.ms': '60000' });
    renderWithStore(store, <ConfigEditor topic="orders" configs={configs} />);
    const row = screen.getByTestId('config-retention.ms').closest('tr')!;
    expect(row.textContent).toContain('604800000');
    expect(row.textContent).toContain('dynamic topic config');
    fireEvent.change(screen.getByTestId('config-min.insync.replicas'), { target: { value: '2' } });
    await act(async () => fireEvent.submit(screen.getByTestId('config-min.insync.replicas').closest('form')!));
    await act(async () => fireEvent.click(row.querySelector('button[title="Delete the topic override"]')!));
    expect(client.commands).toEqual([
      { type: 'alter-topic-config', topic: 'orders', configs: { 'min.insync.replicas': '2' } },
      { type: 'alter-topic-config', topic: 'orders', configs: { 'retention.ms': null } },
    ]);
  });

  it('shows the refusal inline and is plain text when read-only', async () => {
    const client = new FakeClient();
    client.results = [{ ok: false, errorName: 'INVALID_CONFIG', message: 'min.insync.replicas must be at least 1' }];
    const { store } = await loadedStore(client);
    renderWithStore(store, <ConfigEditor topic="orders" configs={defaultTopicConfigs()} />);
    fireEvent.change(screen.getByTestId('config-min.insync.replicas'), { target: { value: '0' } });
    await act(async () => fireEvent.submit(screen.getByTestId('config-min.insync.replicas').closest('form')!));
    expect(screen.getByRole('alert').textContent).toContain('INVALID_CONFIG');
    cleanup();
    const readOnly = new FakeClient();
    readOnly.hostInfo = { ...readOnly.hostInfo, readOnly: true };
    const ro = await loadedStore(readOnly);
    renderWithStore(ro.store, <ConfigEditor topic="orders" configs={defaultTopicConfigs()} />);
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
  });
});
