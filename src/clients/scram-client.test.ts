/**
 * The SCRAM client against RFC 7677's SCRAM-SHA-256 example exchange, against the broker's own
 * ScramServer for SCRAM-SHA-512 (the other side of the wire), and its refusals.
 */
import { describe, expect, it } from 'vitest';
import { ScramServer, newScramCredential } from '../broker/wire/sasl/scram';
import { ScramClient, ScramClientError, escapeSaslName } from './scram-client';

describe('ScramClient', () => {
  it('produces RFC 7677 §3\'s client messages and accepts its server signature', async () => {
    const client = new ScramClient('SCRAM-SHA-256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    expect(client.first().toString()).toBe('n,,n=user,r=rOprNGfwEbeRWgbNEkqO');
    const serverFirst = 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096';
    const final = await client.final(Buffer.from(serverFirst));
    expect(final.toString()).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(() => client.verifyServerFinal(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).not.toThrow();
    expect(() => client.verifyServerFinal(Buffer.from('v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4='))).toThrow(/invalid server signature/);
  });

  it('completes SCRAM-SHA-512 with the broker\'s ScramServer, and a wrong password is refused there', async () => {
    const credential = await newScramCredential('SCRAM-SHA-512', 'alice-secret');
    const server = new ScramServer('SCRAM-SHA-512', (u) => (u === 'al,i=ce' ? credential : null));
    const client = new ScramClient('SCRAM-SHA-512', 'al,i=ce', 'alice-secret');
    expect(client.first().toString()).toContain('n=al=2Ci=3Dce,');
    const serverFirst = server.evaluate(client.first());
    const serverFinal = server.evaluate(await client.final(serverFirst));
    client.verifyServerFinal(serverFinal);
    expect(server.complete).toBe(true);
    expect(server.user).toBe('al,i=ce');

    const again = new ScramServer('SCRAM-SHA-512', () => credential);
    const w2 = new ScramClient('SCRAM-SHA-512', 'alice', 'not-the-password');
    const f2 = again.evaluate(w2.first());
    const proof = await w2.final(f2);
    expect(() => again.evaluate(proof)).toThrow(/./);
  });

  it('refuses a server nonce that does not extend its own, too few iterations, and server errors', async () => {
    const nonce = 'abc';
    const c1 = new ScramClient('SCRAM-SHA-256', 'u', 'p', nonce);
    c1.first();
    await expect(c1.final(Buffer.from('r=xyzdef,s=c2FsdA==,i=4096'))).rejects.toThrow(/does not extend the client nonce/);
    const c2 = new ScramClient('SCRAM-SHA-256', 'u', 'p', nonce);
    c2.first();
    await expect(c2.final(Buffer.from('r=abcdef,s=c2FsdA==,i=1000'))).rejects.toThrow('requested iterations 1000 is less than the minimum 4096 for SCRAM-SHA-256');
    const c3 = new ScramClient('SCRAM-SHA-256', 'u', 'p', nonce);
    c3.first();
    await expect(c3.final(Buffer.from('e=unknown-user'))).rejects.toBeInstanceOf(ScramClientError);
    await expect(new ScramClient('SCRAM-SHA-256', 'u', 'p').final(Buffer.from('garbage'))).rejects.toThrow(/malformed SCRAM/);
    expect(escapeSaslName('a=b,c')).toBe('a=3Db=2Cc');
  });
});
