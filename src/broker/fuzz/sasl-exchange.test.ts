/**
 * Issue 16: the SASL exchange under hostile input, on a SASL_PLAINTEXT listener over real sockets
 * (seeded: SEED=… reproduces). Requests before authentication, hostile and truncated SCRAM
 * client-first and client-final messages, tokens above sasl.server.max.receive.size, garbage raw
 * tokens after SaslHandshake v0, unknown mechanisms, wrong PLAIN passwords and half-sent frames.
 * Each case must end as Kafka ends it (an error answer and/or the connection closed), and between
 * cases a well-behaved SCRAM-SHA-512 client must still authenticate and get Metadata.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../host/cluster-host';
import { decodeResponse } from '../protocol';
import { Random } from '../sim/random';
import { RawClient } from '../wire/testing/raw-client';

const SEED = Number(process.env.SEED ?? 1616);
const CASES = 240;
const USER = { name: 'alice', password: 'alice-secret' };

function sized(token: Buffer): Buffer {
  const out = Buffer.alloc(4 + token.length);
  out.writeInt32BE(token.length, 0);
  token.copy(out, 4);
  return out;
}

async function answer(client: RawClient, index: number, apiKey: number, version: number): Promise<Record<string, unknown> | null> {
  const frames = await client.waitFrames(index + 1);
  return frames.length > index ? (decodeResponse(apiKey, version, frames[index]!).body as Record<string, unknown>) : null;
}

/** A correct SCRAM-SHA-512 exchange (RFC 5802) then Metadata: the broker still serves good clients. */
async function goodClient(port: number): Promise<void> {
  const client = await RawClient.connect(port);
  try {
    client.request(17, 1, 1, { mechanism: 'SCRAM-SHA-512' });
    expect((await answer(client, 0, 17, 1))?.errorCode).toBe(0);
    const nonce = randomBytes(18).toString('base64');
    const first = `n=${USER.name},r=${nonce}`;
    client.request(36, 2, 2, { authBytes: Buffer.from(`n,,${first}`) });
    const serverFirst = String((await answer(client, 1, 36, 2))?.authBytes);
    const attrs = new Map(serverFirst.split(',').map((a) => [a[0]!, a.slice(2)]));
    const salted = pbkdf2Sync(USER.password, Buffer.from(attrs.get('s')!, 'base64'), Number(attrs.get('i')), 64, 'sha512');
    const clientKey = createHmac('sha512', salted).update('Client Key').digest();
    const withoutProof = `c=biws,r=${attrs.get('r')}`;
    const authMessage = `${first},${serverFirst},${withoutProof}`;
    const signature = createHmac('sha512', createHash('sha512').update(clientKey).digest()).update(authMessage).digest();
    const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!));
    client.request(36, 2, 3, { authBytes: Buffer.from(`${withoutProof},p=${proof.toString('base64')}`) });
    const final = await answer(client, 2, 36, 2);
    expect(final?.errorCode).toBe(0);
    const serverSignature = createHmac('sha512', createHmac('sha512', salted).update('Server Key').digest()).update(authMessage).digest('base64');
    expect(String(final?.authBytes)).toBe(`v=${serverSignature}`);
    client.request(3, 9, 4, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(((await answer(client, 3, 3, 9))?.brokers as unknown[]).length).toBe(1);
  } finally {
    client.socket.destroy();
  }
}

