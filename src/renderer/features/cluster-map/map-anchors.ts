/**
 * Where things sit on the cluster map, in the map's own coordinates (CSS pixels of its drawing
 * surface): the contract between the map's layout and the layers drawn over it (records in
 * motion, failover effects). null: not on the map now (aggregated away, off screen, unknown).
 */
import type { FlowEndpoint } from '../../../shared/flow-view';

export interface MapPoint { x: number; y: number }

export interface MapAnchors {
  /** The broker column's header. */
  broker(brokerId: number): MapPoint | null;
  /** A partition's replica on a broker (its chip), or the broker's aggregate cell when partitions are aggregated. */
  replica(topic: string, partition: number, brokerId: number): MapPoint | null;
  /** A client node (producer on one side, consumer group member on the other). */
  client(clientId: string, host: string): MapPoint | null;
  /** Either kind of endpoint. */
  endpoint(endpoint: FlowEndpoint, topic: string, partition: number): MapPoint | null;
}
