/**
 * Issue 17: read-only viewers (serve mode without the token) get no profile, test or remote view:
 * profiles hold credentials and a test reaches out on the host's behalf. Full viewers reach the service.
 */
import { describe, expect, it } from 'vitest';
import { MemoryProfileStore } from './profile-store';
import { RemoteService } from './remote-service';
import { noRemoteService, remoteFor } from './hosted-remote-api';

describe('remoteFor', () => {
  it('refuses every remote method to read-only viewers and passes them through for the others', async () => {
    const service = new RemoteService(new MemoryProfileStore());
    await service.saveConnectionProfile({ name: 'prod', colour: '#ef4444', readOnly: true, bootstrapServers: 'kafka-1:9093', securityProtocol: 'SASL_SSL', sasl: { mechanism: 'PLAIN', username: 'ops', password: 'secret' }, tls: { verifyHostname: true } });
    const readOnly = remoteFor(service, true);
    await expect(readOnly.listConnectionProfiles()).rejects.toThrow(/^CLUSTER_AUTHORIZATION_FAILED: /);
    await expect(readOnly.testConnection({ settings: { bootstrapServers: '127.0.0.1:1', securityProtocol: 'PLAINTEXT' } })).rejects.toThrow(/^CLUSTER_AUTHORIZATION_FAILED: /);
    await expect(readOnly.getRemoteView('x')).rejects.toThrow(/^CLUSTER_AUTHORIZATION_FAILED: /);
    const full = remoteFor(service, false);
    expect((await full.listConnectionProfiles()).profiles.map((p) => p.name)).toEqual(['prod']);
    await expect(noRemoteService.listConnectionProfiles()).rejects.toThrow('this host has no remote clusters');
  });
});