describe(`SASL exchange fuzz (SEED=${SEED})`, () => {
  let host: ClusterHost;
  let port: number;
  const escaped: unknown[] = [];
  const onEscape = (err: unknown): void => void escaped.push(err);
  beforeAll(async () => {
    process.on('uncaughtException', onEscape);
    process.on('unhandledRejection', onEscape);
    host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: SEED, users: [USER], brokerConfig: { listeners: 'SASL_PLAINTEXT://:0' }, log: () => {} });
    port = host.listenerPorts().get(1)!;
  });
  afterAll(async () => {
    process.off('uncaughtException', onEscape);
    process.off('unhandledRejection', onEscape);
    await host?.close();
  });

  it(`${CASES} hostile exchanges end with Kafka's error or a closed connection; good clients still authenticate`, async () => {
    const rng = new Random(SEED);
    const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => rng.int(0, 255)));
    const kinds = ['before-auth', 'hostile-first', 'truncated-final', 'huge-token', 'raw-garbage', 'unknown-mechanism', 'wrong-plain', 'half-frame', 'random-frame'] as const;
    const seen = new Map<string, number>();
    for (let i = 0; i < CASES; i++) {
      const kind = rng.pick(kinds);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      const client = await RawClient.connect(port);
      const where = `case ${i} (${kind}), reproduce with SEED=${SEED}`;
      try {
        switch (kind) {
          case 'before-auth': {
            const apiKey = rng.pick([0, 1, 3, 19, 20, 32, 50, 51, 60]);
            client.request(apiKey, 0, 1, {});
            expect(await client.waitClosed(), where).toBe(true);
            expect(client.frames, where).toHaveLength(0);
            break;
          }
          case 'hostile-first':
          case 'truncated-final':
          case 'huge-token': {
            client.request(17, 1, 1, { mechanism: 'SCRAM-SHA-512' });
            let token: Buffer;
            let index = 1;
            if (kind === 'hostile-first') {
              token = rng.pick([bytes(rng.int(0, 64)), Buffer.from('n,,'), Buffer.from('n,,n=alice'), Buffer.from('n,,r=x'), Buffer.from(`n,,n=al=ice,r=${'x'.repeat(rng.int(0, 4000))}`), Buffer.from('p=tls-server-end-point,,n=alice,r=a'), Buffer.from('n,a=bob,n=alice,r=a')]);
            } else if (kind === 'huge-token') {
              token = Buffer.alloc(rng.int(524_289, 700_000), 0x61);
            } else {
              client.request(36, 1, 2, { authBytes: Buffer.from(`n,,n=alice,r=${randomBytes(12).toString('base64')}`) });
              const serverFirst = String((await answer(client, 1, 36, 1))?.authBytes);
              const valid = `c=biws,r=${serverFirst.split(',')[0]!.slice(2)},p=${randomBytes(64).toString('base64')}`;
              token = rng.pick([Buffer.from(valid.slice(0, rng.int(0, valid.length - 1))), Buffer.from(valid.replace('c=biws', 'c=eSws')), Buffer.from(valid), bytes(rng.int(0, 300))]);
              index = 2;
            }
            client.request(36, 1, 9, { authBytes: token });
            const body = await answer(client, index, 36, 1);
            expect(body?.errorCode, where).toBe(58);
            expect(String(body?.errorMessage), where).toMatch(/Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512/);
            expect(await client.waitClosed(), where).toBe(true);
            break;
          }
          case 'raw-garbage': {
            client.request(17, 0, 1, { mechanism: rng.pick(['SCRAM-SHA-256', 'PLAIN']) });
            await client.waitFrames(1);
            client.send(sized(bytes(rng.int(0, 2000))));
            expect(await client.waitClosed(), where).toBe(true);
            expect(client.frames, where).toHaveLength(1);
            break;
          }
          case 'unknown-mechanism': {
            client.request(17, rng.int(0, 1), 1, { mechanism: rng.pick(['GSSAPI', 'OAUTHBEARER', '', 'scram-sha-512', 'x'.repeat(rng.int(1, 500))]) });
            const body = decodeResponse(17, 0, (await client.waitFrames(1))[0]!).body as { errorCode: number; mechanisms: string[] };
            expect(body, where).toEqual({ errorCode: 33, mechanisms: ['PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512'] });
            expect(await client.waitClosed(), where).toBe(true);
            break;
          }
          case 'wrong-plain': {
            client.request(17, 1, 1, { mechanism: 'PLAIN' });
            const token = rng.pick([Buffer.from('\u0000alice\u0000wrong'), Buffer.from('\u0000nobody\u0000x'), Buffer.from('alice'), Buffer.from('\u0000\u0000'), Buffer.from('bob\u0000alice\u0000alice-secret'), bytes(rng.int(0, 100))]);
            client.request(36, 0, 2, { authBytes: token });
            const body = await answer(client, 1, 36, 0);
            expect(body?.errorCode, where).toBe(58);
            expect(await client.waitClosed(), where).toBe(true);
            break;
          }
          case 'half-frame': {
            const frame = sized(bytes(rng.int(8, 200)));
            client.send(frame.subarray(0, rng.int(1, frame.length - 1)));
            client.socket.destroy();
            break;
          }
          case 'random-frame': {
            client.send(sized(bytes(rng.int(0, 64))));
            // An ApiVersions-shaped frame is answered; anything else closes. Either way nothing escapes.
            await client.waitFrames(1, 300);
            break;
          }
        }
      } finally {
        client.socket.destroy();
      }
      if (i % 40 === 39) await goodClient(port);
    }
    await goodClient(port);
    expect(escaped).toEqual([]);
    expect(host.snapshot().brokers.every((b) => b.state === 'running')).toBe(true);
    expect(seen.size).toBe(kinds.length);
  }, 60_000);
});
