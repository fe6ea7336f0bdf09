import { describe, expect, it } from 'vitest';
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { credentialFromSaltedPassword, decodeSaslName, passwordMatches, ScramError, ScramServer, saltedPassword } from './scram';

// RFC 7677 §3: the SCRAM-SHA-256 exchange of user "user", password "pencil".
const SALT = Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64');
const CLIENT_FIRST = 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO';
const SERVER_NONCE = '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0';
const CLIENT_FINAL = 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=';
const SERVER_FINAL = 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=';

async function rfcCredential() {
  return credentialFromSaltedPassword('sha256', await saltedPassword('sha256', 'pencil', SALT, 4096), SALT, 4096);
}

describe('ScramServer (RFC 5802/7677)', () => {
  it('answers the RFC 7677 exchange byte for byte', async () => {
    const credential = await rfcCredential();
    const server = new ScramServer('SCRAM-SHA-256', (u) => (u === 'user' ? credential : null), SERVER_NONCE);
    expect(server.evaluate(Buffer.from(CLIENT_FIRST)).toString()).toBe('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096');
    expect(server.evaluate(Buffer.from(CLIENT_FINAL)).toString()).toBe(SERVER_FINAL);
    expect(server.complete).toBe(true);
    expect(server.user).toBe('user');
  });

  it('refuses a wrong proof, an unknown user, a changed nonce and hostile tokens', async () => {
    const credential = await rfcCredential();
    const lookup = (u: string) => (u === 'user' ? credential : null);
    const wrongProof = new ScramServer('SCRAM-SHA-256', lookup, SERVER_NONCE);
    wrongProof.evaluate(Buffer.from(CLIENT_FIRST));
    expect(() => wrongProof.evaluate(Buffer.from(CLIENT_FINAL.replace('p=dHzb', 'p=AAAA')))).toThrow(ScramError);
    expect(() => new ScramServer('SCRAM-SHA-256', lookup).evaluate(Buffer.from('n,,n=mallory,r=abc'))).toThrow(ScramError);
    const nonce = new ScramServer('SCRAM-SHA-256', lookup, SERVER_NONCE);
    nonce.evaluate(Buffer.from(CLIENT_FIRST));
    expect(() => nonce.evaluate(Buffer.from(CLIENT_FINAL.replace('hNlF$k0,p=', 'hNlF$k1,p=')))).toThrow(ScramError);
    for (const hostile of ['', 'n', 'p=tls-unique,,n=user,r=x', 'n,,', 'n,,n=user', 'n,,r=abc', '\u0000\u0000', 'n,,n=us=er,r=abc', 'x'.repeat(100_000)]) {
      expect(() => new ScramServer('SCRAM-SHA-256', lookup).evaluate(Buffer.from(hostile)), hostile.slice(0, 20)).toThrow(ScramError);
    }
    const truncated = new ScramServer('SCRAM-SHA-256', lookup, SERVER_NONCE);
    truncated.evaluate(Buffer.from(CLIENT_FIRST));
    expect(() => truncated.evaluate(Buffer.from(CLIENT_FINAL.slice(0, 30)))).toThrow(ScramError);
  });

  it('decodes RFC 5802 saslnames', () => {
    expect(decodeSaslName('a=2Cb=3Dc')).toBe('a,b=c');
    expect(() => decodeSaslName('a=b')).toThrow(ScramError);
  });

  it('stores StoredKey = H(HMAC(SaltedPassword, "Client Key")) and checks PLAIN passwords against it', async () => {
    const salted = pbkdf2Sync('pencil', SALT, 4096, 64, 'sha512');
    const credential = credentialFromSaltedPassword('sha512', salted, SALT, 4096);
    const clientKey = createHmac('sha512', salted).update('Client Key').digest();
    expect(credential.storedKey).toBe(createHash('sha512').update(clientKey).digest('base64'));
    expect(JSON.stringify(credential)).not.toContain('pencil');
    expect(await passwordMatches('SCRAM-SHA-512', credential, 'pencil')).toBe(true);
    expect(await passwordMatches('SCRAM-SHA-512', credential, 'pencil2')).toBe(false);
  });
});
