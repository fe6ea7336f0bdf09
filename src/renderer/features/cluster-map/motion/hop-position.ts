/**
 * Where a hop of the flow sample (src/shared/flow-view.ts) is drawn at simulated time t: pure
 * functions of the hop, t and the map's anchors, so the same t always gives the same picture
 * (paused: frozen; at 0.1×: t advances ten times slower, and so does every packet).
 *
 * A hop travels from `from` to `to` exactly across [startMs, endMs]. Hops between a client and a
 * broker have no simulated latency (clients are outside the simulated network), and healthy
 * inter-broker links take 1 ms: such hops would be invisible, so every hop also leaves an
 * afterglow — its path and its packet at the destination, fading over `glowMs` simulated ms after
 * it arrived. The afterglow is drawn after the hop, never before: the order of hops on screen is
 * the order the model recorded.
 */
import type { FlowEndpoint, FlowHopKind, FlowHopView } from '../../../../shared/flow-view';
import type { MapAnchors, MapPoint } from '../map-anchors';

export type HopPhase = 'travelling' | 'arrived';

export interface PacketDrawing {
  hop: FlowHopView;
  kind: FlowHopKind;
  phase: HopPhase;
  from: MapPoint;
  to: MapPoint;
  /** The packet's position. */
  at: MapPoint;
  /** 0..1 along the path. */
  progress: number;
  /** 1 while travelling, fading to 0 over the afterglow. */
  alpha: number;
}

/**
 * The hop's progress at t: null before it left or once its afterglow is over; else the fraction
 * of the path covered (1 once arrived) and the afterglow's remaining strength.
 */
export function hopProgress(hop: Pick<FlowHopView, 'startMs' | 'endMs'>, t: number, glowMs: number): { progress: number; alpha: number; phase: HopPhase } | null {
  if (t < hop.startMs) return null;
  if (t < hop.endMs) return { progress: (t - hop.startMs) / (hop.endMs - hop.startMs), alpha: 1, phase: 'travelling' };
  const since = t - hop.endMs;
  if (glowMs <= 0 ? since > 0 : since > glowMs) return null;
  return { progress: 1, alpha: glowMs <= 0 ? 1 : 1 - since / glowMs, phase: 'arrived' };
}

/** The point a fraction `progress` of the way from `a` to `b`. */
export function along(a: MapPoint, b: MapPoint, progress: number): MapPoint {
  const p = Math.min(1, Math.max(0, progress));
  return { x: a.x + (b.x - a.x) * p, y: a.y + (b.y - a.y) * p };
}

/**
 * Packets to draw at simulated time t: hops visible then whose both ends are on the map
 * (endpointOnMap). `hops` oldest first (FlowView order).
 */
export function packetsAt(hops: readonly FlowHopView[], t: number, anchors: MapAnchors, glowMs: number): PacketDrawing[] {
  const out: PacketDrawing[] = [];
  for (const hop of hops) {
    const state = hopProgress(hop, t, glowMs);
    if (!state) continue;
    const from = endpointOnMap(anchors, hop.from, hop);
    const to = endpointOnMap(anchors, hop.to, hop);
    if (!from || !to) continue;
    out.push({ hop, kind: hop.kind, phase: state.phase, from, to, at: along(from, to, state.progress), progress: state.progress, alpha: state.alpha });
  }
  return out;
}

/**
 * Where a hop's end sits: a client's node, or the partition's replica on that broker (its chip, or
 * the broker's aggregate cell). null when the partition is not on the map (an internal topic, a
 * topic filtered away): its hops are not drawn rather than drawn between broker headers.
 */
export function endpointOnMap(anchors: MapAnchors, endpoint: FlowEndpoint, hop: Pick<FlowHopView, 'topic' | 'partition'>): MapPoint | null {
  return endpoint.kind === 'broker' ? anchors.replica(hop.topic, hop.partition, endpoint.brokerId) : anchors.client(endpoint.clientId, endpoint.host);
}

/** Active packets per kind (the overlay's counts, for the legend and tests). */
export function countByKind(packets: readonly PacketDrawing[]): Record<FlowHopKind, number> {
  const counts: Record<FlowHopKind, number> = { produce: 0, 'produce-response': 0, replicate: 0, fetch: 0 };
  for (const p of packets) counts[p.kind]++;
  return counts;
}

/** The afterglow in simulated ms: `glowWallMs` of wall time at the current speed (frozen while paused). */
export function glowSimMs(glowWallMs: number, speed: number): number {
  return glowWallMs * Math.max(0, speed);
}
