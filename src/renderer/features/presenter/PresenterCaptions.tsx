/**
 * The running scenario's narration as captions for the room, and its "predict, then reveal":
 * the pending question and choices, Reveal (the existing revealScenarioStep command), then the
 * answer and its explanation. Read-only viewers see the question and, once the presenter has
 * revealed it, the answer; they get no Reveal button, because revealing releases the simulated
 * time held at the step for everyone watching the cluster (the host refuses their commands).
 */
import { useState } from 'react';
import type { ScenarioStatus } from '../../../shared/scenario-view';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { revealedAnswers, scenarioTime, shownStep, stepCounter } from '../scenarios/narration';
import { liveSession } from '../scenarios/session-generation';

export function PresenterCaptions() {
  const status = useApp((s) => liveSession(s)?.scenario ?? null);
  if (!status) {
    return (
      <section className="presenter-captions presenter-no-scenario" aria-label="Narration" data-testid="presenter-no-scenario">
        <p>No scenario is running, so there is no narration. Load one with <strong>Scenarios…</strong> in the session bar (leave with Esc): its steps appear here as captions, with questions for the room.</p>
      </section>
    );
  }
  return <Captions status={status} />;
}

function Captions({ status }: { status: ScenarioStatus }) {
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = shownStep(status);
  const predict = status.pendingPredict;
  const answer = revealedAnswers(status)[0];
  const reveal = async (stepIndex: number) => {
    setBusy(true);
    setError(null);
    try {
      const r = await store.client.revealScenarioStep(stepIndex);
      if (!r.ok) setError(`${r.errorName}: ${r.message}`);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="presenter-captions" aria-label="Narration" data-testid="presenter-captions" aria-live="polite">
      <p className="presenter-caption-head">
        <span data-testid="presenter-scenario-title">{status.title}</span> · <span data-testid="presenter-step-counter">{stepCounter(status)}</span>
        {' · '}<span className="hint">{status.finished ? `finished at ${scenarioTime(status.durationMs)}` : scenarioTime(status.nowMs)}</span>
      </p>
      {step && status.currentStep >= 0 ? (
        <>
          <p className="presenter-caption-title" data-testid="presenter-step-title">{step.title}</p>
          {step.text && <p className="presenter-caption" data-testid="presenter-caption">{step.text}</p>}
        </>
      ) : (
        <p className="presenter-caption" data-testid="presenter-caption">{status.summary}</p>
      )}
      {predict && (
        <div className="presenter-predict" role="group" aria-label="Predict, then reveal" data-testid="presenter-predict">
          <p className="presenter-question" data-testid="presenter-question">Predict: {predict.question}</p>
          {predict.choices.length > 0 && (
            <ol className="presenter-choices">{predict.choices.map((c, i) => <li key={c}><strong>{String.fromCharCode(65 + i)}.</strong> {c}</li>)}</ol>
          )}
          {readOnly ? (
            <p className="hint" data-testid="presenter-reveal-readonly">The presenter reveals the answer; simulated time is held here until then.</p>
          ) : (
            <button type="button" className="btn btn-primary presenter-reveal" disabled={busy} title="Show the answer and its explanation, run the step and let simulated time go on (it is held at this step until then)"
              onClick={() => void reveal(predict.stepIndex)} data-testid="presenter-reveal">Reveal</button>
          )}
        </div>
      )}
      {!predict && answer && (
        <p className="presenter-answer" data-testid="presenter-answer">
          Answer: <strong>{answer.answer}</strong> — {answer.explanation}
        </p>
      )}
      {error && <p className="inline-error" role="alert" data-testid="presenter-error">{error}</p>}
    </section>
  );
}
