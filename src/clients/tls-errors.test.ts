/**
 * The TLS step's plain words, against a local TLS server on a real socket: a host name the
 * certificate does not name (and the switch that turns that check off), an expired certificate.
 */
import * as tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import forge from 'node-forge';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTcp, startTls } from './socket-setup';

const servers: tls.Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

/** A self-signed certificate for 127.0.0.1 and `dnsName`, valid from..to. */
function selfSigned(dnsName: string, notBefore: Date, notAfter: Date): { cert: string; key: string } {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = notAfter;
  const subject = [{ name: 'commonName', value: dnsName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true },
    { name: 'subjectAltName', altNames: [{ type: 2, value: dnsName }, { type: 7, ip: '127.0.0.1' }] },
  ]);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: forge.pki.privateKeyToPem(keys.privateKey) };
}

async function serve(pem: { cert: string; key: string }): Promise<number> {
  const server = tls.createServer({ cert: pem.cert, key: pem.key }, (s) => s.on('error', () => {}));
  server.on('tlsClientError', () => {});
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as AddressInfo).port;
}

const DAY = 86_400_000;

describe('the TLS step in plain words', () => {
  it('names a host name mismatch, and passes with host name verification off', async () => {
    const pem = selfSigned('broker.lab.test', new Date(Date.now() - DAY), new Date(Date.now() + 30 * DAY));
    const port = await serve(pem);
    const tcp = await connectTcp({ host: '127.0.0.1', port }, 5_000);
    await expect(startTls(tcp, 'kafka.other.test', { caPem: pem.cert, verifyHostname: true }, 5_000)).rejects.toMatchObject({
      step: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: expect.stringMatching(/^host name mismatch: .*kafka\.other\.test.*turn host name verification off$/),
    });
    const again = await connectTcp({ host: '127.0.0.1', port }, 5_000);
    const secure = await startTls(again, 'kafka.other.test', { caPem: pem.cert, verifyHostname: false }, 5_000);
    expect(secure.authorized).toBe(true);
    secure.destroy();
  }, 30_000);

  it('names an expired certificate', async () => {
    const pem = selfSigned('broker.lab.test', new Date(Date.now() - 60 * DAY), new Date(Date.now() - 30 * DAY));
    const port = await serve(pem);
    const tcp = await connectTcp({ host: '127.0.0.1', port }, 5_000);
    await expect(startTls(tcp, '127.0.0.1', { caPem: pem.cert, verifyHostname: true }, 5_000)).rejects.toMatchObject({
      step: 'tls', code: 'CERT_HAS_EXPIRED', message: expect.stringContaining('has expired'),
    });
  }, 30_000);
});
