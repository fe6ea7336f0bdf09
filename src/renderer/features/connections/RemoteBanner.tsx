/**
 * Issue 17: while a remote cluster is shown — which one, that it is read-only, when it was last
 * read, which panels the cluster refused and why, and what cannot be known remotely.
 */
import { useEffect, useState } from 'react';
import type { RemoteSourceStatus } from '../../client/remote-source';
import { useClusterChoice } from './cluster-choice';

/** What the views show for a remote cluster but cannot know from the Kafka protocol alone. */
export const NOT_KNOWN_REMOTELY = 'a follower\'s logEndOffset and lag (per-replica state), byte and record rates, segments and sizes, a group\'s generation and leader, the KRaft voters, cluster events';

export function RemoteBanner() {
  const choice = useClusterChoice();
  const remote = choice?.remote ?? null;
  const [status, setStatus] = useState<RemoteSourceStatus | null>(remote?.status() ?? null);
  useEffect(() => {
    if (!remote) return;
    setStatus(remote.status());
    return remote.onStatus(setStatus);
  }, [remote]);
  if (!remote) return null;
  const refused = status?.last?.panels.filter((p) => !p.ok) ?? [];
  return (
    <div className="remote-banner" role="status" data-testid="remote-banner">
      <span className="colour-tag" style={{ background: remote.profile.colour }} aria-hidden="true" />
      <strong>{remote.profile.name}</strong> <span className="hint">remote cluster at</span> <code>{remote.profile.bootstrapServers}</code>
      <span className="badge badge-readonly" data-testid="remote-read-only-badge" title="Kafka Lab shows this cluster and sends it no change">read-only</span>
      {status?.last && <span className="hint" data-testid="remote-fetched-at"> read at {new Date(status.last.fetchedAtMs).toLocaleTimeString()}, every {Math.round((remote.profile.pollIntervalMs ?? 5000) / 1000)} s</span>}
      {status?.error && <span className="inline-error" data-testid="remote-error"> {status.error}</span>}
      {refused.length > 0 && (
        <ul className="remote-refused" data-testid="remote-refused">
          {refused.map((p) => <li key={p.api}><strong>{p.api}</strong> refused: {p.reason}</li>)}
        </ul>
      )}
      <div className="hint" data-testid="remote-unknown">Not known remotely (shown empty or as the leader's values): {NOT_KNOWN_REMOTELY}.</div>
    </div>
  );
}
