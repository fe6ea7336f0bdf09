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
export function packetsAt(hops: readonly FlowHopView[], t: number, anchors: MapAnchors, glowMs: number, slowMotionMs = 0): PacketDrawing[] {
  const out: PacketDrawing[] = [];
  const shown = slowMotionMs > 0 ? slowMotionOf(hops, slowMotionMs) : null;
  for (let i = 0; i < hops.length; i++) {
    const hop = hops[i]!;
    const state = hopProgress(shown ? shown[i]! : hop, t, glowMs);
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

/**
 * Slow motion: on healthy links a hop takes ~1 ms of simulated time, so a produce, its
 * replication and its answer land in the same frame. Here each hop is drawn over at least
 * `minHopMs` simulated ms and shifted by its step in the write's causal chain, so the picture
 * keeps the order the cluster did things in: (0) the produce reaches the leader; (1) the
 * followers fetch it, and an acks=1 answer leaves (Kafka answers acks=1 after the leader's
 * append); (2) once the followers have it the highWatermark passes it: the acks=all answer
 * (DelayedProduce) and consumer fetches (never beyond the highWatermark). A hop slower than
 * `minHopMs` (a slow or lossy link) keeps its real duration. Returns the displayed
 * [startMs, endMs] per hop, in the order given.
 */
export function slowMotion(hops: readonly FlowHopView[], minHopMs: number): { startMs: number; endMs: number }[] {
  const acksOf = new Map<string, -1 | 0 | 1>();
  for (const h of hops) if (h.kind === 'produce' && h.offsets && h.acks !== undefined) acksOf.set(`${h.topic}\u0000${h.partition}\u0000${h.offsets[0]}`, h.acks);
  return hops.map((h) => {
    const step = causalStep(h, acksOf);
    const startMs = h.startMs + step * minHopMs;
    return { startMs, endMs: Math.max(h.endMs + step * minHopMs, startMs + minHopMs) };
  });
}

/** slowMotion of a flow's hops, computed once per hops array (the frame loop asks every frame; a snapshot brings a new array). */
const slowMotionCache = new WeakMap<readonly FlowHopView[], { minHopMs: number; shown: { startMs: number; endMs: number }[] }>();
function slowMotionOf(hops: readonly FlowHopView[], minHopMs: number): { startMs: number; endMs: number }[] {
  const hit = slowMotionCache.get(hops);
  if (hit && hit.minHopMs === minHopMs) return hit.shown;
  const shown = slowMotion(hops, minHopMs);
  slowMotionCache.set(hops, { minHopMs, shown });
  return shown;
}

function causalStep(hop: FlowHopView, acksOf: ReadonlyMap<string, -1 | 0 | 1>): number {
  switch (hop.kind) {
    case 'produce': return 0;
    case 'replicate': return 1;
    case 'produce-response': {
      if (hop.error) return 1; // refused at the leader: answered right away
      const acks = hop.offsets ? acksOf.get(`${hop.topic}\u0000${hop.partition}\u0000${hop.offsets[0]}`) : undefined;
      return acks === 1 ? 1 : 2;
    }
    case 'fetch': return 2;
  }
}
