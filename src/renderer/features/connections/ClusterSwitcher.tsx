/**
 * Issue 17: the cluster switcher in the top bar — the embedded lab and every saved remote cluster
 * (with its colour tag) — and the button to the connections screen.
 */
import { useEffect, useState } from 'react';
import type { ConnectionProfileSummary } from '../../../shared/remote-contract';
import { LAB_CHOICE, useClusterChoice } from './cluster-choice';

export function ClusterSwitcher() {
  const choice = useClusterChoice();
  const [profiles, setProfiles] = useState<ConnectionProfileSummary[] | null>(null);
  const [opened, setOpened] = useState(0);
  const base = choice?.base;
  const version = choice?.profilesVersion ?? 0;
  // The list is asked again whenever the transport (re)opens: a call made before it is open fails at once.
  useEffect(() => base?.onConnectionState((state) => { if (state === 'open') setOpened((n) => n + 1); }), [base]);
  useEffect(() => {
    if (!base) return;
    // Read-only viewers are refused the profiles: the switcher then offers the lab only.
    base.listConnectionProfiles().then((l) => setProfiles(l.profiles), () => setProfiles(null));
  }, [base, version, opened]);
  if (!choice) return null;
  const current = profiles?.find((p) => p.id === choice.current);
  return (
    <span className="cluster-switcher" data-testid="cluster-switcher">
      {current && <span className="colour-tag" style={{ background: current.colour }} aria-hidden="true" />}
      <select value={choice.current} onChange={(e) => choice.choose(e.target.value)} aria-label="Cluster" title="Which cluster the views show" data-testid="cluster-select">
        <option value={LAB_CHOICE}>Embedded lab</option>
        {profiles?.map((p) => <option key={p.id} value={p.id}>{p.name} (remote)</option>)}
      </select>
      {profiles !== null && <button type="button" className="btn btn-small" onClick={() => choice.openConnections(true)} data-testid="open-connections" title="Add, edit, test and delete remote clusters">Connections…</button>}
    </span>
  );
}
