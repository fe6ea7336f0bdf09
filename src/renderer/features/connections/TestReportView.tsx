/** Issue 17: the steps of "Test connection", each with its result; the first failure says why. */
import { connectionTestSteps, type ConnectionTestReport } from '../../../shared/connection-profile';

const MARK = { ok: '✓', failed: '✗', skipped: '–', 'not-run': '·' } as const;

export function TestReportView({ report }: { report: ConnectionTestReport }) {
  return (
    <div className="test-report" data-testid="test-report" data-failed-step={report.failedStep ?? ''}>
      <p className={report.ok ? 'test-ok' : 'test-failed'} data-testid="test-summary">
        {report.ok ? 'Connected: every step passed.' : `Failed at ${connectionTestSteps.find((s) => s.step === report.failedStep)?.label ?? report.failedStep}.`}
      </p>
      <ol className="test-steps">
        {report.steps.map((s) => (
          <li key={s.step} className={`test-step test-step-${s.status}`} data-testid={`test-step-${s.step}`} data-status={s.status}>
            <span className="test-mark" aria-hidden="true">{MARK[s.status]}</span>{' '}
            <strong>{connectionTestSteps.find((x) => x.step === s.step)?.label ?? s.step}</strong>
            {s.status === 'not-run' ? <span className="hint"> not run (an earlier step failed)</span> : <span className="test-detail"> {s.detail}{s.status === 'ok' || s.status === 'failed' ? <span className="hint"> ({s.elapsedMs} ms)</span> : null}</span>}
          </li>
        ))}
      </ol>
    </div>
  );
}
