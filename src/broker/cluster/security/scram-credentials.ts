/**
 * SCRAM credentials of the cluster's users, as Kafka keeps them in its metadata log
 * (UserScramCredentialRecord, KIP-554): per user and mechanism the salt, the iteration count,
 * StoredKey and ServerKey (RFC 5802 §3), never the password. Pure and deterministic: the wire
 * layer computes salts and keys (node:crypto) and hands the results in as an input of the
 * cluster's input log (`cluster.extensionInput`), so a recorded session replays its users.
 */
import type { KafkaCluster } from '../api';
import type { ScramUserView } from '../../../shared/listener-view';

export type ScramMechanismName = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/** Kafka's ScramMechanism type codes in AlterUserScramCredentials/DescribeUserScramCredentials. */
export const SCRAM_MECHANISM_CODES: ReadonlyMap<number, ScramMechanismName> = new Map([[1, 'SCRAM-SHA-256'], [2, 'SCRAM-SHA-512']]);
export const SCRAM_MECHANISM_CODE: Readonly<Record<ScramMechanismName, number>> = { 'SCRAM-SHA-256': 1, 'SCRAM-SHA-512': 2 };

/** Kafka's bounds (ScramMechanism.minIterations 4096, AlterUserScramCredentials' max 16384). */
export const SCRAM_MIN_ITERATIONS = 4096;
export const SCRAM_MAX_ITERATIONS = 16384;

/** One stored credential; byte fields as base64 so the input log stays plain JSON. */
export interface ScramCredential {
  readonly salt: string;
  readonly iterations: number;
  readonly storedKey: string;
  readonly serverKey: string;
}

/** What the extension logs: an upsert of computed keys, or a deletion. */
export type ScramCredentialInput =
  | { op: 'upsert'; user: string; mechanism: ScramMechanismName; credential: ScramCredential }
  | { op: 'delete'; user: string; mechanism: ScramMechanismName };

export const SCRAM_CREDENTIALS_EXTENSION = 'scram-credentials';

export class ScramCredentialStore {
  private readonly users = new Map<string, Map<ScramMechanismName, ScramCredential>>();

  get(user: string, mechanism: ScramMechanismName): ScramCredential | null {
    return this.users.get(user)?.get(mechanism) ?? null;
  }

  /** Any credential of the user (PLAIN checks a password against it), SHA-512 first. */
  any(user: string): { mechanism: ScramMechanismName; credential: ScramCredential } | null {
    const byMechanism = this.users.get(user);
    if (!byMechanism) return null;
    for (const mechanism of ['SCRAM-SHA-512', 'SCRAM-SHA-256'] as const) {
      const credential = byMechanism.get(mechanism);
      if (credential) return { mechanism, credential };
    }
    return null;
  }

  has(user: string, mechanism: ScramMechanismName): boolean {
    return this.users.get(user)?.has(mechanism) ?? false;
  }

  apply(input: ScramCredentialInput): void {
    if (input.op === 'upsert') {
      let byMechanism = this.users.get(input.user);
      if (!byMechanism) this.users.set(input.user, (byMechanism = new Map()));
      byMechanism.set(input.mechanism, { ...input.credential });
      return;
    }
    const byMechanism = this.users.get(input.user);
    byMechanism?.delete(input.mechanism);
    if (byMechanism?.size === 0) this.users.delete(input.user);
  }

  /** Every credential (salted: salt, iterations, StoredKey, ServerKey), by user then mechanism, for the lab's metadata on disk. */
  entries(): { user: string; mechanism: ScramMechanismName; credential: ScramCredential }[] {
    return [...this.users.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flatMap(([user, byMechanism]) => [...byMechanism.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([mechanism, credential]) => ({ user, mechanism, credential: { ...credential } })));
  }

  /** Users sorted by name, mechanisms and iterations only. */
  view(): ScramUserView[] {
    return [...this.users.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, byMechanism]) => ({
        name,
        credentials: [...byMechanism.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([mechanism, c]) => ({ mechanism, iterations: c.iterations })),
      }));
  }
}

/**
 * The store attached to a cluster as an extension, so credential changes are inputs of its log
 * and a replayed trace rebuilds them. Returns the store and `apply`, which logs and applies.
 */
export function attachScramCredentials(cluster: KafkaCluster): { store: ScramCredentialStore; apply: (input: ScramCredentialInput) => void } {
  // Once per cluster: a replay attaches it before the logged inputs run, the host then finds it.
  const existing = attached.get(cluster);
  if (existing) return existing;
  const store = new ScramCredentialStore();
  cluster.registerExtension({
    name: SCRAM_CREDENTIALS_EXTENSION,
    replayInput: (input) => store.apply(input as ScramCredentialInput),
  });
  const service = { store, apply: (input: ScramCredentialInput) => cluster.extensionInput(SCRAM_CREDENTIALS_EXTENSION, input, () => store.apply(input)) };
  attached.set(cluster, service);
  return service;
}

const attached = new WeakMap<KafkaCluster, { store: ScramCredentialStore; apply: (input: ScramCredentialInput) => void }>();
