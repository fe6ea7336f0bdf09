/**
 * What a link fault between a partition's leader and one follower does, in the words a learner
 * needs, following Kafka's ISR rule (Partition.getOutOfSyncReplicas, Replica.updateFetchState,
 * Replica.isCaughtUp): a follower leaves the ISR when it is behind the leader's logEndOffset and
 * has not caught up to it for replica.lag.time.max.ms — latency alone does not drop a follower that keeps reaching the
 * leader's end; a cut link does. The model tests in src/broker/cluster/replication/link-faults.test.ts
 * check each claim made here.
 */
import type { LeaderChecksView, LinkView } from '../../../shared';

export interface LinkFault {
  latencyMs: number;
  lossRate: number;
  cut: boolean;
}

/** Latency of a healthy simulated link (ms); a link at this latency, no loss, not cut, is healthy. */
export const HEALTHY_LATENCY_MS = 1;

/** The link between two brokers from the view, or null when it is healthy. */
export function linkBetween(links: readonly LinkView[] | undefined, a: number, b: number): LinkFault | null {
  const l = links?.find((x) => (x.brokerA === a && x.brokerB === b) || (x.brokerA === b && x.brokerB === a));
  return l ? { latencyMs: l.latencyMs, lossRate: l.lossRate, cut: l.cut } : null;
}

/** "cut", "+300 ms, 5% loss", or "normal". */
export function linkLabel(link: LinkFault | null): string {
  if (!link) return 'normal';
  if (link.cut) return 'cut';
  const parts = [link.latencyMs > HEALTHY_LATENCY_MS ? `${link.latencyMs} ms one way` : null, link.lossRate > 0 ? `${Math.round(link.lossRate * 1000) / 10}% loss` : null].filter(Boolean);
  return parts.join(', ') || 'normal';
}

export interface LinkContext {
  leader: number;
  follower: number;
  link: LinkFault | null;
  followerInIsr: boolean;
  highWatermark: number;
  isrSize: number;
  minInSyncReplicas: number;
  activeControllerId: number | null;
  checks: Pick<LeaderChecksView, 'replicaLagTimeMaxMs' | 'brokerSessionTimeoutMs'>;
}

/** Under steady writes a follower reaches the leader's end at least every two fetch round trips (4 × one-way latency). */
export function catchUpIntervalMs(latencyMs: number): number {
  return 4 * latencyMs;
}

/** The effects of the link on the follower, as sentences. */
export function linkEffects(ctx: LinkContext): string[] {
  const { leader, follower, link, checks } = ctx;
  const lag = checks.replicaLagTimeMaxMs;
  const lagWords = `replica.lag.time.max.ms (${lag} ms)`;
  if (!link) {
    return [`Healthy link. Broker ${follower} stays in the ISR while it catches up to the leader's logEndOffset at least once every ${lagWords} (or has everything the leader has).`];
  }
  if (link.cut) return cutEffects(ctx, lagWords);
  const out: string[] = [];
  if (link.latencyMs > HEALTHY_LATENCY_MS) {
    const roundTrip = 2 * link.latencyMs;
    out.push(`Each fetch by broker ${follower} now takes at least ${roundTrip} ms there and back: acks=all writes wait about that much longer, and the highWatermark trails the leader's logEndOffset until broker ${follower}'s next fetch arrives.`);
    if (ctx.followerInIsr) {
      const every = catchUpIntervalMs(link.latencyMs);
      out.push(every < lag
        ? `Under steady writes it catches up to the leader's logEndOffset at least every two round trips (about ${every} ms), within ${lagWords}: it stays in the ISR.`
        : `Under steady writes it catches up to the leader's logEndOffset only every two round trips (about ${every} ms), longer than ${lagWords}: it drops out of the ISR while writes keep coming.`);
    }
  }
  if (link.lossRate > 0) {
    out.push(`${Math.round(link.lossRate * 1000) / 10}% of transmissions between brokers ${leader} and ${follower} are lost; TCP resends each after its retransmission timeout (200 ms, doubling on every retry), so fetches arrive late at random — at high loss long enough to drop broker ${follower} from the ISR.`);
  }
  if (!ctx.followerInIsr) out.push(outOfIsr(follower, lagWords));
  return out;
}

function outOfIsr(follower: number, lagWords: string): string {
  return `Broker ${follower} has left the ISR: it did not catch up to the leader's logEndOffset within ${lagWords}. It rejoins once its log reaches the highWatermark.`;
}

function cutEffects(ctx: LinkContext, lagWords: string): string[] {
  const { leader, follower, checks } = ctx;
  const session = `broker.session.timeout.ms (${checks.brokerSessionTimeoutMs} ms)`;
  if (ctx.activeControllerId === follower) {
    return [`The link is cut, and broker ${follower} is the active controller: the leader's ISR change (AlterPartition) and its heartbeats cannot reach it, so the ISR cannot shrink. Instead the controller fences broker ${leader} after ${session} and elects another leader from the ISR.`];
  }
  const out: string[] = [];
  if (!ctx.followerInIsr) {
    out.push(`The link is cut. ${outOfIsr(follower, lagWords)} Restore the link to let it catch up.`);
  } else {
    const belowMin = ctx.isrSize - 1 < ctx.minInSyncReplicas;
    out.push(`The link is cut: broker ${follower} fetches nothing. While no new record arrives it has everything the leader has and stays in the ISR. Once the leader has a record it lacks, acks=all writes wait and the highWatermark (now ${ctx.highWatermark}) stays put until broker ${follower} leaves the ISR: the leader removes a follower that is behind its logEndOffset and has not caught up for ${lagWords}, checking every ${Math.max(1, Math.floor(checks.replicaLagTimeMaxMs / 2))} ms. Then the highWatermark moves on without it${belowMin ? `, and acks=all writes fail with NOT_ENOUGH_REPLICAS (the ISR falls below min.insync.replicas = ${ctx.minInSyncReplicas})` : ''}.`);
  }
  if (ctx.activeControllerId === leader && ctx.followerInIsr) {
    out.push(`Broker ${leader} is also the active controller: broker ${follower}'s heartbeats no longer reach it either, so the controller fences broker ${follower} after ${session}${checks.brokerSessionTimeoutMs < checks.replicaLagTimeMaxMs ? ', before replica.lag.time.max.ms runs out, which removes it from the ISR first' : ''}.`);
  }
  return out;
}

export type LinkFormCheck = { error: string } | { fault: LinkFault };

/**
 * The link form's inputs: latency in ms (one way, an integer 0–60000; 0 means a healthy link) and
 * loss in percent (0–100). Errors name the field and its range, and nothing is sent; an empty
 * field is an error, not a silent 0.
 */
export function checkLinkForm(latencyText: string, lossText: string, cut: boolean): LinkFormCheck {
  // A number input hands over '' for text it cannot read as a number, as for an empty field.
  if (latencyText.trim() === '') return { error: 'Enter a latency in ms, one way (0 for a healthy link).' };
  const latency = Number(latencyText);
  if (!/^\s*\d+\s*$/.test(latencyText) || latency > 60_000) return { error: `Latency must be a whole number of milliseconds from 0 to 60000, got "${latencyText}".` };
  if (lossText.trim() === '') return { error: 'Enter a loss in percent (0 for none).' };
  const loss = Number(lossText);
  if (!/^\s*\d+(\.\d+)?\s*$/.test(lossText) || loss > 100) return { error: `Loss must be a percentage from 0 to 100, got "${lossText}".` };
  return { fault: { latencyMs: latency, lossRate: loss / 100, cut } };
}
