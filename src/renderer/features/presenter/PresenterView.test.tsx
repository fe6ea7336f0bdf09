// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ClusterMetricsView } from '../../../shared/cluster-metrics-view';
import type { ScenarioStatus } from '../../../shared/scenario-view';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { PresenterButton } from './PresenterButton';
import { PresenterView } from './PresenterView';

beforeEach(() => {
  window.location.hash = '';
});
afterEach(() => cleanup());

const metrics = (urp: number): ClusterMetricsView => ({
  atMs: 0,
  metrics: [
    { name: 'UnderReplicatedPartitions', mbean: 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', kind: 'gauge', unit: 'partitions', value: urp, detail: [{ label: 'broker 1', value: urp }] },
    { name: 'IsrShrinksPerSec', mbean: 'kafka.server:type=ReplicaManager,name=IsrShrinksPerSec', kind: 'meter', unit: 'shrinks', value: 2, oneMinuteRate: 0.25, detail: [{ label: 'broker 1', value: 2, oneMinuteRate: 0.25 }] },
  ],
});

function scenario(): ScenarioStatus {
  const predict = { question: 'What happens to acks=all?', choices: ['It waits', 'It fails'], answer: 1, explanation: 'The ISR is below min.insync.replicas.' };
  return {
    name: 'min-isr', title: 'Two of three brokers down', summary: 'summary', seed: 5, durationMs: 60_000, nowMs: 20_000,
    steps: [
      { index: 0, atMs: 0, title: 'Start', text: 'Three brokers hold orders.', predict: null, done: true, revealed: true, actions: [] },
      { index: 1, atMs: 20_000, title: 'Stop two', text: 'Brokers 2 and 3 stop.', predict, done: false, revealed: false, actions: [] },
    ],
    currentStep: 1,
    pendingPredict: { stepIndex: 1, question: predict.question, choices: predict.choices },
    narration: [], producers: [], lanes: [], groups: [], expectations: [], invariantViolations: [], finished: false,
  };
}

async function render(opts: { readOnly?: boolean; withScenario?: boolean } = {}) {
  const view = makeClusterView();
  view.metrics = metrics(0);
  if (opts.withScenario !== false) view.sim = { speed: 1, paused: false, session: { generation: 1, origin: { kind: 'scenario', name: 'min-isr', title: 'x' }, scenario: scenario() } };
  const client = new FakeClient(view);
  client.hostInfo = { ...client.hostInfo, readOnly: opts.readOnly ?? false };
  const { store } = await loadedStore(client);
  renderWithStore(store, <><PresenterButton /><PresenterView /></>);
  return { client, store };
}

describe('PresenterView', () => {
  it('opens with P (the button says so), shows the step as caption and the predict; Reveal reveals that step; Esc leaves', async () => {
    const { client } = await render();
    expect(screen.queryByTestId('presenter-view')).toBeNull();
    expect(screen.getByTestId('open-presenter').getAttribute('title')).toMatch(/Key P; Esc leaves/);
    await act(async () => fireEvent.keyDown(window, { key: 'p' }));
    expect(window.location.hash).toBe('#presenter');
    await screen.findByTestId('presenter-view');
    expect(screen.getByTestId('presenter-caption').textContent).toBe('Brokers 2 and 3 stop.');
    expect(screen.getByTestId('presenter-question').textContent).toBe('Predict: What happens to acks=all?');
    await act(async () => fireEvent.click(screen.getByTestId('presenter-reveal')));
    expect(client.sessionCalls).toEqual([{ method: 'revealScenarioStep', args: [1] }]);
    await act(async () => fireEvent.keyDown(window, { key: 'Escape' }));
    await waitFor(() => expect(screen.queryByTestId('presenter-view')).toBeNull());
    expect(window.location.hash).toBe('');
  });

  it('shows Was / Now / Δ with the per-broker detail on hover, and "Set baseline now" zeroes the Δ', async () => {
    const { store } = await render();
    await act(async () => fireEvent.click(screen.getByTestId('open-presenter')));
    await screen.findByTestId('presenter-view');
    const base = store.getState().snapshot!;
    await act(async () => store.setState({ snapshot: { ...base, simTimeMs: base.simTimeMs + 1000, metrics: metrics(3) } }));
    const urp = screen.getByTestId('metric-UnderReplicatedPartitions');
    expect(urp.querySelector('[data-testid="metric-was"]')!.textContent).toBe('0');
    expect(urp.querySelector('[data-testid="metric-now"]')!.textContent).toBe('3');
    expect(urp.querySelector('[data-testid="metric-delta"]')!.textContent).toBe('+3');
    expect(urp.getAttribute('data-signal')).toBe('bad');
    expect(urp.getAttribute('title')).toContain('broker 1: 3');
    expect(screen.getByTestId('metric-IsrShrinksPerSec').querySelector('[data-testid="metric-now"]')!.textContent).toBe('20.25/s');
    await act(async () => fireEvent.click(screen.getByTestId('set-baseline')));
    expect(urp.querySelector('[data-testid="metric-delta"]')!.textContent).toBe('0');
    expect(screen.getByTestId('presenter-baseline').textContent).toBe('Was = when you set it');
  });

  it('read-only viewers see the question but no Reveal; without a scenario a hint says how to load one', async () => {
    await render({ readOnly: true });
    await act(async () => fireEvent.click(screen.getByTestId('open-presenter')));
    await screen.findByTestId('presenter-view');
    expect(screen.getByTestId('presenter-question')).toBeTruthy();
    expect(screen.queryByTestId('presenter-reveal')).toBeNull();
    expect(screen.getByTestId('presenter-reveal-readonly').textContent).toContain('The presenter reveals the answer');
    cleanup();
    window.location.hash = '';
    await render({ withScenario: false });
    await act(async () => fireEvent.click(screen.getByTestId('open-presenter')));
    await screen.findByTestId('presenter-view');
    expect(screen.getByTestId('presenter-no-scenario').textContent).toContain('Scenarios…');
    expect(screen.getByTestId('presenter-metrics')).toBeTruthy();
  });
});
