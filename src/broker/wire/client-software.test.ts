import { describe, expect, it } from 'vitest';
import type { ConnectionView } from '../../shared/cluster-view';
import { withClientSoftware } from './client-software';

function connection(id: string, clientId: string | null, apiVersions: number[], extra: Partial<ConnectionView> = {}): ConnectionView {
  return {
    connectionId: id, brokerId: 1, clientAddress: '127.0.0.1:5000' + id.length, clientId, clientSoftwareName: null, clientSoftwareVersion: null,
    apis: [...(apiVersions.length ? [{ apiKey: 18, apiName: 'ApiVersions', versions: apiVersions, requests: 1 }] : []), { apiKey: 3, apiName: 'Metadata', versions: [6], requests: 2 }],
    bytesIn: 0, bytesOut: 0, connectedAtMs: 0, ...extra,
  };
}

describe('client software naming', () => {
  it('keeps a KIP-511 name as reported', () => {
    const [c] = withClientSoftware([connection('a', 'rdkafka', [3], { clientSoftwareName: 'librdkafka', clientSoftwareVersion: '2.0.2' })]);
    expect(c!.software).toMatchObject({ name: 'librdkafka', version: '2.0.2', source: 'reported' });
  });

  it('infers kafkajs from ApiVersions v2 without a name, and says so', () => {
    const [c] = withClientSoftware([connection('a', 'orders-app', [2])]);
    expect(c!.software).toMatchObject({ name: 'kafkajs', version: null, source: 'inferred' });
    expect(c!.software!.basis).toMatch(/ApiVersions v2/);
  });

  it('names the other connections of the same client (kafkajs asks ApiVersions on its seed broker only)', () => {
    const seed = connection('a', 'orders-app', [2]);
    const other = { ...connection('bb', 'orders-app', []), brokerId: 2, clientAddress: '127.0.0.1:50123' };
    const stranger = { ...connection('ccc', 'orders-app', []), brokerId: 3, clientAddress: '10.0.0.7:40000' };
    const [, o, s] = withClientSoftware([seed, other, stranger]);
    expect(o!.software).toMatchObject({ name: 'kafkajs', source: 'inferred' });
    expect(o!.software!.basis).toMatch(/same client.id and address/);
    // Same client.id from another machine: nothing to go on.
    expect(s!.software).toBeUndefined();
  });

  it('leaves a client unknown when nothing identifies it (ApiVersions v0, no name)', () => {
    const [c] = withClientSoftware([connection('a', 'kafka-python-2.0.2', [0])]);
    expect(c!.software).toBeUndefined();
  });

  it("marks the lab's own workbench clients and names their software", () => {
    const [c] = withClientSoftware([connection('a', 'kafka-lab-ui-producer', [])]);
    expect(c!.startedByLab).toBe(true);
    expect(c!.software).toMatchObject({ name: 'kafkajs', source: 'inferred' });
    expect(c!.software!.basis).toMatch(/this UI started/);
  });
});
