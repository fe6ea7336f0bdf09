/**
 * Layers drawn over the cluster map (issue 14): records in motion — the model's flow sample
 * (ClusterView.flow) replayed at the simulation's speed on one canvas, one requestAnimationFrame
 * loop, frozen on pause — and failover effects (the session countdown, the new leader's epoch,
 * the ISR shrink) as a few labels. A "Motion" toggle turns the packets off; with
 * prefers-reduced-motion the paths are drawn as still arrows instead.
 */
import { useEffect, useRef, useState } from 'react';
import type { FlowHopKind } from '../../../../shared/flow-view';
import { useApp, useAppStoreApi } from '../../../store/store-context';
import type { MapAnchors } from '../map-anchors';
import { drawPackets, drawStaticArrows, readPalette, type MotionPalette } from './draw-packets';
import { failoverEffects, type MapEffect } from './failover-effects';
import { countByKind, glowSimMs, packetsAt } from './hop-position';
import { useMotionSetting, usePrefersReducedMotion, useWindowSize } from './motion-settings';
import { anchorFrom, initialClock, tick, type ClockAnchor } from './sim-clock';
import './motion.css';

export interface MapOverlaysProps {
  anchors: MapAnchors;
  /** Size of the map's drawing surface, CSS pixels. */
  width: number;
  height: number;
}

/** The afterglow of an arrived hop, in wall ms at the current speed (simulated: glowSimMs). */
const GLOW_WALL_MS = 900;
/** Slow motion: the least simulated time a hop is drawn over (hop-position.ts slowMotion). */
const SLOW_MOTION_MS = 150;
/** The legend's counts and the failover labels follow at most this often (wall ms); the canvas draws every frame. */
const PUBLISH_EVERY_MS = 100;

const KINDS: { kind: FlowHopKind; label: string; title: string }[] = [
  { kind: 'produce', label: 'produce', title: 'Produce batches on their way from a client to the partition leader (●)' },
  { kind: 'replicate', label: 'replicate', title: 'Follower fetches carrying records from the leader to a follower (◆)' },
  { kind: 'produce-response', label: 'acks', title: 'Produce responses: acks=1 right after the leader\'s append, acks=all once the highWatermark passed the batch (■)' },
  { kind: 'fetch', label: 'fetch', title: 'Consumer fetches: records up to the highWatermark, from the leader to the consumer (▲) — or from a follower in the consumer\'s rack when replica.selector.class is set (KIP-392)' },
];

