/**
 * Issue 17: the profile file keeps secrets only encrypted (a stand-in cipher here; Electron's
 * safeStorage in the app), reads them back, and an unreadable file starts empty with the reason.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileProfileStore, type SecretCipher } from './profile-store';
import { safeStorageCipher } from './electron-secret-cipher';

/** Reversible, and leaves no clear text: XOR with 0x5a then base64 inside the buffer. */
const cipher: SecretCipher = {
  encrypt: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
  decrypt: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
};

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('FileProfileStore', () => {
  it('writes secrets encrypted and reads them back in a new store', () => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-lab-profiles-'));
    const path = join(dir, 'connections.json');
    const store = new FileProfileStore(path, cipher);
    const saved = store.put({ name: 'prod', colour: '#ef4444', readOnly: true, bootstrapServers: 'kafka-1:9093', securityProtocol: 'SASL_SSL', sasl: { mechanism: 'SCRAM-SHA-512', username: 'ops', password: 'pa55-word' }, tls: { caPem: 'CA', keyPem: 'PRIVATE-KEY-TEXT', certPem: 'CERT', verifyHostname: true } });
    const text = readFileSync(path, 'utf8');
    expect(text).not.toContain('pa55-word');
    expect(text).not.toContain('PRIVATE-KEY-TEXT');
    expect(text).toContain('"username": "ops"');
    const again = new FileProfileStore(path, cipher);
    expect(again.secretStorage).toBe('encrypted');
    expect(again.get(saved.id)).toEqual(saved);
    expect(again.delete(saved.id)).toBe(true);
    expect(new FileProfileStore(path, cipher).list()).toEqual([]);
  });

  it('starts empty and says why when the file is not JSON; no keychain means no cipher', () => {
    dir = mkdtempSync(join(tmpdir(), 'kafka-lab-profiles-'));
    const path = join(dir, 'connections.json');
    writeFileSync(path, '{not json');
    const store = new FileProfileStore(path, cipher);
    expect(store.list()).toEqual([]);
    expect(store.loadError).toMatch(/could not be read/);
    expect(safeStorageCipher({ isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' })).toBeNull();
  });
});
