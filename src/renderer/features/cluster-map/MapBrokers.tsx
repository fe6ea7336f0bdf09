/**
 * The map's brokers: rack headings, one column per broker (greyed with its state in words when it
 * is not running), the KRaft controllers (a badge on combined voters, a row of their own nodes in
 * dedicated mode; the active one distinct), and each broker's action menu — BrokerCard's commands
 * (controlled stop, kill, power loss, isolate, heal, start) from the map.
 */
import { memo, useEffect, useRef } from 'react';
import type { BrokerView, ControllerQuorumView } from '../../../shared/cluster-view';
import { CommandButton } from '../../components/CommandButton';
import { POWER_LOSS_TITLE } from '../../components/durability-text';
import type { MapLayout } from './map-layout';

export const brokerStateWords: Record<BrokerView['state'], string> = {
  running: 'running',
  stopped: 'stopped',
  isolated: 'isolated (network cut)',
  fenced: 'fenced by the controller',
};

const controllerWords = { running: 'running', stopped: 'stopped', isolated: 'isolated (network cut)' } as const;

export interface MapBrokersProps {
  layout: MapLayout;
  height: number;
  brokers: readonly BrokerView[];
  controller: ControllerQuorumView;
  readOnly: boolean;
  menuBrokerId: number | null;
  onMenu(brokerId: number | null): void;
}

export const MapBrokers = memo(function MapBrokers({ layout, height, brokers, controller, readOnly, menuBrokerId, onMenu }: MapBrokersProps) {
  const u = layout.unit;
  const dedicated = controller.processRoles === 'dedicated';
  const voters = new Set(dedicated ? [] : controller.voters);
  return (
    <>
      {layout.racks.some((r) => r.rack !== null) && layout.racks.map((r) => (
        <div key={r.rack ?? '\u0000'} className="map-rack" style={{ left: r.left, top: layout.rackTop, width: r.width, height: 20 * u }} data-testid={`map-rack-${r.rack ?? 'none'}`}
          title={r.rack ? `broker.rack=${r.rack}: rack-aware placement spreads a partition's replicas over racks (KIP-36)` : 'Brokers without broker.rack'}>
          {r.rack ? `rack ${r.rack}` : 'no rack'}
        </div>
      ))}
      {dedicated && layout.controllers.map((slot) => {
        const node = controller.nodes?.find((n) => n.nodeId === slot.nodeId);
        if (!node) return null;
        return (
          <div key={slot.nodeId} className={`map-controller map-controller-${node.state}${node.isActive ? ' map-controller-active' : ''}`} style={{ left: slot.left, top: layout.controllersTop, width: slot.width, height: 36 * u }}
            data-testid={`map-controller-${slot.nodeId}`} data-active={node.isActive} data-state={node.state}
            title={`KRaft controller node ${slot.nodeId} (process.roles=controller): ${controllerWords[node.state]}${node.isActive ? '; the active controller, leader of the metadata log' : '; a voter of the metadata log'}`}>
            <strong>controller {slot.nodeId}</strong>
            <span>{node.isActive ? 'active' : controllerWords[node.state]}</span>
          </div>
        );
      })}
      {layout.columns.map((c) => {
        const b = brokers.find((x) => x.brokerId === c.brokerId);
        if (!b) return null;
        const open = menuBrokerId === b.brokerId;
        const voter = voters.has(b.brokerId);
        return (
          <div key={c.brokerId}>
            <div className={`map-column map-column-${b.state}`} style={{ left: c.left, top: layout.headerTop, width: c.width, height: height - layout.headerTop }} data-testid={`map-column-${b.brokerId}`} data-state={b.state} />
            <button type="button" className={`map-broker map-broker-${b.state}${open ? ' map-broker-open' : ''}`} style={{ left: c.left, top: layout.headerTop, width: c.width, height: layout.headerHeight }}
              aria-expanded={open} aria-haspopup="menu" onClick={() => onMenu(open ? null : b.brokerId)} data-testid={`map-broker-${b.brokerId}`} data-state={b.state}
              title={`Broker ${b.brokerId} (${b.host}:${b.port}), ${brokerStateWords[b.state]}; leads ${b.leaderCount} of its ${b.replicaCount} replicas. Click: its actions (stop, kill, power loss, isolate, heal, start).`}>
              <span className="map-broker-name">Broker {b.brokerId}</span>
              {b.isActiveController && <span className="map-badge map-badge-active" title="The active controller: leader of the KRaft metadata log; it elects partition leaders">controller</span>}
              {voter && !b.isActiveController && <span className="map-badge" title="A KRaft voter (process.roles=broker,controller): it votes on the metadata log">voter</span>}
              <span className={`map-broker-state state-${b.state}`} data-testid={`map-broker-state-${b.brokerId}`}>{brokerStateWords[b.state]}</span>
              <span className="map-broker-leaders" data-testid={`map-broker-leaders-${b.brokerId}`}>{b.leaderCount} leaders</span>
            </button>
            {open && <BrokerMenu broker={b} readOnly={readOnly} style={{ left: c.left, top: layout.headerTop + layout.headerHeight + 2 * u, minWidth: Math.max(c.width, 190 * u) }} onClose={() => onMenu(null)} />}
          </div>
        );
      })}
    </>
  );
});

function BrokerMenu({ broker, readOnly, style, onClose }: { broker: BrokerView; readOnly: boolean; style: React.CSSProperties; onClose(): void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus();
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Escape') onClose(); };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const id = broker.brokerId;
  const running = broker.state === 'running' || broker.state === 'fenced';
  return (
    <div ref={ref} className="map-menu panel" role="menu" style={style} data-testid={`map-broker-menu-${id}`}>
      <div className="map-menu-title">Broker {id}: {brokerStateWords[broker.state]}</div>
      {readOnly ? (
        <p className="hint">Read-only view: stopping or breaking a broker needs the access token.</p>
      ) : (
        <div className="map-menu-actions">
          {running && (
            <>
              <CommandButton command={{ type: 'stop-broker', brokerId: id, controlled: true }} label="Stop" variant="danger" title="Controlled shutdown, as kafka-server-stop does: the controller moves leadership away first, then the broker exits" testId={`map-stop-broker-${id}`} />
              <CommandButton command={{ type: 'stop-broker', brokerId: id, controlled: false }} label="Kill" variant="danger" title="Crash (kill -9): no controlled shutdown; the controller moves leadership only once the broker's heartbeats stop (broker.session.timeout.ms)" testId={`map-kill-broker-${id}`} />
              <CommandButton command={{ type: 'power-loss-broker', brokerId: id }} label="Power loss" variant="danger" title={POWER_LOSS_TITLE} testId={`map-power-loss-broker-${id}`} />
              <CommandButton command={{ type: 'isolate-broker', brokerId: id }} label="Isolate" variant="danger" title="Cut the broker off the network; it keeps running" testId={`map-isolate-broker-${id}`} />
            </>
          )}
          {broker.state === 'stopped' && <CommandButton command={{ type: 'start-broker', brokerId: id }} label="Start" title="Start the broker again: it rejoins, catches up and re-enters the ISR" testId={`map-start-broker-${id}`} />}
          {broker.state === 'isolated' && <CommandButton command={{ type: 'heal-broker', brokerId: id }} label="Heal" title="Reconnect the broker to the network" testId={`map-heal-broker-${id}`} />}
        </div>
      )}
      <button type="button" className="link" onClick={onClose} title="Close this menu (Escape)">close</button>
    </div>
  );
}
