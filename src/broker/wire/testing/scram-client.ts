/**
 * A SCRAM client (RFC 5802 / 7677, as Kafka's ScramSaslClient) over a RawClient for wire tests and
 * the fuzz runner: SaslHandshake v1 then SaslAuthenticate v2 exchanges. Returns the final
 * SaslAuthenticate body (errorCode, errorMessage, sessionLifetimeMs), or null when the connection
 * closed first.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { decodeResponse } from '../../protocol';
import type { RawClient } from './raw-client';

export type ScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

let correlation = 1000;

/** Sends one request on `client` and decodes its response (null when none arrives). */
export async function callRaw(client: RawClient, apiKey: number, version: number, body: object, clientId: string | null = 'raw-client', timeoutMs = 10_000): Promise<Record<string, unknown> | null> {
  const index = client.frames.length;
  client.request(apiKey, version, ++correlation, body, clientId);
  const frames = await client.waitFrames(index + 1, timeoutMs);
  return frames.length > index ? (decodeResponse(apiKey, version, frames[index]!).body as Record<string, unknown>) : null;
}

export async function scramAuthenticate(client: RawClient, user: string, password: string, mechanism: ScramMechanism = 'SCRAM-SHA-256'): Promise<Record<string, unknown> | null> {
  const hash = mechanism === 'SCRAM-SHA-256' ? 'sha256' : 'sha512';
  const handshake = await callRaw(client, 17, 1, { mechanism });
  if (handshake?.errorCode !== 0) return handshake;
  const first = `n=${user},r=${randomBytes(12).toString('base64')}`;
  const serverFirstBody = await callRaw(client, 36, 2, { authBytes: Buffer.from(`n,,${first}`) });
  if (serverFirstBody?.errorCode !== 0) return serverFirstBody;
  const serverFirst = String(serverFirstBody.authBytes);
  const attrs = new Map(serverFirst.split(',').map((a) => [a[0]!, a.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(attrs.get('s') ?? '', 'base64'), Number(attrs.get('i')), hash === 'sha256' ? 32 : 64, hash);
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const withoutProof = `c=biws,r=${attrs.get('r')}`;
  const signature = createHmac(hash, createHash(hash).update(clientKey).digest()).update(`${first},${serverFirst},${withoutProof}`).digest();
  const proof = Buffer.from(clientKey.map((b, i) => b ^ signature[i]!)).toString('base64');
  return callRaw(client, 36, 2, { authBytes: Buffer.from(`${withoutProof},p=${proof}`) });
}
