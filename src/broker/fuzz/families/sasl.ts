/**
 * The `sasl-exchange` family (issue 16): hostile SASL exchanges against a single-broker
 * SASL_PLAINTEXT host of its own (the fuzzed 3-broker host is PLAINTEXT), started on the first case
 * and closed with the run. Each case is one connection and must end as Kafka's
 * SaslServerAuthenticator ends it, else it is an `outcome` failure:
 * - requests before authentication: closed unanswered;
 * - hostile or truncated SCRAM client-first / client-final messages (unknown extensions are not
 *   hostile: Kafka's ScramSaslServer ignores them), tokens above
 *   sasl.server.max.receive.size: SASL_AUTHENTICATION_FAILED with Kafka's message, then closed;
 * - garbage raw tokens after SaslHandshake v0: closed; unknown mechanisms: UNSUPPORTED_SASL_MECHANISM;
 * - re-authentication abuse (KIP-368): as another principal (SASL_AUTHENTICATION_FAILED), with
 *   another mechanism (the next token closes), with SaslHandshake v0 and a bad token, SaslAuthenticate
 *   out of turn (ILLEGAL_SASL_STATE), requests after the session expired (closed), re-authentication
 *   after expiry (served);
 * - half-sent and random frames: anything but an escaped exception.
 * After every case a good SCRAM client must still authenticate and get Metadata.
 */
import { ClusterHost } from '../../host/cluster-host';
import { decodeResponse } from '../../protocol';
import { RawClient } from '../../wire/testing/raw-client';
import { callRaw, scramAuthenticate, type ScramMechanism } from '../../wire/testing/scram-client';
import type { Hostile } from '../hostile';
import { CaseViolation, type Family } from './family';

const USERS = [{ name: 'alice', password: 'alice-secret' }, { name: 'bob', password: 'bob-secret' }];
/** connections.max.reauth.ms of the family's host: short, so that expiry cases wait little. */
const REAUTH_MS = 250;
const METADATA = { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false };
const FAILED = (mechanism: string, during = 'authentication'): string => `Authentication failed during ${during} due to invalid credentials with SASL mechanism ${mechanism}`;

export const SASL_CASE_KINDS = [
  'before-auth', 'hostile-first', 'truncated-final', 'huge-token', 'raw-garbage', 'unknown-mechanism', 'wrong-plain',
  'half-frame', 'random-frame', 'reauth-other-principal', 'reauth-other-mechanism', 'reauth-v0', 'authenticate-out-of-turn', 'expired-session',
] as const;

function check(ok: boolean, what: string): void {
  if (!ok) throw new CaseViolation(what);
}

function sized(token: Buffer): Buffer {
  const out = Buffer.alloc(4 + token.length);
  out.writeInt32BE(token.length, 0);
  token.copy(out, 4);
  return out;
}

export function saslExchange(): Family & { close(): Promise<void> } {
  let started: Promise<{ host: ClusterHost; port: number }> | null = null;
  const warnings: string[] = [];
  const host = (): Promise<{ host: ClusterHost; port: number }> => {
    started ??= ClusterHost.start({
      brokers: 1, basePort: 0, seed: 16, users: USERS,
      brokerConfig: { listeners: 'SASL_PLAINTEXT://:0', 'connections.max.reauth.ms': String(REAUTH_MS) },
      log: (level, message) => {
        if (level === 'warn' && / failed: /.test(message)) warnings.push(message);
      },
    }).then((h) => ({ host: h, port: h.listenerPorts().get(1)! }));
    return started;
  };
  return {
    name: 'sasl-exchange',
    weight: 1,
    apiKeys: [17, 36, 3, 18],
    async run(io, caseIndex) {
      const { host: saslHost, port } = await host();
      const kind = io.h.pick(SASL_CASE_KINDS);
      const client = await RawClient.connect(port);
      try {
        await runCase(kind, client, io.h);
      } catch (e) {
        if (e instanceof CaseViolation) throw new CaseViolation(`case ${caseIndex} (${kind}): ${e.message}`);
        throw e;
      } finally {
        client.close();
      }
      const good = await RawClient.connect(port);
      try {
        const mechanism = io.h.pick<ScramMechanism>(['SCRAM-SHA-256', 'SCRAM-SHA-512']);
        check((await scramAuthenticate(good, 'alice', 'alice-secret', mechanism))?.errorCode === 0, `after case ${caseIndex} (${kind}) a good ${mechanism} client could not authenticate`);
        check(((await callRaw(good, 3, 9, METADATA))?.brokers as unknown[] | undefined)?.length === 1, `after case ${caseIndex} (${kind}) a good client got no Metadata`);
      } finally {
        good.close();
      }
      if (warnings.length > 0) throw new CaseViolation(`case ${caseIndex} (${kind}): a handler failed: ${warnings.splice(0).join('\n')}`);
      if (!saslHost.snapshot().brokers.every((b) => b.state === 'running')) throw new CaseViolation(`case ${caseIndex} (${kind}): the SASL broker stopped`);
    },
    async close() {
      const s = started;
      started = null;
      if (s) await (await s).host.close();
    },
  };
}

