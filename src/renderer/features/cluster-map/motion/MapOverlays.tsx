/** Layers drawn over the cluster map (issue 14): records in motion and failover effects. Placeholder until h-motion lands. */
import type { MapAnchors } from '../map-anchors';

export interface MapOverlaysProps {
  anchors: MapAnchors;
  /** Size of the map's drawing surface, CSS pixels. */
  width: number;
  height: number;
}

export function MapOverlays(_props: MapOverlaysProps) {
  return null;
}
