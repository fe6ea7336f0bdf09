// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/react';
import type { ConnectionView } from '../../../shared/cluster-view';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { buildDataFlow } from './data-flow';
import { ClientsView } from './ClientsView';

afterEach(cleanup);

const connection = (id: string, clientId: string, apis: [number, string][]): ConnectionView => ({
  connectionId: id, brokerId: 1, clientAddress: '127.0.0.1:50000', clientId, clientSoftwareName: 'kafkajs', clientSoftwareVersion: '2.2.4',
  apis: apis.map(([apiKey, apiName]) => ({ apiKey, apiName, versions: [7], requests: 3 })), bytesIn: 2048, bytesOut: 512, connectedAtMs: 0,
});

function view() {
  const base = makeClusterView({ topics: [{ name: 'orders', partitions: 3, replicationFactor: 3, records: 10 }] });
  return {
    ...base,
    topics: base.topics.map((t) => ({ ...t, produceRatePerSec: 12 })),
    connections: [connection('c1', 'checkout', [[18, 'ApiVersions'], [0, 'Produce']]), connection('c2', 'kafka-lab-ui-consumer-1', [[1, 'Fetch']])],
    groups: [{ groupId: 'billing', state: 'Stable' as const, protocolType: 'consumer', protocol: 'range', generationId: 1, leaderId: null, coordinatorId: 1, members: [], offsets: [{ topic: 'orders', partition: 0, committedOffset: 1, endOffset: 2, lag: 1, timeLagMs: 0, memberId: null }], totalLag: 1 }],
  };
}

