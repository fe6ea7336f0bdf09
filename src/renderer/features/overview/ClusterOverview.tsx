/** The cluster at a glance: metric strip, health reasons, the controller quorum and a card per broker. */
import { useMemo } from 'react';
import { useApp, useReadOnly } from '../../store/store-context';
import { FixedText } from '../../components/FixedText';
import { BrokerCard } from './BrokerCard';
import { HealthPanel } from './HealthPanel';
import { MetricStrip } from './MetricStrip';
import { healthCounts, healthReasons } from './health';

export function ClusterOverview() {
  const snapshot = useApp((s) => s.snapshot);
  const selectedBrokerId = useApp((s) => s.selectedBrokerId);
  const readOnly = useReadOnly();
  const counts = useMemo(() => (snapshot ? healthCounts(snapshot) : null), [snapshot]);
  const reasons = useMemo(() => (snapshot && counts ? healthReasons(snapshot, counts) : []), [snapshot, counts]);
  if (!snapshot || !counts) return <p className="empty">Waiting for the first snapshot…</p>;
  const quorum = snapshot.controller;
  return (
    <div className="overview">
      <MetricStrip counts={counts} controllerId={quorum.activeControllerId} />
      <div className="overview-columns">
        <HealthPanel reasons={reasons} />
        <section className="panel quorum" data-testid="controller-quorum">
          <h2>Controller quorum</h2>
          <p className="hint">KRaft voters replicate the metadata log; one is the active controller.</p>
          <ul className="voters">
            {quorum.voters.map((v) => {
              const broker = snapshot.brokers.find((b) => b.brokerId === v);
              return (
                <li key={v} className={`voter ${v === quorum.activeControllerId ? 'voter-active' : ''} ${broker && broker.state !== 'running' ? 'voter-down' : ''}`}>
                  {v === quorum.activeControllerId ? '★ ' : ''}broker {v}
                </li>
              );
            })}
          </ul>
          <dl className="quorum-facts">
            {/* Fixed-size contain:strict boxes: the metadata offset moves with every metadata change. */}
            <dt>controller epoch</dt><dd><FixedText ch={12}>{quorum.controllerEpoch}</FixedText></dd>
            <dt>metadata offset</dt><dd><FixedText ch={12} testId="metadata-offset">{quorum.metadataEpoch}</FixedText></dd>
          </dl>
        </section>
      </div>
      <div className="broker-grid" data-testid="broker-grid">
        {snapshot.brokers.map((b) => (
          <BrokerCard key={b.brokerId} broker={b} selected={b.brokerId === selectedBrokerId} readOnly={readOnly} />
        ))}
      </div>
    </div>
  );
}