/** Expects a SaslAuthenticate answer SASL_AUTHENTICATION_FAILED with `message`, then the connection closed. */
async function expectFailed(client: RawClient, body: Record<string, unknown> | null, message: string): Promise<void> {
  check(body?.errorCode === 58, `expected SASL_AUTHENTICATION_FAILED, got ${JSON.stringify(body?.errorCode ?? 'no answer')}`);
  check(body?.errorMessage === message, `expected "${message}", got "${String(body?.errorMessage)}"`);
  check(await client.waitClosed(), 'the connection stayed open after a failed authentication');
}

async function expectClosedUnanswered(client: RawClient, framesBefore: number): Promise<void> {
  check(await client.waitClosed(), 'the connection stayed open');
  check(client.frames.length === framesBefore, `expected no answer, got ${client.frames.length - framesBefore}`);
}

async function runCase(kind: (typeof SASL_CASE_KINDS)[number], client: RawClient, h: Hostile): Promise<void> {
  const mechanism = h.pick<ScramMechanism>(['SCRAM-SHA-256', 'SCRAM-SHA-512']);
  switch (kind) {
    case 'before-auth': {
      client.request(h.pick([0, 1, 3, 8, 19, 20, 32, 50, 51, 60]), 0, 1, {});
      return expectClosedUnanswered(client, 0);
    }
    case 'hostile-first':
    case 'huge-token': {
      check((await callRaw(client, 17, 1, { mechanism }))?.errorCode === 0, 'SaslHandshake refused');
      const token = kind === 'huge-token'
        ? Buffer.alloc(h.int(524_289, 700_000), 0x61)
        : h.pick([h.bytes(64), Buffer.from('n,,'), Buffer.from('n,,n=alice'), Buffer.from('n,,r=x'), Buffer.from(`n,,n=al=ice,r=${'x'.repeat(h.int(0, 4000))}`), Buffer.from('p=tls-server-end-point,,n=alice,r=a'), Buffer.from('n,a=bob,n=alice,r=a'), Buffer.from(h.string())]);
      return expectFailed(client, await callRaw(client, 36, h.int(0, 2), { authBytes: token }), FAILED(mechanism));
    }
    case 'truncated-final': {
      check((await callRaw(client, 17, 1, { mechanism }))?.errorCode === 0, 'SaslHandshake refused');
      const serverFirst = String((await callRaw(client, 36, 1, { authBytes: Buffer.from(`n,,n=alice,r=${h.bytes(12).toString('base64')}x`) }))?.authBytes);
      const valid = `c=biws,r=${serverFirst.split(',')[0]!.slice(2)},p=${h.bytes(64).toString('base64')}`;
      const token = h.pick([Buffer.from(valid.slice(0, h.int(0, valid.length - 1))), Buffer.from(valid.replace('c=biws', 'c=eSws')), Buffer.from(valid), Buffer.from(valid.replace(/r=[^,]*/, 'r=other')), h.bytes(300)]);
      return expectFailed(client, await callRaw(client, 36, 1, { authBytes: token }), FAILED(mechanism));
    }
    case 'raw-garbage': {
      check((await callRaw(client, 17, 0, { mechanism: h.pick(['SCRAM-SHA-256', 'PLAIN']) }))?.errorCode === 0, 'SaslHandshake v0 refused');
      client.send(sized(h.bytes(2000)));
      return expectClosedUnanswered(client, 1);
    }
    case 'unknown-mechanism': {
      const version = h.int(0, 1);
      client.request(17, version, 1, { mechanism: h.pick(['GSSAPI', 'OAUTHBEARER', '', 'scram-sha-512', 'x'.repeat(h.int(1, 500)), h.string()]) });
      const frames = await client.waitFrames(1);
      const body = frames[0] ? (decodeResponse(17, version, frames[0]).body as { errorCode: number }) : null;
      check(body?.errorCode === 33, `expected UNSUPPORTED_SASL_MECHANISM, got ${JSON.stringify(body)}`);
      check(await client.waitClosed(), 'the connection stayed open after UNSUPPORTED_SASL_MECHANISM');
      return;
    }
    case 'wrong-plain': {
      check((await callRaw(client, 17, 1, { mechanism: 'PLAIN' }))?.errorCode === 0, 'SaslHandshake refused');
      const token = h.pick([Buffer.from('\u0000alice\u0000wrong'), Buffer.from('\u0000nobody\u0000x'), Buffer.from('alice'), Buffer.from('\u0000\u0000'), Buffer.from('bob\u0000alice\u0000alice-secret'), h.bytes(100)]);
      const body = await callRaw(client, 36, 0, { authBytes: token });
      check(body?.errorCode === 58, `expected SASL_AUTHENTICATION_FAILED, got ${JSON.stringify(body?.errorCode ?? 'no answer')}`);
      check(await client.waitClosed(), 'the connection stayed open after a failed authentication');
      return;
    }
    case 'half-frame': {
      const frame = sized(h.bytes(200));
      client.send(frame.subarray(0, h.int(1, Math.max(1, frame.length - 1))));
      return;
    }
    case 'random-frame': {
      client.send(sized(h.bytes(64)));
      await client.waitFrames(1, 300);
      return;
    }
    case 'reauth-other-principal': {
      check((await scramAuthenticate(client, 'alice', 'alice-secret', mechanism))?.errorCode === 0, 'alice could not authenticate');
      return expectFailed(client, await scramAuthenticate(client, 'bob', 'bob-secret', mechanism), 'Cannot change principals during re-authentication from User.alice: User.bob');
    }
    case 'reauth-other-mechanism': {
      check((await scramAuthenticate(client, 'alice', 'alice-secret', mechanism))?.errorCode === 0, 'alice could not authenticate');
      const other = h.pick(['PLAIN', mechanism === 'SCRAM-SHA-256' ? 'SCRAM-SHA-512' : 'SCRAM-SHA-256']);
      check((await callRaw(client, 17, 1, { mechanism: other }))?.errorCode === 0, 'the re-authentication SaslHandshake was refused');
      const before = client.frames.length;
      client.request(36, 1, 99, { authBytes: Buffer.from('\u0000alice\u0000alice-secret') });
      return expectClosedUnanswered(client, before);
    }
    case 'reauth-v0': {
      check((await scramAuthenticate(client, 'alice', 'alice-secret', mechanism))?.errorCode === 0, 'alice could not authenticate');
      // Re-authenticating keeps SaslAuthenticate headers even after a SaslHandshake v0; a bad token then fails it.
      check((await callRaw(client, 17, 0, { mechanism }))?.errorCode === 0, 'the re-authentication SaslHandshake v0 was refused');
      return expectFailed(client, await callRaw(client, 36, 1, { authBytes: h.bytes(100) }), FAILED(mechanism, 're-authentication'));
    }
    case 'authenticate-out-of-turn': {
      check((await scramAuthenticate(client, 'alice', 'alice-secret', mechanism))?.errorCode === 0, 'alice could not authenticate');
      // After authentication SaslAuthenticate reaches KafkaApis: ILLEGAL_SASL_STATE, the connection stays.
      check((await callRaw(client, 36, h.int(0, 2), { authBytes: h.bytes(50) }))?.errorCode === 34, 'expected ILLEGAL_SASL_STATE');
      check(((await callRaw(client, 3, 9, METADATA))?.brokers as unknown[] | undefined)?.length === 1, 'no Metadata after ILLEGAL_SASL_STATE');
      return;
    }
    case 'expired-session': {
      const final = await scramAuthenticate(client, 'alice', 'alice-secret', mechanism);
      check(final?.errorCode === 0 && final.sessionLifetimeMs === REAUTH_MS, `expected a session of ${REAUTH_MS} ms, got ${JSON.stringify(final?.sessionLifetimeMs)}`);
      await new Promise((resolve) => setTimeout(resolve, REAUTH_MS + 50));
      if (h.chance(0.5)) {
        // Re-authentication is served on an expired session and renews it.
        check((await scramAuthenticate(client, 'alice', 'alice-secret', mechanism))?.errorCode === 0, 'no re-authentication after expiry');
        check(((await callRaw(client, 3, 9, METADATA))?.brokers as unknown[] | undefined)?.length === 1, 'no Metadata after re-authentication');
        return;
      }
      const before = client.frames.length;
      client.request(h.pick([3, 18, 0, 1]), 0, 99, {});
      return expectClosedUnanswered(client, before);
    }
  }
}
