/**
 * Every connection the brokers hold, from the connection registry: broker, client address,
 * client.id, client software and version (ApiVersions v3+, KIP-511), the APIs it used with their
 * versions and request counts, bytes in and out. The workbench's own clients carry a "UI" badge.
 * The software column says whether the client reported its name (KIP-511) or we inferred it.
 * Issue 16: the principal column shows the listener, its security protocol and the principal
 * Kafka's authorizer sees (`User:alice` after SASL, the certificate DN with mTLS, else User:ANONYMOUS).
 * Issue 18: request faults for testing clients (../request-faults/RequestFaults.tsx).
 */
import { useMemo, useState } from 'react';
import { workbenchClientIdPrefix } from '../../../shared/workbench-contract';
import { formatBytes, formatInteger, formatTime } from '../../components/format';
import { useApp } from '../../store/store-context';
import type { ConnectionView } from '../../../shared/cluster-view';
import { DataFlow } from './DataFlow';
import { SoftwareCell } from './SoftwareCell';
import { RequestFaults } from '../request-faults/RequestFaults';

const columns = '50px 130px minmax(160px, 1.4fr) 150px minmax(130px, 1fr) minmax(140px, 1.6fr) 70px 70px 90px';

function principalTitle(security: NonNullable<ConnectionView['security']>): string {
  const how = security.saslMechanism ? `authenticated with SASL ${security.saslMechanism}`
    : security.principal === 'User:ANONYMOUS' ? (security.securityProtocol.startsWith('SASL_') ? 'not authenticated yet' : 'no authentication on this listener')
    : 'from the client certificate (mTLS)';
  return `Listener ${security.listenerName} (${security.securityProtocol}); principal ${security.principal}, ${how}`;
}

export function ClientsView() {
  const snapshot = useApp((s) => s.snapshot);
  const timeZone = useApp((s) => s.settings.timeZone);
  const [filter, setFilter] = useState('');
  const connections = useMemo(() => {
    const f = filter.toLowerCase();
    return [...(snapshot?.connections ?? [])]
      .filter((c) => !f || (c.clientId ?? '').toLowerCase().includes(f) || c.clientAddress.includes(f) || (c.software?.name ?? c.clientSoftwareName ?? '').toLowerCase().includes(f) || (c.security?.principal ?? '').toLowerCase().includes(f))
      // Connections that have not sent a request yet have no client.id: listed last.
      .sort((a, b) => Number(a.clientId === null) - Number(b.clientId === null) || (a.clientId ?? '').localeCompare(b.clientId ?? '') || a.brokerId - b.brokerId);
  }, [snapshot, filter]);
  const distinct = new Set(connections.map((c) => c.clientId)).size;
  if (!snapshot) return <p className="empty">Waiting for the cluster…</p>;
  return (
    <div data-testid="clients-view">
      <div className="toolbar">
        <input className="search" placeholder="Filter by client.id, address, software or principal" value={filter} onChange={(e) => setFilter(e.target.value)} data-testid="clients-filter" />
        <span className="toolbar-count">{connections.length} connection{connections.length === 1 ? '' : 's'} · {distinct} client.id{distinct === 1 ? '' : 's'}</span>
      </div>
      <section className="data-table" data-testid="clients-table">
        <div className="data-row data-head" style={{ gridTemplateColumns: columns }}>
          <div>Broker</div><div>Address</div><div>client.id</div><div>Software</div><div title="The listener the connection came in on, its security protocol, and the principal Kafka's authorizer sees">Listener · principal</div><div>APIs used (versions × requests)</div><div>Bytes in</div><div>Bytes out</div><div>Connected</div>
        </div>
        <div className="data-body">
          {connections.length === 0 && <div className="empty">No client is connected.</div>}
          {connections.map((c) => (
            <div key={c.connectionId} className="data-row wb-client-row" style={{ gridTemplateColumns: columns }} data-testid="client-row" data-client-id={c.clientId ?? ''}>
              <div>{c.brokerId}</div>
              <div>{c.clientAddress}</div>
              <div title={c.clientId ?? 'No request yet, so no client.id'}>{c.clientId?.startsWith(workbenchClientIdPrefix) && <span className="wb-badge" title="Started by this UI: one of Kafka Lab's own kafkajs clients (the workbench: produce, consume, browse, load)">UI</span>} {c.clientId ?? <span className="count-muted">none yet</span>}</div>
              <SoftwareCell connection={c} />
              {c.security
                ? <div title={principalTitle(c.security)} data-testid="client-principal">{c.security.principal} <span className="count-muted principal-listener">{c.security.listenerName}</span></div>
                : <div className="count-muted">unknown</div>}
              <div className="wb-apis" title={c.apis.map((a) => `${a.apiName} v${a.versions.join('/')} × ${a.requests}`).join('\n')}>{c.apis.map((a) => `${a.apiName} v${a.versions.join('/')}×${a.requests}`).join(', ')}</div>
              <div>{formatBytes(c.bytesIn)}</div>
              <div>{formatBytes(c.bytesOut)}</div>
              <div>{formatTime(c.connectedAtMs, timeZone, false)}</div>
            </div>
          ))}
        </div>
      </section>
      <p className="hint">{formatInteger(snapshot.connections.length)} connection{snapshot.connections.length === 1 ? '' : 's'} in total. Addresses are the client side of each TCP connection.</p>
      <RequestFaults />
      <DataFlow view={snapshot} />
    </div>
  );
}
