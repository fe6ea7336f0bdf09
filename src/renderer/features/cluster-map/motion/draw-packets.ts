/**
 * Drawing records in motion on one 2D canvas: a faint path per hop, its packet (a shape per kind,
 * so colour is not the only cue), and the Kafka error name beside a rejected hop's destination.
 */
import type { FlowHopKind, FlowHopView } from '../../../../shared/flow-view';
import type { MapAnchors, MapPoint } from '../map-anchors';
import { endpointOnMap, type PacketDrawing } from './hop-position';

export type MotionPalette = Record<FlowHopKind | 'error' | 'text', string>;

/** The palette from the theme's CSS variables (motion.css), read off the element. */
export function readPalette(el: Element): MotionPalette {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    produce: v('--motion-produce', '#e8590c'),
    'produce-response': v('--motion-response', '#0e7c86'),
    replicate: v('--motion-replicate', '#7b3fc4'),
    fetch: v('--motion-fetch', '#1d7a3a'),
    error: v('--bad', '#c62828'),
    text: v('--text', '#1b1f24'),
  };
}

/** The visible part of the surface, in surface coordinates (packets outside are skipped). */
export interface Viewport { x: number; y: number; width: number; height: number }

function inside(p: MapPoint, v: Viewport, margin: number): boolean {
  return p.x >= v.x - margin && p.x <= v.x + v.width + margin && p.y >= v.y - margin && p.y <= v.y + v.height + margin;
}

/** Adds the packet's shape to the current path (a shape per kind, so colour is not the only cue). */
function shape(ctx: CanvasRenderingContext2D, kind: FlowHopKind, p: MapPoint, r: number): void {
  switch (kind) {
    case 'produce':
      ctx.moveTo(p.x + r, p.y);
      ctx.arc(p.x, p.y, r, 0, Math.PI * 2);
      break;
    case 'replicate':
      ctx.moveTo(p.x, p.y - r);
      ctx.lineTo(p.x + r, p.y);
      ctx.lineTo(p.x, p.y + r);
      ctx.lineTo(p.x - r, p.y);
      ctx.closePath();
      break;
    case 'fetch':
      ctx.moveTo(p.x, p.y - r);
      ctx.lineTo(p.x + r, p.y + r * 0.8);
      ctx.lineTo(p.x - r, p.y + r * 0.8);
      ctx.closePath();
      break;
    case 'produce-response':
      ctx.rect(p.x - r * 0.8, p.y - r * 0.8, r * 1.6, r * 1.6);
      break;
  }
}

/** Afterglow strength in steps, so packets of one colour and strength share one path. */
const ALPHA_STEPS = 6;

/**
 * Draws the packets; `scale` grows them with the map's unit (projector and presenter type).
 * Batched: one stroke for every path of a colour, one fill per colour and afterglow step, so the
 * cost per frame is a few canvas calls plus one path segment per packet.
 */
export function drawPackets(ctx: CanvasRenderingContext2D, packets: readonly PacketDrawing[], palette: MotionPalette, view: Viewport, scale: number): void {
  const r = 4.5 * scale;
  const groups = new Map<string, PacketDrawing[]>();
  for (const p of packets) {
    if (!inside(p.at, view, 40) && !inside(p.from, view, 40)) continue;
    const colour = p.hop.error ? palette.error : palette[p.kind];
    let list = groups.get(colour);
    if (!list) groups.set(colour, (list = []));
    list.push(p);
  }
  ctx.lineWidth = 1.5 * scale;
  for (const [colour, list] of groups) {
    ctx.globalAlpha = 0.3;
    ctx.strokeStyle = colour;
    ctx.beginPath();
    for (const p of list) {
      ctx.moveTo(p.from.x, p.from.y);
      ctx.lineTo(p.at.x, p.at.y);
    }
    ctx.stroke();
    ctx.fillStyle = colour;
    for (let step = ALPHA_STEPS; step >= 1; step--) {
      let any = false;
      for (const p of list) {
        if (Math.ceil(p.alpha * ALPHA_STEPS) !== step) continue;
        if (!any) ctx.beginPath();
        any = true;
        shape(ctx, p.kind, p.at, p.kind === 'produce' ? r * 1.2 : r);
      }
      if (!any) continue;
      ctx.globalAlpha = step / ALPHA_STEPS;
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
  ctx.font = `600 ${Math.round(11 * scale)}px ui-monospace, 'DejaVu Sans Mono', monospace`;
  ctx.fillStyle = palette.error;
  for (const p of packets) if (p.hop.error && p.phase === 'arrived' && inside(p.to, view, 40)) ctx.fillText(p.hop.error, p.to.x + r * 2, p.to.y - r * 1.5);
}

/**
 * prefers-reduced-motion: one still arrow per path that carried records in the sample (from →
 * to, per kind), no moving packets; redrawn when a snapshot brings a new sample.
 */
export function drawStaticArrows(ctx: CanvasRenderingContext2D, hops: readonly FlowHopView[], anchors: MapAnchors, palette: MotionPalette, scale: number): Record<FlowHopKind, number> {
  const seen = new Set<string>();
  const counts: Record<FlowHopKind, number> = { produce: 0, 'produce-response': 0, replicate: 0, fetch: 0 };
  ctx.lineWidth = 1.5 * scale;
  for (const hop of hops) {
    const from = endpointOnMap(anchors, hop.from, hop);
    const to = endpointOnMap(anchors, hop.to, hop);
    if (!from || !to) continue;
    const key = `${hop.kind}:${from.x},${from.y}>${to.x},${to.y}`;
    if (seen.has(key)) continue;
    seen.add(key);
    counts[hop.kind]++;
    const colour = hop.error ? palette.error : palette[hop.kind];
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x, to.y);
    ctx.stroke();
    const angle = Math.atan2(to.y - from.y, to.x - from.x);
    const head = 7 * scale;
    ctx.beginPath();
    ctx.moveTo(to.x, to.y);
    ctx.lineTo(to.x - head * Math.cos(angle - 0.4), to.y - head * Math.sin(angle - 0.4));
    ctx.lineTo(to.x - head * Math.cos(angle + 0.4), to.y - head * Math.sin(angle + 0.4));
    ctx.closePath();
    ctx.fill();
  }
  ctx.globalAlpha = 1;
  return counts;
}
