/**
 * The clients around the map: producers on the left with arrows to the partitions (or topics)
 * they write, consumer groups on the right with their members, assigned partitions and lag.
 */
import { memo } from 'react';
import { formatInteger } from '../../components/format';
import type { ClientsLayout, MapMember, MapMemberPartition } from './map-clients';
import type { MapLayout } from './map-layout';

const partitionsText = (ps: readonly MapMemberPartition[]) => {
  const byTopic = new Map<string, number[]>();
  for (const p of ps) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
  return [...byTopic].map(([topic, list]) => `${topic}-${list.sort((a, b) => a - b).join(',')}`).join(' ');
};

const lagLines = (ps: readonly MapMemberPartition[]) => ps.map((p) => `${p.topic}-${p.partition}: lag ${p.lag ?? 'no committed offset'}`).join('\n');

export function MapLinks({ clients, width, height }: { clients: ClientsLayout; width: number; height: number }) {
  return (
    <svg className="map-links" width={width} height={height} aria-hidden="true">
      <defs>
        <marker id="map-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L8,4 L0,8 z" className="map-arrowhead" /></marker>
      </defs>
      {clients.edges.map((e) => {
        const dx = Math.max(20, (e.x2 - e.x1) / 2);
        return <path key={e.key} className={`map-edge map-edge-${e.kind}${e.dashed ? ' map-edge-inferred' : ''}`} d={`M${e.x1},${e.y1} C${e.x1 + dx},${e.y1} ${e.x2 - dx},${e.y2} ${e.x2},${e.y2}`} markerEnd="url(#map-arrow)" />;
      })}
    </svg>
  );
}

export interface MapClientNodesProps {
  layout: MapLayout;
  clients: ClientsLayout;
  onProducer(clientId: string, simulated: boolean): void;
  onGroup(groupId: string): void;
}

export const MapClientNodes = memo(function MapClientNodes({ layout, clients, onProducer, onGroup }: MapClientNodesProps) {
  const u = layout.unit;
  return (
    <>
      {clients.producers.map(({ producer: p, top, height }) => (
        <button type="button" key={`${p.simulated}\u0000${p.clientId}`} className={`map-producer${p.simulated ? ' map-producer-simulated' : ''}`} style={{ left: layout.producers.left, top, width: layout.producers.width, height }}
          onClick={() => onProducer(p.clientId, p.simulated)} data-testid={`map-producer-${p.clientId}`} data-simulated={p.simulated} data-targets={p.targets.map((t) => `${t.topic}-${t.partition ?? '*'}`).join(' ')}
          title={`Producer ${p.clientId}: ${p.detail}. Writes ${p.targets.length === 0 ? 'nothing shown here' : p.targets.map((t) => (t.partition === null ? `${t.topic} (partitions not reported)` : `${t.topic}-${t.partition}`)).join(', ')}${p.inferred ? ' (inferred: this cluster does not say which topics a connection wrote)' : ''}. `
            + (p.simulated ? 'Click: scroll to the scenario panel (its narration and counters).' : 'Click: open the Clients view (its connections).')}>
          <span className="map-node-name">{p.clientId}</span>
          <span className="map-node-sub">{p.simulated ? 'simulated · scenario' : p.hosts.join(', ')}</span>
        </button>
      ))}
      {clients.groups.map(({ group: g, top, height, members, hiddenMembers }) => (
        <div key={g.groupId} className="map-group" style={{ left: layout.groups.left, top, width: layout.groups.width, height }} data-testid={`map-group-${g.groupId}`} data-total-lag={g.totalLag} data-state={g.state}>
          <button type="button" className="map-group-head" onClick={() => onGroup(g.groupId)}
            title={`Consumer group ${g.groupId}: ${g.state}, ${g.members.length} member(s), total lag ${g.totalLag} records (endOffset − committed offset, summed).\n${lagLines([...g.members.flatMap((m) => m.partitions), ...g.unassigned])}\nClick: open the group's detail.`}>
            <span className="map-node-name">{g.groupId}</span>
            <span className="map-node-sub">{g.state} · <span className={g.totalLag > 0 ? 'map-lag-on' : ''} data-testid={`map-group-lag-${g.groupId}`}>lag {formatInteger(g.totalLag)}</span></span>
          </button>
          {members.map(({ member, top: mTop }) => <MemberRow key={member.memberId} member={member} style={{ top: mTop - top, height: 32 * u }} />)}
          {hiddenMembers > 0 && <div className="map-node-sub map-members-more">+{hiddenMembers} more members</div>}
        </div>
      ))}
    </>
  );
});

function MemberRow({ member: m, style }: { member: MapMember; style: React.CSSProperties }) {
  const lag = m.partitions.reduce((n, p) => n + (p.lag ?? 0), 0);
  return (
    <div className="map-member" style={style} data-testid={`map-member-${m.clientId}`} data-partitions={partitionsText(m.partitions)}
      title={`Member ${m.memberId}\nclient.id ${m.clientId} at ${m.host}\nassigned: ${partitionsText(m.partitions) || 'nothing'}\n${lagLines(m.partitions)}`}>
      <span className="map-node-name">{m.clientId}</span>
      <span className="map-node-sub">{partitionsText(m.partitions) || 'no partitions'} · lag {formatInteger(lag)}</span>
    </div>
  );
}
