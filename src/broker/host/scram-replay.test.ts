/**
 * Issue 16: SCRAM credentials are inputs of the cluster's log, so an exported session replays
 * with its users (salted keys only; the trace never holds a password).
 */
import { describe, expect, it } from 'vitest';
import { attachScramCredentials } from '../cluster/security/scram-credentials';
import { replaySession } from '../scenario/replay';
import { ClusterHost } from './cluster-host';

describe('SCRAM users in a recording', () => {
  it('replays the users of an exported session, without their passwords', async () => {
    const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 77, keepFullInputLog: true, users: [{ name: 'alice', password: 'alice-secret' }], brokerConfig: { listeners: 'SASL_PLAINTEXT://:0' }, log: () => {} });
    try {
      await host.upsertScramUser('bob', 'bob-secret');
      const json = host.exportTrace();
      expect(json).not.toContain('alice-secret');
      const replayed = replaySession(json);
      const store = attachScramCredentials(replayed.cluster).store;
      expect(store.view()).toEqual(host.security.scram.store.view());
      expect(store.get('bob', 'SCRAM-SHA-512')).toEqual(host.security.scram.store.get('bob', 'SCRAM-SHA-512'));
    } finally {
      await host.close();
    }
  });
});
