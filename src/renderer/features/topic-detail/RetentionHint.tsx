/** When retention next runs on each broker hosting the topic, and what it will delete (./retention-hint.ts). */
import { memo } from 'react';
import { useApp } from '../../store/store-context';
import { topicByName } from '../topics/topic-rows';
import { retentionCheckLines, retentionRule } from './retention-hint';
import { ExplainButton } from '../explainers/ExplainButton';

export const RetentionHint = memo(function RetentionHint({ topic }: { topic: string }) {
  const configs = useApp((s) => topicByName(s.snapshot, topic)?.configs ?? null);
  const hostKey = useApp((s) => [...new Set(topicByName(s.snapshot, topic)?.partitions.flatMap((p) => p.replicas) ?? [])].sort((a, b) => a - b).join(','));
  // Whole seconds: the countdown re-renders once a second, not on every snapshot.
  const lines = useApp((s) => {
    if (!s.snapshot) return '';
    const ids = new Set(hostKey === '' ? [] : hostKey.split(',').map(Number));
    return retentionCheckLines(s.snapshot.brokers, ids, s.snapshot.brokerConfigs, Math.floor(s.snapshot.simTimeMs / 1000) * 1000).map((l) => l.text).join('\n');
  });
  const paused = useApp((s) => s.snapshot?.sim?.paused ?? false);
  const speed = useApp((s) => s.snapshot?.sim?.speed ?? 1);
  if (!configs) return null;
  return (
    <section className="panel retention-hint" data-testid="retention-hint">
      <h2>Retention <ExplainButton concept="retention" /></h2>
      <ul className="retention-checks">
        {lines.split('\n').filter(Boolean).map((l) => <li key={l.slice(0, 9)} data-testid="retention-check">{l}</li>)}
      </ul>
      {(paused || speed !== 1) && <p className="hint">Times are simulated time{paused ? '; the simulation is paused, so no check runs until it resumes' : `, running at ${speed}× wall-clock speed`}.</p>}
      <ul className="hint retention-rule">{retentionRule(configs).map((l) => <li key={l.slice(0, 30)}>{l}</li>)}</ul>
      <p className="hint">log.retention.check.interval.ms is a static broker config in Kafka: set it at start (<code>--config log.retention.check.interval.ms=10000</code>), or speed the simulation up.</p>
    </section>
  );
});
