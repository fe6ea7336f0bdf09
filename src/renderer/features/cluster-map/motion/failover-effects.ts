/**
 * Failover on the map (issue 14), as pure data for simulated time t: what the overlay writes over
 * the brokers and replicas while a leader fails over. Everything comes from the model — the
 * broker's session deadline in its BrokerView (the controller's last heartbeat plus
 * broker.session.timeout.ms, KRaft's BrokerHeartbeatManager) and the event stream
 * (broker-stopped, broker-fenced, leader-elected with its new leaderEpoch, isr-shrunk) — and
 * everything moves with t, so it runs at the simulation's speed and freezes on pause.
 */
import type { ClusterEvent } from '../../../../shared/cluster-events';
import type { BrokerView } from '../../../../shared/cluster-view';
import type { MapAnchors, MapPoint } from '../map-anchors';

export type EffectKind = 'countdown' | 'broker-down' | 'broker-fenced' | 'new-leader' | 'isr-shrunk';

export interface MapEffect {
  key: string;
  kind: EffectKind;
  at: MapPoint;
  text: string;
  /** Plain-words tooltip. */
  title: string;
  /** 1 when fresh, fading to 0 at the end of the effect. */
  alpha: number;
}

/** How long an event's mark stays, in simulated ms (at 0.1× ten times longer on screen). */
export const EFFECT_SIM_MS = 10_000;
/** Marks drawn per kind at most, newest first (a broker failure moves many leaders at once). */
export const MAX_MARKS_PER_KIND = 12;

/** Seconds to one decimal, never below 0. */
export function secondsLeft(untilMs: number, t: number): string {
  return (Math.max(0, untilMs - t) / 1000).toFixed(1);
}

/**
 * The effects at t. `events` oldest first (the store's order); only events at or before t count
 * (the animation replays a little behind now, and an effect must not come before its cause).
 */
export function failoverEffects(brokers: readonly BrokerView[], events: readonly ClusterEvent[], t: number, anchors: MapAnchors): MapEffect[] {
  const out: MapEffect[] = [];
  for (const b of brokers) {
    if (b.state !== 'stopped' && b.state !== 'isolated') continue;
    if (b.sessionExpiresAtMs === null || b.sessionExpiresAtMs === undefined) continue;
    const at = anchors.broker(b.brokerId);
    if (!at) continue;
    const due = b.sessionExpiresAtMs <= t;
    out.push({
      key: `countdown-${b.brokerId}`, kind: 'countdown', at, alpha: 1,
      text: due ? `controller fences broker ${b.brokerId} now (broker.session.timeout.ms)` : `controller fences broker ${b.brokerId} in ${secondsLeft(b.sessionExpiresAtMs, t)} s (broker.session.timeout.ms)`,
      title: `Broker ${b.brokerId} sends no heartbeats. The active controller fences it once broker.session.timeout.ms has passed since the last one it received; then its partitions get new leaders.`,
    });
  }
  const counts: Record<EffectKind, number> = { countdown: 0, 'broker-down': 0, 'broker-fenced': 0, 'new-leader': 0, 'isr-shrunk': 0 };
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.timeMs > t) continue;
    const age = t - e.timeMs;
    if (age > EFFECT_SIM_MS) break;
    const alpha = 1 - age / EFFECT_SIM_MS;
    const push = (kind: EffectKind, at: MapPoint | null, text: string, title: string) => {
      if (!at || counts[kind] >= MAX_MARKS_PER_KIND) return;
      counts[kind]++;
      out.push({ key: `${kind}-${e.seq}-${text}`, kind, at, text, title, alpha });
    };
    switch (e.type) {
      case 'broker-stopped':
        push('broker-down', anchors.broker(e.brokerId), e.controlled ? `broker ${e.brokerId} shut down` : `broker ${e.brokerId} died`,
          e.controlled ? 'Controlled shutdown: the broker handed its leaderships over first, then stopped.' : 'The broker stopped without a controlled shutdown: the controller learns of it only when its session times out.');
        break;
      case 'broker-fenced':
        push('broker-fenced', anchors.broker(e.brokerId), `fenced: ${e.reason}`, `The controller fenced broker ${e.brokerId} (${e.reason}): it leads nothing until it registers and heartbeats again.`);
        break;
      case 'leader-elected':
        if (e.reason === 'initial') break;
        push('new-leader', anchors.replica(e.topic, e.partition, e.leader), `leader · epoch ${e.leaderEpoch}`,
          `${e.topic}-${e.partition}: broker ${e.leader} became leader in leaderEpoch ${e.leaderEpoch} (${e.reason}${e.unclean ? ', unclean' : ''}); clients that still name the old epoch get FENCED_LEADER_EPOCH (KIP-320).`);
        break;
      case 'isr-shrunk':
        for (const removed of e.removed) {
          push('isr-shrunk', anchors.replica(e.topic, e.partition, removed), 'out of ISR',
            `${e.topic}-${e.partition}: broker ${removed} left the in-sync replicas, now [${e.inSyncReplicas.join(', ')}].`);
        }
        break;
      default:
        break;
    }
  }
  return out;
}
