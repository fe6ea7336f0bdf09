// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import type { ListenerSecurityView } from '../../../shared/listener-view';
import { ListenersTable, ScramUsersTable } from './ListenersAndUsers';

afterEach(cleanup);

const brokers = makeClusterView().brokers;
const sasl: ListenerSecurityView = {
  listeners: [{ name: 'SASL_SSL', securityProtocol: 'SASL_SSL', saslMechanisms: ['SCRAM-SHA-512'], sslClientAuth: 'none', endpoints: brokers.map((b) => ({ brokerId: b.brokerId, host: '127.0.0.1', port: 19092 + b.brokerId })) }],
  users: [{ name: 'alice', credentials: [{ mechanism: 'SCRAM-SHA-256', iterations: 4096 }, { mechanism: 'SCRAM-SHA-512', iterations: 8192 }] }],
  caLocation: '/lab/tls/ca.pem',
  connectionsMaxReauthMs: 0,
};

describe('Security view: listeners and SCRAM users', () => {
  it('shows each broker on the SASL_SSL listener with its mechanisms, and the users with mechanisms and iterations only', () => {
    render(<><ListenersTable listenerSecurity={sasl} brokers={brokers} /><ScramUsersTable listenerSecurity={sasl} /></>);
    expect(screen.getByTestId('listener-SASL_SSL-2').textContent).toMatch(/SASL_SSL.*SASL authentication over TLS.*SCRAM-SHA-512.*none.*127\.0\.0\.1:19094/);
    expect(screen.getByTestId('scram-user-alice').textContent).toBe('User:aliceSCRAM-SHA-256 (4,096 iterations), SCRAM-SHA-512 (8,192 iterations)');
    expect(screen.queryByText(/PLAINTEXT/)).toBeNull();
  });

  it('says plainly on a PLAINTEXT listener that every client is User:ANONYMOUS and users wait for a SASL listener', () => {
    const plain: ListenerSecurityView = { ...sasl, listeners: [{ ...sasl.listeners[0]!, name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT', saslMechanisms: [], sslClientAuth: null }], users: [] };
    render(<><ListenersTable listenerSecurity={plain} brokers={brokers} /><ScramUsersTable listenerSecurity={plain} /></>);
    expect(screen.getByTestId('listener-PLAINTEXT-1').textContent).toContain('every client is User:ANONYMOUS');
    expect(screen.getByText(/No listener uses SASL now/)).toBeTruthy();
    expect(screen.getByTestId('scram-users').textContent).toBe('No SCRAM users.');
  });

  it('issue 16: with two listeners shows every broker on each, one bootstrap per listener, and marks the inter-broker one', () => {
    const plainListener = { name: 'PLAINTEXT', securityProtocol: 'PLAINTEXT' as const, saslMechanisms: [], sslClientAuth: null, endpoints: brokers.map((b) => ({ brokerId: b.brokerId, host: '127.0.0.1', port: 9091 + b.brokerId })) };
    const two: ListenerSecurityView = { ...sasl, listeners: [plainListener, sasl.listeners[0]!], interBrokerListenerName: 'PLAINTEXT' };
    render(<ListenersTable listenerSecurity={two} brokers={brokers} />);
    expect(screen.getAllByTestId(/^listener-(PLAINTEXT|SASL_SSL)-\d$/)).toHaveLength(2 * brokers.length);
    expect(screen.getByTestId('listener-PLAINTEXT-2').textContent).toContain('127.0.0.1:9093');
    expect(screen.getByTestId('listener-SASL_SSL-2').textContent).toContain('127.0.0.1:19094');
    expect(screen.getByTestId('listener-bootstrap-SASL_SSL').textContent).toBe(`Bootstrap on SASL_SSL (SASL_SSL): ${brokers.map((b) => `127.0.0.1:${19092 + b.brokerId}`).join(',')}`);
    expect(screen.getAllByTestId('inter-broker-listener')).toHaveLength(brokers.length);
    expect(screen.getByTestId('listener-SASL_SSL-1').querySelector('[data-testid="inter-broker-listener"]')).toBeNull();
  });

  it('shows no bootstrap list for a single listener (its addresses are the table\'s)', () => {
    render(<ListenersTable listenerSecurity={sasl} brokers={brokers} />);
    expect(screen.queryByTestId('listener-bootstraps')).toBeNull();
  });

  it('does not invent a protocol for a cluster that does not report one', () => {
    render(<ListenersTable listenerSecurity={null} brokers={brokers} />);
    expect(screen.getByTestId('listener-table').textContent).toContain('does not report its listeners');
    expect(screen.getByTestId('listener-table').textContent).not.toMatch(/PLAINTEXT|ANONYMOUS/);
  });
});
