/** The end of a scenario: each expected outcome with pass/fail and the measured number, and the records lost and duplicated per lane and producer. */
import type { ScenarioStatus } from '../../../shared/scenario-view';

function ids(list: string[], total: number): string {
  if (total === 0) return '';
  const more = total > list.length ? ` … and ${total - list.length} more` : '';
  return `: ${list.join(', ')}${more}`;
}

export function ScenarioOutcomes({ status }: { status: ScenarioStatus }) {
  const passed = status.expectations.filter((e) => e.passed).length;
  return (
    <details className="scenario-outcomes" data-testid="scenario-outcomes" open>
      <summary title="Click to fold the outcomes away and give the cluster views the room"><h3>Expected outcomes: {passed} of {status.expectations.length} met</h3></summary>
      <ul className="outcome-list">
        {status.expectations.map((e, i) => (
          <li key={i} className={e.passed ? 'outcome-pass' : 'outcome-fail'} data-testid="scenario-outcome" data-passed={e.passed}>
            <span className="outcome-mark">{e.passed ? 'PASS' : 'FAIL'}</span> {e.label} — measured {e.actual === null ? 'nothing (could not be measured)' : e.actual}{e.actualSet ? ` (${e.actualSet.join(', ')})` : ''}
          </li>
        ))}
      </ul>
      {status.lanes.length > 0 && (
        <table className="lane-table" data-testid="lane-table">
          <thead><tr><th>Lane</th><th>input</th><th>processed</th><th>lost</th><th>duplicated</th></tr></thead>
          <tbody>
            {status.lanes.map((l) => (
              <tr key={l.name} data-testid={`lane-${l.name}`}>
                <td>{l.title}</td><td>{l.input}</td><td>{l.processed}</td>
                <td className={l.lost > 0 ? 'count-bad' : ''} title={l.lostIds.join(', ')}>{l.lost}{ids(l.lostIds, l.lost)}</td>
                <td className={l.duplicated > 0 ? 'count-bad' : ''} title={l.duplicatedIds.join(', ')}>{l.duplicated}{ids(l.duplicatedIds, l.duplicated)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {status.producers.some((p) => p.lost > 0 || p.duplicated > 0) && (
        <ul className="producer-losses" data-testid="producer-losses">
          {status.producers.filter((p) => p.lost > 0 || p.duplicated > 0).map((p) => (
            <li key={p.name}>producer {p.name} (acks={p.acks}{p.idempotent ? ', idempotent' : ''}): {p.lost} acknowledged records lost{ids(p.lostIds, p.lost)}; {p.duplicated} duplicated{ids(p.duplicatedIds, p.duplicated)}</li>
          ))}
        </ul>
      )}
      {status.invariantViolations.length > 0 && <p className="inline-error" data-testid="invariant-violations">Invariants violated: {status.invariantViolations.join('; ')}</p>}
    </details>
  );
}
