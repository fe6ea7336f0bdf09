// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ScenarioStatus } from '../../../shared/scenario-view';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { NarrationPanel } from './NarrationPanel';

afterEach(() => cleanup());

function status(overrides: Partial<ScenarioStatus> = {}): ScenarioStatus {
  const predict = { question: 'What does the producer see?', choices: ['NOT_ENOUGH_REPLICAS', 'success'], answer: 0, explanation: 'Only one replica is in sync.' };
  return {
    name: 'min-isr', title: 'Two of three brokers down', summary: 'min.insync.replicas=2 refuses acks=all writes', seed: 5, durationMs: 60_000, nowMs: 20_000,
    steps: [
      { index: 0, atMs: 5_000, title: 'Stop broker 2', text: 'Broker 2 goes away.', predict: null, done: true, revealed: true, actions: [] },
      { index: 1, atMs: 20_000, title: 'Stop broker 3', text: 'Now only the leader is left.', predict, done: false, revealed: false, actions: [] },
    ],
    currentStep: 1,
    pendingPredict: { stepIndex: 1, question: predict.question, choices: predict.choices },
    narration: [{ atMs: 5_000, stepIndex: 0, kind: 'action', text: 'stop broker 2' }],
    producers: [], lanes: [], groups: [], expectations: [], invariantViolations: [], finished: false,
    ...overrides,
  };
}

async function render(scenario: ScenarioStatus, readOnly = false) {
  const view = makeClusterView();
  view.sim = { speed: 1, paused: false, session: { generation: 2, origin: { kind: 'scenario', name: scenario.name, title: scenario.title }, scenario } };
  const client = new FakeClient(view);
  client.hostInfo = { ...client.hostInfo, readOnly };
  const { store } = await loadedStore(client);
  renderWithStore(store, <NarrationPanel />);
  return client;
}

describe('NarrationPanel', () => {
  it('shows the step, the predict question and the hold, and Reveal answer reveals that step', async () => {
    const client = await render(status());
    expect(screen.getByTestId('narration-step-counter').textContent).toBe('step 2 of 2');
    expect(screen.getByTestId('narration-text').textContent).toBe('Now only the leader is left.');
    expect(screen.getByTestId('predict-question').textContent).toBe('Predict: What does the producer see?');
    expect(screen.getByTestId('predict-hold').textContent).toContain('held at t=20.0 s');
    expect(screen.getByTestId('narration-bootstrap').textContent).toContain('kcat -b 127.0.0.1:9092 -L');
    await act(async () => fireEvent.click(screen.getByTestId('reveal-answer')));
    expect(client.sessionCalls).toEqual([{ method: 'revealScenarioStep', args: [1] }]);
    await act(async () => fireEvent.click(screen.getByTestId('restart-scenario')));
    expect(client.sessionCalls[1]).toEqual({ method: 'restartScenario', args: [] });
  });

  it('at the end lists the outcomes with pass/fail and the lanes lost and duplicated records; read-only viewers get no buttons', async () => {
    const steps = status().steps.map((s) => ({ ...s, done: true, revealed: true }));
    await render(status({
      steps, pendingPredict: null, finished: true, nowMs: 60_000,
      expectations: [
        { expectation: { check: 'lane-lost', lane: 'eos', eq: 0 } as never, label: 'lane eos lost = 0', actual: 0, passed: true, measuredAtMs: 60_000 },
        { expectation: { check: 'lane-lost', lane: 'amo', min: 1 } as never, label: 'lane amo lost ≥ 1', actual: 0, passed: false, measuredAtMs: 60_000 },
      ],
      lanes: [{ name: 'amo', title: 'at-most-once', producer: 'p', group: 'g', input: 100, processed: 97, lost: 3, lostIds: ['p-4', 'p-5', 'p-6'], duplicated: 0, duplicatedIds: [] }],
    }), true);
    expect(screen.getAllByTestId('scenario-outcome').map((li) => li.getAttribute('data-passed'))).toEqual(['true', 'false']);
    expect(screen.getByTestId('narration-clock').textContent).toBe('finished at t=60.0 s · seed 5');
    expect(screen.getAllByTestId('scenario-outcome')[1]!.textContent).toBe('FAIL lane amo lost ≥ 1 — measured 0');
    expect(screen.getByTestId('lane-amo').textContent).toContain('3: p-4, p-5, p-6');
    expect(screen.getByTestId('predict-answer').textContent).toContain('NOT_ENOUGH_REPLICAS');
    expect(screen.queryByTestId('reveal-answer')).toBeNull();
    expect(screen.queryByTestId('restart-scenario')).toBeNull();
  });
});