export function MapOverlays({ anchors, width, height }: MapOverlaysProps) {
  const flow = useApp((s) => s.snapshot?.flow ?? null);
  const simTimeMs = useApp((s) => s.snapshot?.simTimeMs ?? null);
  const speed = useApp((s) => s.snapshot?.sim?.speed ?? 1);
  const paused = useApp((s) => s.snapshot?.sim?.paused ?? false);
  // Brokers and events are read in the frame loop (store.getState()), not subscribed: a render per snapshot for them was wasted.
  const store = useAppStoreApi();
  const theme = useApp((s) => s.settings.theme);
  const [motionOn, setMotionOn] = useMotionSetting();
  const [slowOn, setSlowOn] = useMotionSetting('slow-motion');
  const reduced = usePrefersReducedMotion();
  const win = useWindowSize();

  const root = useRef<HTMLDivElement>(null);
  const sticky = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const counts = useRef<HTMLDivElement>(null);
  const anchor = useRef<ClockAnchor | null>(null);
  const clock = useRef(initialClock());
  const live = useRef({ flow, anchors, speed, slowOn });
  live.current = { flow, anchors, speed, slowOn };
  // The failover labels, recomputed in the frame loop at most every PUBLISH_EVERY_MS; a React render
  // only while there are labels to show or take away (none: no render ten times a second).
  const [effects, setEffects] = useState<MapEffect[]>([]);

  useEffect(() => {
    if (simTimeMs !== null) anchor.current = anchorFrom({ simTimeMs, sim: { speed, paused } }, performance.now());
  }, [simTimeMs, speed, paused]);

  const canvasWidth = Math.max(1, Math.min(width, win.width));
  const canvasHeight = Math.max(1, Math.min(height, win.height));

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !root.current || !sticky.current) return;
    const dpr = window.devicePixelRatio || 1;
    el.width = Math.round(canvasWidth * dpr);
    el.height = Math.round(canvasHeight * dpr);
    const palette: MotionPalette = readPalette(root.current);
    const scale = Math.max(1, parseFloat(getComputedStyle(root.current).fontSize) / 12);
    let frame = 0;
    let lastPublished = -Infinity;
    let shownEffects = false;
    let handle = 0;
    let drawnAt: { t: number | null; flow: unknown; anchors: unknown; slow: boolean; x: number; y: number; empty: boolean } | null = null;
    // Where the sticky canvas sits in the surface: measured again only after a scroll or resize.
    let offset: { x: number; y: number } | null = null;
    const remeasure = () => { offset = null; };
    window.addEventListener('scroll', remeasure, { capture: true, passive: true });
    window.addEventListener('resize', remeasure);
    const draw = () => {
      const wall = performance.now();
      const next = tick(clock.current, anchor.current, wall);
      clock.current = next.state;
      const t = next.timeMs;
      if (!offset) {
        const origin = root.current!.getBoundingClientRect();
        const at = sticky.current!.getBoundingClientRect();
        // A surface zoomed out to fit (MapCanvas) reports client rects zoomed: back to its own px.
        const zoom = (root.current as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
        offset = { x: (at.left - origin.left) / zoom, y: (at.top - origin.top) / zoom };
      }
      const { flow: f, anchors: a, speed: s, slowOn: slow } = live.current;
      frame++;
      // Nothing moved (paused, or no new sample while reduced): keep the picture, spend nothing.
      if (drawnAt && drawnAt.t === t && drawnAt.flow === f && drawnAt.anchors === a && drawnAt.slow === slow && drawnAt.x === offset.x && drawnAt.y === offset.y) {
        if (wall - lastPublished >= PUBLISH_EVERY_MS) { lastPublished = wall; publishFrame(counts.current, frame); }
        if (!reduced) handle = requestAnimationFrame(draw);
        return;
      }
      // No hops to draw, and none drawn last frame: the canvas is already clear (no flow on this
      // cluster, no traffic, or Motion off) — skip clearing it every frame.
      const empty = !f || f.hops.length === 0 || !motionOn;
      const clear = empty && drawnAt?.empty === true;
      drawnAt = { t, flow: f, anchors: a, slow, x: offset.x, y: offset.y, empty };
      const view = { x: offset.x, y: offset.y, width: canvasWidth, height: canvasHeight };
      if (!clear) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, el.width, el.height);
        ctx.setTransform(dpr, 0, 0, dpr, -view.x * dpr, -view.y * dpr);
      }
      let kindCounts: Record<FlowHopKind, number> = { produce: 0, 'produce-response': 0, replicate: 0, fetch: 0 };
      let sample = '';
      if (f && t !== null && motionOn && !clear) {
        if (reduced) kindCounts = drawStaticArrows(ctx, f.hops, a, palette, scale);
        else {
          const packets = packetsAt(f.hops, t, a, glowSimMs(GLOW_WALL_MS, s), slow ? SLOW_MOTION_MS : 0);
          drawPackets(ctx, packets, palette, view, scale);
          kindCounts = countByKind(packets);
          sample = packets.slice(0, 6).map((p) => `${p.hop.id}@${p.at.x.toFixed(1)},${p.at.y.toFixed(1)}:${p.alpha.toFixed(3)}`).join(' ');
        }
      }
      // The legend, the failover labels and the test hooks follow at most every PUBLISH_EVERY_MS.
      if (wall - lastPublished >= PUBLISH_EVERY_MS) {
        lastPublished = wall;
        const { snapshot, events } = store.getState();
        const nextEffects = snapshot && t !== null ? failoverEffects(snapshot.brokers, events, t, a) : [];
        if (nextEffects.length > 0 || shownEffects) setEffects(nextEffects);
        shownEffects = nextEffects.length > 0;
        publishCounts(counts.current, kindCounts, sample, t);
        publishFrame(counts.current, frame);
      }
      if (!reduced) handle = requestAnimationFrame(draw);
    };
    draw();
    return () => {
      cancelAnimationFrame(handle);
      window.removeEventListener('scroll', remeasure, { capture: true });
      window.removeEventListener('resize', remeasure);
    };
  }, [motionOn, reduced, theme, canvasWidth, canvasHeight, reduced ? flow : null]);


  return (
    <div className="motion-layer" ref={root} data-testid="map-overlays" data-motion={motionOn ? (reduced ? 'reduced' : 'on') : 'off'}>
      <div className="motion-sticky" ref={sticky} style={{ width: canvasWidth, height: canvasHeight }}>
        <canvas ref={canvas} className="motion-canvas" style={{ width: canvasWidth, height: canvasHeight }} data-testid="motion-canvas" />
        <div className="motion-controls">
          <button type="button" className="btn btn-small motion-toggle" aria-pressed={motionOn} onClick={() => setMotionOn(!motionOn)} data-testid="motion-toggle"
            title={`Records in motion: produce batches, replication and consumer fetches sampled from the simulation, moving at its speed (frozen on pause; with 1 ms links a hop is a flash, so slow down to 0.1× or raise a link's latency to watch them travel). Click to turn ${motionOn ? 'off' : 'on'}.`}>
            Motion: {motionOn ? 'on' : 'off'}
          </button>
          <button type="button" className="btn btn-small motion-toggle" aria-pressed={slowOn} onClick={() => setSlowOn(!slowOn)} disabled={!motionOn} data-testid="slow-motion-toggle"
            title={slowOn
              ? `Slow motion is on: each hop is drawn over at least ${SLOW_MOTION_MS} ms of simulated time, in the order the cluster made them — the produce reaches the leader, the followers fetch it, then the acks=all answer and the consumers' fetches (an acks=1 answer leaves with the followers' fetch). On healthy links a real hop takes about 1 ms. Click for true timing.`
              : `True timing: hops move exactly as long as they took in the simulation (about 1 ms on healthy links, so they flash). Click for slow motion: each hop drawn over at least ${SLOW_MOTION_MS} ms of simulated time, in the cluster's order.`}>
            {slowOn ? 'Slow motion' : 'True timing'}
          </button>
          <div className="motion-legend" ref={counts} data-testid="motion-counts" aria-live="off">
            {KINDS.map((k) => <span key={k.kind} className={`motion-key motion-key-${k.kind}`} title={k.title}><i aria-hidden="true" /> {k.label} <b data-kind={k.kind}>0</b></span>)}
          </div>
        </div>
      </div>
      {effects.map((e) => (
        <div key={e.key} className={`motion-effect motion-effect-${e.kind}`} style={{ left: e.at.x, top: e.at.y, opacity: 0.45 + 0.55 * e.alpha, ...(e.kind === 'new-leader' ? { boxShadow: `0 0 0 ${Math.round(8 * e.alpha)}px color-mix(in srgb, var(--accent) 45%, transparent)` } : {}) }} title={e.title} data-testid={`motion-effect-${e.kind}`}>
          {e.text}
        </div>
      ))}
    </div>
  );
}

/** Frames drawn or skipped so far (data-frame: tests wait on it instead of sleeping). */
function publishFrame(el: HTMLDivElement | null, frame: number): void {
  if (el) el.dataset.frame = String(frame);
}

/** The legend's live counts and the test hooks (data-*), written without a React render. */
function publishCounts(el: HTMLDivElement | null, counts: Record<FlowHopKind, number>, sample: string, t: number | null): void {
  if (!el) return;
  for (const b of el.querySelectorAll<HTMLElement>('b[data-kind]')) {
    const n = String(counts[b.dataset.kind as FlowHopKind] ?? 0);
    if (b.textContent !== n) b.textContent = n;
  }
  el.dataset.produce = String(counts.produce);
  el.dataset.replicate = String(counts.replicate);
  el.dataset.response = String(counts['produce-response']);
  el.dataset.fetch = String(counts.fetch);
  el.dataset.sample = sample;
  el.dataset.simTime = t === null ? '' : String(Math.round(t));
}
