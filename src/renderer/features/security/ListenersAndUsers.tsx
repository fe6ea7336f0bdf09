/**
 * The Security view's listeners and SCRAM users (issue 16), from ClusterView.listenerSecurity:
 * each listener's security protocol, SASL mechanisms and ssl.client.auth with every broker's
 * advertised endpoint (with several listeners, one bootstrap per listener and the inter-broker one
 * marked), and the users with their mechanisms and iterations (never a salt, key or
 * password). A cluster that does not report them (a remote one, a fake) is shown as its brokers'
 * plain addresses, with that said.
 */
import type { BrokerView } from '../../../shared/cluster-view';
import type { ListenerSecurityView, ListenerView } from '../../../shared/listener-view';

const protocolWords: Record<ListenerView['securityProtocol'], string> = {
  PLAINTEXT: 'no TLS, no authentication: every client is User:ANONYMOUS',
  SSL: 'TLS; with a client certificate the principal is User:<its DN>, without one User:ANONYMOUS',
  SASL_PLAINTEXT: 'SASL authentication, no TLS: credentials and records cross the network unencrypted',
  SASL_SSL: 'SASL authentication over TLS',
};

export function ListenersTable({ listenerSecurity, brokers }: { listenerSecurity: ListenerSecurityView | null; brokers: readonly BrokerView[] }) {
  if (!listenerSecurity) {
    return (
      <table className="security-table" data-testid="listener-table">
        <thead><tr><th>Broker</th><th>Address</th></tr></thead>
        <tbody>{brokers.map((b) => <tr key={b.brokerId}><td>{b.brokerId}</td><td><code>{b.host}:{b.port}</code></td></tr>)}</tbody>
        <caption className="hint">This cluster does not report its listeners&apos; security protocols.</caption>
      </table>
    );
  }
  const inter = listenerSecurity.interBrokerListenerName ?? null;
  return (
    <>
      <table className="security-table listener-table" data-testid="listener-table">
        <thead><tr><th>Broker</th><th>Listener</th><th>Security protocol</th><th>SASL mechanisms</th><th>ssl.client.auth</th><th>Address</th></tr></thead>
        <tbody>
          {listenerSecurity.listeners.flatMap((l) => l.endpoints.map((e) => (
            <tr key={`${l.name} ${e.brokerId}`} data-testid={`listener-${l.name}-${e.brokerId}`}>
              <td>{e.brokerId}</td>
              <td><code>{l.name}</code>{l.name === inter && <span className="hint" title="inter.broker.listener.name: the listener Kafka's brokers would replicate over. The lab's replication runs inside the simulation, not over this port." data-testid="inter-broker-listener"> (inter-broker)</span>}</td>
              <td title={protocolWords[l.securityProtocol]}><code>{l.securityProtocol}</code> <span className="hint">{protocolWords[l.securityProtocol]}</span></td>
              <td>{l.saslMechanisms.length > 0 ? l.saslMechanisms.join(', ') : '—'}</td>
              <td>{l.sslClientAuth ?? '—'}</td>
              <td><code>{e.host}:{e.port}</code>{e.boundPort !== undefined && <span className="hint" title={`advertised.listeners tells clients port ${e.port}; the broker listens on ${e.boundPort} (a forwarded port must lead there)`}> (listening on {e.boundPort})</span>}</td>
            </tr>
          )))}
        </tbody>
      </table>
      {listenerSecurity.listeners.length > 1 && (
        <ul className="listener-bootstraps" data-testid="listener-bootstraps">
          {listenerSecurity.listeners.map((l) => (
            <li key={l.name} data-testid={`listener-bootstrap-${l.name}`} title={`bootstrap.servers for a client with security.protocol=${l.securityProtocol}: Metadata on this listener names only its ports`}>
              Bootstrap on <code>{l.name}</code> ({l.securityProtocol}): <code>{l.endpoints.map((e) => `${e.host}:${e.boundPort ?? e.port}`).join(',')}</code>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ScramUsersTable({ listenerSecurity }: { listenerSecurity: ListenerSecurityView | null }) {
  if (!listenerSecurity) return <p className="hint" data-testid="scram-users">This cluster does not report its SCRAM users.</p>;
  const sasl = listenerSecurity.listeners.some((l) => l.securityProtocol.startsWith('SASL_'));
  return (
    <>
      <p className="hint">
        SCRAM credentials as the controller stores them: a salt, an iteration count and derived keys, never the password (KIP-554;
        DescribeUserScramCredentials / AlterUserScramCredentials). {sasl ? 'PLAIN checks a password against the same credentials.' : 'No listener uses SASL now: they apply once one does (--security-protocol SASL_SSL).'}
      </p>
      {listenerSecurity.users.length === 0 ? <p className="empty" data-testid="scram-users">No SCRAM users.</p> : (
        <table className="security-table" data-testid="scram-users">
          <thead><tr><th>User</th><th>Credentials</th></tr></thead>
          <tbody>
            {listenerSecurity.users.map((u) => (
              <tr key={u.name} data-testid={`scram-user-${u.name}`}>
                <td><code>User:{u.name}</code>{u.name === 'kafka-lab-ui' && <span className="hint"> (this app&apos;s own clients)</span>}</td>
                <td>{u.credentials.map((c) => `${c.mechanism} (${c.iterations.toLocaleString('en-US')} iterations)`).join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
