/** Health as a list of reasons with counts, each linking to where the problem can be seen. */
import { memo } from 'react';
import type { HealthReason } from './health';
import { useApp, useReadOnly } from '../../store/store-context';
import { CommandButton } from '../../components/CommandButton';

/** Re-rendered only when a reason changes: healthReasons gives a new list on every snapshot. */
export const HealthPanel = memo(function HealthPanel({ reasons }: { reasons: HealthReason[] }) {
  const showTopicsWith = useApp((s) => s.showTopicsWith);
  const selectBroker = useApp((s) => s.selectBroker);
  const readOnly = useReadOnly();
  return (
    <section className="panel health" data-testid="health">
      <h2>Health</h2>
      {reasons.length === 0 ? (
        <p className="health-ok">Healthy: every partition has a leader and all its replicas in sync, and every broker leads its preferred partitions (within leader.imbalance.per.broker.percentage).</p>
      ) : (
        <ul className="health-reasons">
          {reasons.map((r) => (
            <li key={r.key} className={`health-${r.severity}`} data-testid={`health-${r.key}`}>
              <span className="health-count">{r.count}</span>
              <span className="health-text">{r.text}</span>
              {r.link?.kind === 'topics' && (
                <button type="button" className="link" onClick={() => showTopicsWith((r.link as { filter: 'offline' }).filter)}>show</button>
              )}
              {r.link?.kind === 'broker' && (
                <button type="button" className="link" onClick={() => selectBroker((r.link as { brokerId: number }).brokerId)}>show</button>
              )}
              {r.action && !readOnly && <CommandButton command={r.action.command} label={r.action.label} title={r.action.title} testId={`health-${r.key}-action`} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}, (a, b) => JSON.stringify(a.reasons) === JSON.stringify(b.reasons));
