/** The cluster at a glance: metric strip, health reasons, the controller quorum (QuorumPanel) and a card per broker. */
import { memo, useDeferredValue, useMemo } from 'react';
import { useApp, useReadOnly } from '../../store/store-context';
import { BrokerCard } from './BrokerCard';
import { HealthPanel } from './HealthPanel';
import { MetricStrip } from './MetricStrip';
import { QuorumPanel } from './QuorumPanel';
import { healthCounts, healthReasons } from './health';

/** Memoised (no props): it follows the store itself, so its parent's renders (the map's two per snapshot) do not redraw it. */
export const ClusterOverview = memo(function ClusterOverview() {
  // Deferred like the cluster map above it (ClusterMap.tsx): redrawn in interruptible slices.
  const snapshot = useDeferredValue(useApp((s) => s.snapshot));
  const selectedBrokerId = useApp((s) => s.selectedBrokerId);
  const readOnly = useReadOnly();
  const counts = useMemo(() => (snapshot ? healthCounts(snapshot) : null), [snapshot]);
  const reasons = useMemo(() => (snapshot && counts ? healthReasons(snapshot, counts) : []), [snapshot, counts]);
  if (!snapshot || !counts) return <p className="empty">Waiting for the first snapshot…</p>;
  const quorum = snapshot.controller;
  return (
    <div className="overview">
      <MetricStrip counts={counts} controllerId={quorum.activeControllerId} dedicatedControllers={quorum.processRoles === 'dedicated'} />
      <div className="overview-columns">
        <HealthPanel reasons={reasons} />
        <QuorumPanel quorum={quorum} brokerCount={snapshot.brokers.length} simTimeMs={snapshot.simTimeMs} readOnly={readOnly} brokerState={(id) => snapshot.brokers.find((b) => b.brokerId === id)?.state} />
      </div>
      <div className="broker-grid" data-testid="broker-grid">
        {snapshot.brokers.map((b) => (
          <BrokerCard key={b.brokerId} broker={b} selected={b.brokerId === selectedBrokerId} readOnly={readOnly} />
        ))}
      </div>
    </div>
  );
});