describe('clients view', () => {
  it('lists every connection with client.id, software, APIs and bytes, marking UI clients', async () => {
    const { store } = await loadedStore(new FakeClient(view()));
    renderWithStore(store, <ClientsView />);
    const rows = screen.getAllByTestId('client-row');
    expect(rows.map((r) => r.dataset.clientId)).toEqual(['checkout', 'kafka-lab-ui-consumer-1']);
    expect(rows[0]!.textContent).toContain('kafkajs 2.2.4');
    expect(rows[0]!.textContent).toContain('Produce v7×3');
    expect(rows[0]!.textContent).toContain('2.0 KiB');
    expect(rows[1]!.textContent).toContain('UI');
    expect(screen.getAllByTestId('flow-node').map((n) => n.getAttribute('data-node'))).toEqual(['p:checkout', 't:orders', 'g:billing']);
  });

  it('shows an inferred software name as inferred, with what it rests on, and an unidentified one as unknown', async () => {
    const base = view();
    const inferred = { ...connection('c1', 'orders-app', [[18, 'ApiVersions']]), clientSoftwareName: null, clientSoftwareVersion: null, software: { name: 'kafkajs', version: null, source: 'inferred' as const, basis: 'asked ApiVersions v2 and sent no client_software_name' } };
    const unknown = { ...connection('c2', 'mystery', [[3, 'Metadata']]), clientSoftwareName: null, clientSoftwareVersion: null };
    const reported = { ...connection('c3', 'rdkafka', [[18, 'ApiVersions']]), clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2', software: { name: 'librdkafka', version: '2.0.2', source: 'reported' as const, basis: 'client_software_name in its ApiVersions v3+ request (KIP-511)' } };
    const { store } = await loadedStore(new FakeClient({ ...base, connections: [inferred, unknown, reported] }));
    renderWithStore(store, <ClientsView />);
    const cells = Object.fromEntries(screen.getAllByTestId('client-row').map((r) => [r.dataset.clientId, r.querySelector('[data-testid="client-software"]')!]));
    expect(cells['orders-app']!.textContent).toBe('kafkajs (inferred)');
    expect(cells['orders-app']!.getAttribute('title')).toMatch(/^Inferred, not reported: asked ApiVersions v2/);
    expect(cells['mystery']!.textContent).toBe('unknown');
    expect(cells['rdkafka']!.textContent).toBe('librdkafka 2.0.2');
    expect(cells['rdkafka']!.getAttribute('title')).toMatch(/^Reported by the client/);
  });

  it('shows each connection\'s listener and principal, with how it was authenticated, and filters by principal', async () => {
    const base = view();
    const sasl = { ...connection('c1', 'billing-app', [[36, 'SaslAuthenticate']]), security: { listenerName: 'SASL_SSL', securityProtocol: 'SASL_SSL', principal: 'User:alice', saslMechanism: 'SCRAM-SHA-512' } };
    const mtls = { ...connection('c2', 'audit', [[3, 'Metadata']]), security: { listenerName: 'SSL', securityProtocol: 'SSL', principal: 'User:CN=carol,O=Kafka Lab', saslMechanism: null } };
    const pending = { ...connection('c3', 'early', [[18, 'ApiVersions']]), security: { listenerName: 'SASL_SSL', securityProtocol: 'SASL_SSL', principal: 'User:ANONYMOUS', saslMechanism: null } };
    const { store } = await loadedStore(new FakeClient({ ...base, connections: [sasl, mtls, pending] }));
    renderWithStore(store, <ClientsView />);
    const cells = Object.fromEntries(screen.getAllByTestId('client-row').map((r) => [r.dataset.clientId, r.querySelector('[data-testid="client-principal"]')!]));
    expect(cells['billing-app']!.textContent).toBe('User:alice SASL_SSL');
    expect(cells['billing-app']!.getAttribute('title')).toBe('Listener SASL_SSL (SASL_SSL); principal User:alice, authenticated with SASL SCRAM-SHA-512');
    expect(cells['audit']!.getAttribute('title')).toBe('Listener SSL (SSL); principal User:CN=carol,O=Kafka Lab, from the client certificate (mTLS)');
    expect(cells['early']!.getAttribute('title')).toBe('Listener SASL_SSL (SASL_SSL); principal User:ANONYMOUS, not authenticated yet');
    fireEvent.change(screen.getByTestId('clients-filter'), { target: { value: 'carol' } });
    expect(screen.getAllByTestId('client-row').map((r) => r.dataset.clientId)).toEqual(['audit']);
  });

  it('builds exact group edges and inferred producer edges when connections do not report their topics', () => {
    const flow = buildDataFlow(view());
    expect(flow.edges).toEqual([{ from: 'p:checkout', to: 't:orders', inferred: true }, { from: 't:orders', to: 'g:billing', inferred: false }]);
  });

  it('draws producer → topic and topic → group edges from the topics and group ids each connection used', () => {
    const base = view();
    const shipments = makeClusterView({ topics: [{ name: 'shipments', partitions: 1, replicationFactor: 1, records: 0 }] }).topics[0]!;
    const flow = buildDataFlow({
      ...base,
      // Nothing is being written right now: the edges come from the registry, not from rates.
      topics: [...base.topics.map((t) => ({ ...t, produceRatePerSec: 0 })), shipments],
      groups: [{ ...base.groups[0]!, offsets: [] }],
      connections: [
        { ...connection('c1', 'checkout', [[0, 'Produce']]), produced: [{ topic: 'shipments', partitions: [0] }] },
        // The consumer's coordinator connection (group ids) and its fetch connection (topics) differ.
        { ...connection('c2', 'billing-app', [[10, 'FindCoordinator'], [11, 'JoinGroup']]), clientAddress: '127.0.0.1:50001', groupIds: ['billing'] },
        { ...connection('c3', 'billing-app', [[1, 'Fetch']]), brokerId: 2, clientAddress: '127.0.0.1:50002', fetched: [{ topic: 'orders', partitions: [0, 1] }] },
      ],
    });
    expect(flow.topics.map((t) => t.id)).toEqual(['t:orders', 't:shipments']);
    expect(flow.edges).toEqual([{ from: 'p:checkout', to: 't:shipments', inferred: false }, { from: 't:orders', to: 'g:billing', inferred: false }]);
  });
});
