/**
 * Issue 16 over real sockets with our own SCRAM client: KIP-554 credential changes
 * (AlterUserScramCredentials / DescribeUserScramCredentials) take effect for the next
 * authentication, and KIP-368 session lifetimes (connections.max.reauth.ms): the lifetime in
 * SaslAuthenticate v1+, re-authentication before expiry, the connection closed on its first
 * request after expiry, re-authentication after expiry, and a re-authentication as another principal
 * or with another mechanism refused as Kafka refuses it. SaslHandshake on a PLAINTEXT listener gets
 * ILLEGAL_SASL_STATE.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../host/cluster-host';
import { decodeResponse } from '../../protocol';
import { RawClient } from '../testing/raw-client';

const REAUTH_MS = 400;
let correlation = 100;

async function call(client: RawClient, apiKey: number, version: number, body: object): Promise<Record<string, unknown> | null> {
  const index = client.frames.length;
  client.request(apiKey, version, ++correlation, body);
  const frames = await client.waitFrames(index + 1);
  return frames.length > index ? (decodeResponse(apiKey, version, frames[index]!).body as Record<string, unknown>) : null;
}

/** SCRAM-SHA-256 handshake + exchange on `client`; resolves with the final SaslAuthenticate body. */
async function scram(client: RawClient, user: string, password: string): Promise<Record<string, unknown> | null> {
  expect((await call(client, 17, 1, { mechanism: 'SCRAM-SHA-256' }))?.errorCode).toBe(0);
  const first = `n=${user},r=${randomBytes(12).toString('base64')}`;
  const serverFirstBody = await call(client, 36, 1, { authBytes: Buffer.from(`n,,${first}`) });
  if (serverFirstBody?.errorCode !== 0) return serverFirstBody;
  const serverFirst = String(serverFirstBody.authBytes);
  const attrs = new Map(serverFirst.split(',').map((a) => [a[0]!, a.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(attrs.get('s')!, 'base64'), Number(attrs.get('i')), 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const withoutProof = `c=biws,r=${attrs.get('r')}`;
  const signature = createHmac('sha256', createHash('sha256').update(clientKey).digest()).update(`${first},${serverFirst},${withoutProof}`).digest();
  return call(client, 36, 1, { authBytes: Buffer.from(`${withoutProof},p=${Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString('base64')}`) });
}

const METADATA = { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };

describe('SASL listener: SCRAM credentials and session lifetimes', () => {
  let host: ClusterHost;
  let plain: ClusterHost;
  let port: number;
  beforeAll(async () => {
    [host, plain] = await Promise.all([
      ClusterHost.start({ brokers: 1, basePort: 0, seed: 5, users: [{ name: 'admin', password: 'admin-secret' }, { name: 'bob', password: 'bob-secret' }], brokerConfig: { listeners: 'SASL_PLAINTEXT://:0', 'connections.max.reauth.ms': String(REAUTH_MS) }, log: () => {} }),
      ClusterHost.start({ brokers: 1, basePort: 0, seed: 6, log: () => {} }),
    ]);
    port = host.listenerPorts().get(1)!;
  });
  afterAll(async () => {
    await Promise.all([host?.close(), plain?.close()]);
  });

  it('AlterUserScramCredentials upserts and deletes salted credentials that the next SCRAM exchange uses', async () => {
    const admin = await RawClient.connect(port);
    expect((await scram(admin, 'admin', 'admin-secret'))?.errorCode).toBe(0);
    const salt = randomBytes(16);
    const saltedPassword = pbkdf2Sync('dave-secret', salt, 4096, 32, 'sha256');
    const altered = await call(admin, 51, 0, { deletions: [{ name: 'nobody', mechanism: 1 }], upsertions: [{ name: 'dave', mechanism: 1, iterations: 4096, salt, saltedPassword }, { name: 'erin', mechanism: 2, iterations: 100, salt, saltedPassword }, { name: 'frank', mechanism: 7, iterations: 4096, salt, saltedPassword }] });
    expect(altered?.results).toEqual([
      { user: 'nobody', errorCode: 91, errorMessage: 'Attempt to delete a user credential that does not exist' },
      { user: 'dave', errorCode: 0, errorMessage: null },
      { user: 'erin', errorCode: 93, errorMessage: 'Too few iterations' },
      { user: 'frank', errorCode: 33, errorMessage: 'Unknown SCRAM mechanism' },
    ]);
    const described = await call(admin, 50, 0, { users: [{ name: 'dave' }, { name: 'erin' }] });
    expect(described?.results).toEqual([
      { user: 'dave', errorCode: 0, errorMessage: null, credentialInfos: [{ mechanism: 1, iterations: 4096 }] },
      { user: 'erin', errorCode: 91, errorMessage: 'Attempt to describe a user credential that does not exist', credentialInfos: [] },
    ]);
    expect(host.snapshot().listenerSecurity?.users.map((u) => u.name)).toEqual(['admin', 'bob', 'dave', 'kafka-lab-ui']);
    expect(JSON.stringify(host.snapshot())).not.toContain(saltedPassword.toString('base64'));

    const dave = await RawClient.connect(port);
    expect((await scram(dave, 'dave', 'dave-secret'))?.errorCode).toBe(0);
    dave.socket.destroy();
    expect((await call(admin, 51, 0, { deletions: [{ name: 'dave', mechanism: 1 }], upsertions: [] }))?.results).toEqual([{ user: 'dave', errorCode: 0, errorMessage: null }]);
    const gone = await RawClient.connect(port);
    const refused = await scram(gone, 'dave', 'dave-secret');
    expect(refused).toMatchObject({ errorCode: 58, errorMessage: 'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-256' });
    expect(await gone.waitClosed()).toBe(true);
    admin.socket.destroy();
  });

  it('grants connections.max.reauth.ms, accepts re-authentication, and closes an expired session on its next request (KIP-368)', async () => {
    const client = await RawClient.connect(port);
    const final = await scram(client, 'admin', 'admin-secret');
    expect(final).toMatchObject({ errorCode: 0, sessionLifetimeMs: REAUTH_MS });
    // Re-authenticating as the same principal before expiry starts a new session.
    expect((await scram(client, 'admin', 'admin-secret'))?.sessionLifetimeMs).toBe(REAUTH_MS);
    expect((await call(client, 3, 9, METADATA))?.brokers).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, REAUTH_MS + 100));
    client.request(3, 9, ++correlation, METADATA);
    expect(await client.waitClosed()).toBe(true);
    expect(client.frames).toHaveLength(7);
  });

  it('re-authenticates after expiry; refuses another principal or mechanism as Kafka does (SaslServerAuthenticator)', async () => {
    const expired = await RawClient.connect(port);
    expect((await scram(expired, 'admin', 'admin-secret'))?.errorCode).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, REAUTH_MS + 100));
    // SaslHandshake is served on an expired session: re-authentication renews it.
    expect((await scram(expired, 'admin', 'admin-secret'))?.sessionLifetimeMs).toBe(REAUTH_MS);
    expect((await call(expired, 3, 9, METADATA))?.brokers).toHaveLength(1);
    expired.socket.destroy();

    const other = await RawClient.connect(port);
    expect((await scram(other, 'admin', 'admin-secret'))?.errorCode).toBe(0);
    expect(await scram(other, 'bob', 'bob-secret')).toMatchObject({ errorCode: 58, errorMessage: 'Cannot change principals during re-authentication from User.admin: User.bob' });
    expect(await other.waitClosed()).toBe(true);

    const mechanism = await RawClient.connect(port);
    expect((await scram(mechanism, 'admin', 'admin-secret'))?.errorCode).toBe(0);
    // REAUTH_BAD_MECHANISM: the handshake succeeds, the next token closes the connection unanswered.
    expect(await call(mechanism, 17, 1, { mechanism: 'PLAIN' })).toEqual({ errorCode: 0, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
    expect(await call(mechanism, 36, 1, { authBytes: Buffer.from('\u0000admin\u0000admin-secret') })).toBeNull();
    expect(await mechanism.waitClosed()).toBe(true);
  });

  it('charges request_percentage only after authentication: the SASL exchange and ApiVersions before it are exempt', async () => {
    expect(await host.execute({ type: 'set-client-quota', entity: { user: null }, key: 'request_percentage', value: 0.001 })).toMatchObject({ ok: true });
    host.quotaManager!.requestTimeChargeNanos = () => 1e9;
    const client = await RawClient.connect(port);
    try {
      // Before authentication the principal is ANONYMOUS, which the <default> user quota names: still not charged.
      expect(await call(client, 18, 3, { clientSoftwareName: 'test', clientSoftwareVersion: '1' })).toMatchObject({ errorCode: 0, throttleTimeMs: 0 });
      expect((await scram(client, 'admin', 'admin-secret'))?.errorCode).toBe(0);
      const throttle = (await call(client, 3, 9, METADATA))?.throttleTimeMs as number;
      expect(throttle).toBeGreaterThan(0);
      expect(throttle).toBeLessThanOrEqual(1000);
    } finally {
      client.socket.destroy();
      host.quotaManager!.requestTimeChargeNanos = null;
      await host.execute({ type: 'set-client-quota', entity: { user: null }, key: 'request_percentage', value: null });
    }
  });

  it('answers SaslHandshake and SaslAuthenticate on a PLAINTEXT listener with ILLEGAL_SASL_STATE', async () => {
    const client = await RawClient.connect(plain.listenerPorts().get(1)!);
    expect(await call(client, 17, 1, { mechanism: 'PLAIN' })).toEqual({ errorCode: 34, mechanisms: [] });
    expect((await call(client, 36, 2, { authBytes: Buffer.from('\u0000a\u0000b') }))?.errorCode).toBe(34);
    expect((await call(client, 3, 9, METADATA))?.brokers).toHaveLength(1);
    client.socket.destroy();
  });
});
