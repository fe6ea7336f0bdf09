/**
 * Issue 17: where the host keeps connection profiles.
 *
 * MemoryProfileStore (serve mode): everything in this process's memory; gone when it stops.
 * FileProfileStore (Electron): profiles in a JSON file with the secrets (SASL password, TLS private
 * key) encrypted by a SecretCipher — Electron's safeStorage in the app (./electron-secret-cipher.ts),
 * so the file never holds a secret in clear text. A file that cannot be read or decrypted starts
 * an empty list and is reported, never ends the process.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ConnectionProfile } from '../../shared/connection-profile';
import type { SecretStorage } from '../../shared/remote-contract';

export interface ProfileStore {
  readonly secretStorage: SecretStorage;
  list(): ConnectionProfile[];
  get(id: string): ConnectionProfile | undefined;
  /** Adds (no id) or replaces a profile; returns it with its id. */
  put(profile: Omit<ConnectionProfile, 'id'> & { id?: string }): ConnectionProfile;
  delete(id: string): boolean;
}

/** Encrypts secrets for the profile file (Electron: safeStorage.encryptString / decryptString). */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(encrypted: Buffer): string;
}

export class MemoryProfileStore implements ProfileStore {
  readonly secretStorage: SecretStorage = 'memory';
  protected readonly profiles = new Map<string, ConnectionProfile>();

  list(): ConnectionProfile[] {
    return [...this.profiles.values()].map((p) => structuredClone(p));
  }

  get(id: string): ConnectionProfile | undefined {
    const p = this.profiles.get(id);
    return p && structuredClone(p);
  }

  put(profile: Omit<ConnectionProfile, 'id'> & { id?: string }): ConnectionProfile {
    const saved: ConnectionProfile = structuredClone({ ...profile, id: profile.id ?? randomUUID() });
    this.profiles.set(saved.id, saved);
    this.changed();
    return structuredClone(saved);
  }

  delete(id: string): boolean {
    const had = this.profiles.delete(id);
    if (had) this.changed();
    return had;
  }

  protected changed(): void {}
}

interface StoredProfile extends Omit<ConnectionProfile, 'sasl' | 'tls'> {
  sasl?: { mechanism: NonNullable<ConnectionProfile['sasl']>['mechanism']; username: string; passwordEncrypted: string };
  tls?: Omit<NonNullable<ConnectionProfile['tls']>, 'keyPem'> & { keyPemEncrypted?: string };
}

export class FileProfileStore extends MemoryProfileStore {
  override readonly secretStorage: SecretStorage = 'encrypted';
  /** Why the file could not be read at start, or null. */
  readonly loadError: string | null = null;

  constructor(private readonly path: string, private readonly cipher: SecretCipher) {
    super();
    try {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as { profiles?: StoredProfile[] };
      for (const s of stored.profiles ?? []) this.profiles.set(s.id, this.reveal(s));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.loadError = `connection profiles in ${path} could not be read: ${(e as Error).message}`;
    }
  }

  protected override changed(): void {
    const profiles: StoredProfile[] = [...this.profiles.values()].map((p) => this.conceal(p));
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify({ profiles }, null, 2), { mode: 0o600 });
    renameSync(tmp, this.path);
  }

  private conceal(p: ConnectionProfile): StoredProfile {
    const { sasl, tls, ...rest } = p;
    const out: StoredProfile = { ...rest };
    if (sasl) out.sasl = { mechanism: sasl.mechanism, username: sasl.username, passwordEncrypted: this.cipher.encrypt(sasl.password).toString('base64') };
    if (tls) {
      const { keyPem, ...tlsRest } = tls;
      out.tls = { ...tlsRest, ...(keyPem ? { keyPemEncrypted: this.cipher.encrypt(keyPem).toString('base64') } : {}) };
    }
    return out;
  }

  private reveal(s: StoredProfile): ConnectionProfile {
    const { sasl, tls, ...rest } = s;
    const out: ConnectionProfile = { ...rest };
    if (sasl) out.sasl = { mechanism: sasl.mechanism, username: sasl.username, password: this.cipher.decrypt(Buffer.from(sasl.passwordEncrypted, 'base64')) };
    if (tls) {
      const { keyPemEncrypted, ...tlsRest } = tls;
      out.tls = { ...tlsRest, ...(keyPemEncrypted ? { keyPem: this.cipher.decrypt(Buffer.from(keyPemEncrypted, 'base64')) } : {}) };
    }
    return out;
  }
}
