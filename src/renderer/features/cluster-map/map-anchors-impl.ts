/**
 * MapAnchors (map-anchors.ts) for what the map draws: the geometry of map-layout.ts and
 * map-clients.ts. Built from layouts that depend on structure only, so the same anchors answer
 * the same points while nothing moved; `isReplica` reads the current assignment (a reassignment
 * moves a replica without moving any band).
 */
import type { FlowEndpoint } from '../../../shared/flow-view';
import type { MapAnchors, MapPoint } from './map-anchors';
import { SCENARIO_HOST, type ClientsLayout } from './map-clients';
import type { MapLayout } from './map-layout';

/** Vertical offset of the replica chip's centre above its band's centre (the log bar sits below it), in unit-less px. */
export const CHIP_OFFSET = 8;

export function createMapAnchors(layout: MapLayout, clients: ClientsLayout, isReplica: (topic: string, partition: number, brokerId: number) => boolean): MapAnchors {
  const producers = new Map<string, MapPoint>();
  for (const p of clients.producers) {
    const point = { x: layout.producers.left + layout.producers.width, y: p.y };
    // A scenario producer and a real client may share a clientId: keep both, keyed by whether simulated.
    producers.set(`${p.producer.simulated ? SCENARIO_HOST : ''}\u0000${p.producer.clientId}`, point);
  }
  const members = new Map<string, MapPoint>();
  for (const g of clients.groups) for (const m of g.members) members.set(`${m.member.clientId}\u0000${m.member.host}`, { x: layout.groups.left, y: m.y });

  const anchors: MapAnchors = {
    broker(brokerId) {
      const column = layout.column(brokerId);
      if (column) return { x: column.x, y: layout.headerTop + layout.headerHeight / 2 };
      const controller = layout.controllers.find((c) => c.nodeId === brokerId);
      return controller ? { x: controller.x, y: controller.y } : null;
    },
    replica(topic, partition, brokerId) {
      const column = layout.column(brokerId);
      if (!column || !isReplica(topic, partition, brokerId)) return null;
      if (layout.mode === 'aggregate') {
        const row = layout.row(topic);
        return row ? { x: column.x, y: row.y } : null;
      }
      const band = layout.band(topic, partition);
      return band ? { x: column.x, y: band.y - CHIP_OFFSET * layout.unit } : null;
    },
    client(clientId, host) {
      // A producer node is found by clientId (its host may be any of its connections'); a group
      // member by clientId and host. A client both producing and in a group answers its producer
      // node only when it is not found as a member at that host.
      if (host === SCENARIO_HOST) {
        const simulated = producers.get(`${SCENARIO_HOST}\u0000${clientId}`);
        if (simulated) return simulated;
      }
      return members.get(`${clientId}\u0000${host.replace(/^\//, '')}`) ?? producers.get(`\u0000${clientId}`) ?? null;
    },
    endpoint(endpoint: FlowEndpoint, topic, partition) {
      if (endpoint.kind === 'client') return anchors.client(endpoint.clientId, endpoint.host);
      return anchors.replica(topic, partition, endpoint.brokerId) ?? anchors.broker(endpoint.brokerId);
    },
  };
  return anchors;
}
