/**
 * The scenario's narration, on screen in every view while a scenario runs: title, step k of n,
 * the step's text, what just happened; at a predict step the question, with "Reveal answer"
 * (simulated time is held at the step until then); "Restart scenario"; at the end the expected
 * outcomes with pass/fail and the measured numbers, and the records each lane or producer lost
 * or duplicated; and the bootstrap for the user's own client. Large type in the projector theme.
 */
import { useState } from 'react';
import type { HostSessionResult } from '../../../shared/host-session-contract';
import type { ScenarioStatus } from '../../../shared/scenario-view';
import { CopyButton } from '../../components/CopyButton';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { kcatLine, recentHappenings, revealedAnswers, scenarioTime, shownStep, stepCounter } from './narration';
import { ScenarioOutcomes } from './ScenarioOutcomes';
import { liveSession } from './session-generation';

export function NarrationPanel() {
  const status = useApp((s) => liveSession(s)?.scenario ?? null);
  const bootstrap = useApp((s) => s.hostInfo?.bootstrap ?? '');
  if (!status) return null;
  return <Narration status={status} bootstrap={bootstrap} />;
}

function Narration({ status, bootstrap }: { status: ScenarioStatus; bootstrap: string }) {
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = shownStep(status);
  const run = async (call: () => Promise<HostSessionResult>) => {
    setBusy(true);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) setError(`${result.errorName}: ${result.message}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const predict = status.pendingPredict;
  const kcat = kcatLine(bootstrap);
  const answers = revealedAnswers(status);
  return (
    <section className="panel narration" aria-label="Scenario narration" data-testid="narration" data-state={status.finished ? 'finished' : predict ? 'waiting-for-reveal' : 'running'}>
      <header className="narration-head">
        <h2 className="narration-title" data-testid="narration-title">{status.title}</h2>
        <span className="narration-counter" data-testid="narration-step-counter">{stepCounter(status)}</span>
        <span className="hint" data-testid="narration-clock" title="Simulated time since the scenario started, of its planned duration">{status.finished ? `finished at ${scenarioTime(status.durationMs)}` : `${scenarioTime(status.nowMs)} of ${scenarioTime(status.durationMs).slice(2)}`} · seed {status.seed}</span>
        {!readOnly && (
          <button type="button" className="btn btn-small" disabled={busy} title={`Start this scenario again from the beginning with the same seed (${status.seed}): the same run, step by step. External clients are disconnected.`}
            onClick={() => void run(() => store.client.restartScenario())} data-testid="restart-scenario">Restart scenario</button>
        )}
      </header>
      {step && status.currentStep >= 0 && (
        <div className="narration-step">
          <p className="narration-step-title" data-testid="narration-step-title">{scenarioTime(step.atMs)} · {step.title}</p>
          {step.text && <p className="narration-text" data-testid="narration-text">{step.text}</p>}
        </div>
      )}
      {status.currentStep < 0 && <p className="narration-text" data-testid="narration-text">{status.summary}</p>}
      {predict && (
        <div className="narration-predict" role="group" aria-label="Predict" data-testid="narration-predict">
          <p className="narration-question" data-testid="predict-question">Predict: {predict.question}</p>
          {predict.choices.length > 0 && <ol className="predict-choices" type="A">{predict.choices.map((c) => <li key={c}>{c}</li>)}</ol>}
          <p className="hint" data-testid="predict-hold">Simulated time is held at {scenarioTime(status.steps[predict.stepIndex]?.atMs ?? status.nowMs)} until the answer is revealed; external clients keep their own clocks.</p>
          {!readOnly && (
            <button type="button" className="btn btn-primary" disabled={busy} title="Show the answer, run the step and let simulated time go on"
              onClick={() => void run(() => store.client.revealScenarioStep(predict.stepIndex))} data-testid="reveal-answer">Reveal answer</button>
          )}
        </div>
      )}
      {answers[0] && (
        <p className="narration-answer" data-testid="predict-answer">
          Answer to step {answers[0].step.index + 1}: <strong>{answers[0].answer}</strong> — {answers[0].explanation}
        </p>
      )}
      <ul className="narration-happened" aria-label="What just happened" data-testid="narration-happened">
        {recentHappenings(status).map((line, i) => <li key={`${line.atMs}-${i}`}>{scenarioTime(line.atMs)} {line.text}</li>)}
      </ul>
      {status.finished && <ScenarioOutcomes status={status} />}
      {error && <p className="inline-error" role="alert" data-testid="narration-error">{error}</p>}
      <p className="narration-bootstrap hint" data-testid="narration-bootstrap">
        Connect your own client: <code>{kcat}</code> <CopyButton text={kcat} label="Copy" testId="copy-kcat" /> — what it does is part of the recording (Export session).
      </p>
    </section>
  );
}
