/**
 * The link between a partition's leader and one follower: set its latency (ms, one way), loss rate
 * and cut — the faults the simulated network has (set-link) — and read what they do to this
 * partition (./link-effects.ts), with the ISR rule they follow.
 */
import { useState } from 'react';
import type { LeaderChecksView, PartitionView } from '../../../shared';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { checkLinkForm, linkBetween, linkEffects, linkLabel } from './link-effects';
import { LiveActions } from '../time-travel/LiveActions';

interface LinkFaultsProps {
  partition: PartitionView;
  /** Running followers of the leader, the brokers a link fault can be set towards. */
  followers: number[];
  minInSyncReplicas: number;
}

const noChecks: Pick<LeaderChecksView, 'replicaLagTimeMaxMs' | 'brokerSessionTimeoutMs'> = { replicaLagTimeMaxMs: 30_000, brokerSessionTimeoutMs: 9000 };

export function LinkFaults({ partition, followers, minInSyncReplicas }: LinkFaultsProps) {
  const readOnly = useReadOnly();
  const store = useAppStoreApi();
  const links = useApp((s) => s.snapshot?.links);
  const checks = useApp((s) => s.snapshot?.leaderChecks) ?? noChecks;
  const activeControllerId = useApp((s) => s.snapshot?.controller.activeControllerId ?? null);
  const [chosen, setChosen] = useState<number | null>(null);
  const [latencyText, setLatencyText] = useState('300');
  const [lossText, setLossText] = useState('0');
  const [refusal, setRefusal] = useState<string | null>(null);
  const leader = partition.leader;
  if (leader < 0 || followers.length === 0) return null;
  const follower = chosen !== null && followers.includes(chosen) ? chosen : followers[0]!;
  const link = linkBetween(links, leader, follower);
  const effects = linkEffects({
    leader, follower, link, followerInIsr: partition.inSyncReplicas.includes(follower), highWatermark: partition.highWatermark,
    isrSize: partition.inSyncReplicas.length, minInSyncReplicas, activeControllerId, checks,
  });
  const check = checkLinkForm(latencyText, lossText, false);
  const send = async (fault: { latencyMs: number; lossRate: number; cut: boolean }) => {
    const result = await store.getState().execute({ type: 'set-link', fromBrokerId: leader, toBrokerId: follower, ...fault });
    setRefusal(result.ok ? null : `${result.errorName}: ${result.message}`);
  };
  const apply = (e: React.FormEvent) => {
    e.preventDefault();
    if ('fault' in check) void send(check.fault);
  };
  const error = 'error' in check ? check.error : refusal;
  return (
    <div className="link-faults" data-testid="link-faults">
      <h3>Link between leader broker {leader} and follower{' '}
        {followers.length > 1 ? (
          <select value={follower} onChange={(e) => setChosen(Number(e.target.value))} aria-label="Follower" data-testid="link-follower">
            {followers.map((id) => <option key={id} value={id}>broker {id}</option>)}
          </select>
        ) : `broker ${follower}`}
        : <span data-testid="link-state">{linkLabel(link)}</span>
      </h3>
      {!readOnly && (
        <form className="link-form" onSubmit={apply}>
          <LiveActions>
          <label title="Added to every message between the two brokers, each way (a healthy link: 1 ms). 0 restores a healthy link.">
            Latency <input type="number" min={0} max={60000} step={1} value={latencyText} onChange={(e) => { setLatencyText(e.target.value); setRefusal(null); }}
              size={6} aria-label="Latency in ms, one way" aria-invalid={'error' in check} data-testid="link-latency" /> ms one way
          </label>
          <label title="Share of transmissions dropped; TCP resends each after its retransmission timeout (200 ms, doubling on every retry).">
            Loss <input type="number" min={0} max={100} step="any" value={lossText} onChange={(e) => { setLossText(e.target.value); setRefusal(null); }}
              size={4} aria-label="Loss in percent" aria-invalid={'error' in check} data-testid="link-loss" /> %
          </label>
          <button type="submit" className="btn" disabled={'error' in check} title={'error' in check ? check.error : `Set the link between brokers ${leader} and ${follower} (both directions) to this latency and loss`} data-testid="link-apply">Apply</button>
          <button type="button" className="btn btn-danger" disabled={!!link?.cut} data-testid="link-cut"
            title={`Cut the link between brokers ${leader} and ${follower}: broker ${follower}'s fetches stop; once the leader has a record it lacks, it leaves the ISR when it has not caught up to the leader's logEndOffset for replica.lag.time.max.ms (${checks.replicaLagTimeMaxMs} ms)`}
            onClick={() => void send({ latencyMs: 0, lossRate: 0, cut: true })}>Cut link</button>
          <button type="button" className="btn" disabled={!link} data-testid="link-restore" title={`Back to a healthy link (1 ms, no loss) between brokers ${leader} and ${follower}`}
            onClick={() => void send({ latencyMs: 0, lossRate: 0, cut: false })}>Restore link</button>
          {error && <span className="inline-error" role="alert" data-testid="link-error">{error}</span>}
          </LiveActions>
        </form>
      )}
      <ul className="link-effects" data-testid="link-effects">
        {effects.map((text) => <li key={text}>{text}</li>)}
      </ul>
    </div>
  );
}
