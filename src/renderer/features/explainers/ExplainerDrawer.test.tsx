// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { ExplainButton } from './ExplainButton';
import { ExplainerDrawer } from './ExplainerDrawer';
import { ConceptsButton } from './ConceptsButton';
import { useExplainer } from './explainer-store';
import { CONCEPT_IDS } from './concepts';
import { readOnlyReason } from './ScenarioLoader';

afterEach(() => {
  cleanup();
  act(() => useExplainer.setState({ page: null, history: [], opener: null }));
});

async function setup(readOnly = false) {
  const client = new FakeClient();
  client.hostInfo = { ...client.hostInfo, readOnly };
  client.scenarios = [{ name: 'replication-and-isr', title: 'Replication and the ISR', summary: 'A slow follower leaves and comes back', concepts: ['ISR'] }];
  const { store } = await loadedStore(client);
  renderWithStore(store, <><ConceptsButton /><ExplainButton concept="isr" /><ExplainerDrawer /></>);
  return client;
}

describe('ExplainButton and the explainer drawer', () => {
  it('opens the ISR explainer from its "?", follows a link and comes back, and closes on Esc with focus back on the "?"', async () => {
    await setup();
    const question = screen.getByRole('button', { name: 'What is ISR?' });
    expect(screen.queryByTestId('explainer-drawer')).toBeNull();
    fireEvent.click(question);
    expect(screen.getByTestId('explainer-title').textContent).toBe('ISR');
    expect(question.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByTestId('explainer-default-replica.lag.time.max.ms').textContent).toContain('30000');
    expect(screen.getByTestId('explainer-default-min.insync.replicas').textContent).toContain('1');
    expect(document.documentElement.classList.contains('explainer-open')).toBe(true);

    fireEvent.click(screen.getByTestId('explainer-link-high-watermark'));
    expect(screen.getByTestId('explainer-title').textContent).toBe('High watermark');
    fireEvent.click(screen.getByTestId('explainer-back'));
    expect(screen.getByTestId('explainer-title').textContent).toBe('ISR');

    fireEvent.keyDown(document, { key: 'Escape' });
    expect(screen.queryByTestId('explainer-drawer')).toBeNull();
    expect(document.activeElement).toBe(question);
    expect(document.documentElement.classList.contains('explainer-open')).toBe(false);
  });

  it('lists every concept in the Concepts index, and opens one from it', async () => {
    await setup();
    fireEvent.click(screen.getByTestId('open-concepts'));
    for (const id of CONCEPT_IDS) expect(screen.getByTestId(`concept-entry-${id}`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'KRaft' }));
    expect(screen.getByTestId('explainer-title').textContent).toBe('KRaft');
    fireEvent.click(screen.getByTestId('explainer-close'));
    expect(screen.queryByTestId('explainer-drawer')).toBeNull();
  });

  it('loads the scenario only after "replace the running cluster?" is confirmed', async () => {
    const client = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'What is ISR?' }));
    const load = screen.getByTestId('load-scenario-from-explainer-replication-and-isr') as HTMLButtonElement;
    await waitFor(() => expect(screen.getByTestId('explainer-scenario-replication-and-isr').textContent).toContain('Replication and the ISR'));
    expect(load.disabled).toBe(false);
    fireEvent.click(load);
    expect(client.sessionCalls).toEqual([]);
    fireEvent.click(screen.getByTestId('confirm-load-scenario-replication-and-isr'));
    await waitFor(() => expect(client.sessionCalls).toEqual([{ method: 'loadScenario', args: [{ name: 'replication-and-isr' }] }]));
    await waitFor(() => expect(screen.getByTestId('explainer-scenario-loaded').textContent).toBe('done'));
  });

  it('lets read-only viewers read explainers, with "Load scenario" disabled and the read-only reason', async () => {
    const client = await setup(true);
    fireEvent.click(screen.getByRole('button', { name: 'What is ISR?' }));
    const load = screen.getByTestId('load-scenario-from-explainer-replication-and-isr') as HTMLButtonElement;
    expect(load.disabled).toBe(true);
    expect(load.title).toBe(readOnlyReason);
    fireEvent.click(load);
    expect(screen.queryByTestId('confirm-load-scenario-replication-and-isr')).toBeNull();
    expect(client.sessionCalls).toEqual([]);
  });
});
