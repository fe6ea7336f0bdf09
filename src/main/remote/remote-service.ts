/**
 * Issue 17: the host's side of remote clusters — the profile list (secrets never leave the host),
 * "Test connection", and each profile's cluster view, read by one RemoteKafkaClient per profile
 * and cached for its poll interval so several viewers cost the cluster one poll.
 * Never throws to the caller: bad input and cluster failures are results.
 */
import { RemoteKafkaClient } from '../../clients/kafka-client';
import { parseBootstrapServers } from '../../clients/socket-setup';
import { testConnection } from '../../clients/test-connection';
import { saslMechanisms, securityProtocols, type ConnectionProfile, type ConnectionSettings, type ConnectionTestReport } from '../../shared/connection-profile';
import { DEFAULT_REMOTE_POLL_INTERVAL_MS, type ConnectionProfileInput, type ConnectionProfileList, type ConnectionProfileSummary, type RemoteCommands, type RemoteResult, type RemoteViewResult } from '../../shared/remote-contract';
import type { ProfileStore } from './profile-store';
import { readRemoteCluster } from './remote-cluster-reader';

/** Poll intervals accepted, ms. */
const MIN_POLL_MS = 1_000;
const MAX_POLL_MS = 600_000;

export function summarise(p: ConnectionProfile): ConnectionProfileSummary {
  const { sasl, tls, ...rest } = p;
  return {
    ...rest,
    ...(sasl ? { sasl: { mechanism: sasl.mechanism, username: sasl.username, hasPassword: sasl.password !== '' } } : {}),
    ...(tls ? { tls: { ...(tls.caPem ? { caPem: tls.caPem } : {}), ...(tls.certPem ? { certPem: tls.certPem } : {}), hasKey: !!tls.keyPem, verifyHostname: tls.verifyHostname } } : {}),
  };
}

/** The problem with a profile's settings, in words for the form, or null. */
export function settingsError(s: ConnectionSettings): string | null {
  if (!securityProtocols.includes(s.securityProtocol)) return `security protocol must be one of ${securityProtocols.join(', ')}`;
  try {
    parseBootstrapServers(s.bootstrapServers ?? '');
  } catch (e) {
    return (e as Error).message;
  }
  if (s.securityProtocol.startsWith('SASL_')) {
    if (!s.sasl || !saslMechanisms.includes(s.sasl.mechanism)) return `${s.securityProtocol} needs a SASL mechanism: ${saslMechanisms.join(', ')}`;
    if (!s.sasl.username) return `${s.securityProtocol} needs a user name`;
  }
  if (s.tls !== undefined) {
    if (typeof s.tls !== 'object' || s.tls === null || typeof s.tls.verifyHostname !== 'boolean') return 'TLS settings need verifyHostname (true or false)';
    for (const key of ['caPem', 'certPem', 'keyPem'] as const) if (s.tls[key] !== undefined && typeof s.tls[key] !== 'string') return `${key} must be PEM text`;
  }
  if (s.sasl !== undefined && (typeof s.sasl.username !== 'string' || typeof s.sasl.password !== 'string')) return 'SASL user name and password must be text';
  for (const [key, max] of [['connectTimeoutMs', 600_000], ['requestTimeoutMs', 600_000]] as const) {
    const v = s[key];
    if (v !== undefined && !(Number.isInteger(v) && v >= 100 && v <= max)) return `${key} must be a whole number of ms from 100 to ${max}`;
  }
  return null;
}

export class RemoteService implements RemoteCommands {
  private readonly clients = new Map<string, RemoteKafkaClient>();
  private readonly views = new Map<string, { result: RemoteViewResult }>();
  private readonly inFlight = new Map<string, Promise<RemoteResult<{ result: RemoteViewResult }>>>();

  constructor(private readonly store: ProfileStore, private readonly now: () => number = () => Date.now()) {}

  async listConnectionProfiles(): Promise<ConnectionProfileList> {
    return { profiles: this.store.list().map(summarise), secretStorage: this.store.secretStorage };
  }

  async saveConnectionProfile(input: ConnectionProfileInput): Promise<RemoteResult<{ profile: ConnectionProfileSummary }>> {
    if (!input || typeof input !== 'object') return invalid('a profile is an object');
    const name = String(input.name ?? '').trim();
    if (!name) return invalid('a profile needs a name');
    const previous = input.id ? this.store.get(input.id) : undefined;
    if (input.id && !previous) return { ok: false, errorName: 'RESOURCE_NOT_FOUND', message: `no profile ${input.id}` };
    const merged = mergeSecrets(input, previous);
    const problem = settingsError(merged);
    if (problem) return invalid(problem);
    const pollIntervalMs = input.pollIntervalMs ?? DEFAULT_REMOTE_POLL_INTERVAL_MS;
    if (!(Number.isInteger(pollIntervalMs) && pollIntervalMs >= MIN_POLL_MS && pollIntervalMs <= MAX_POLL_MS)) return invalid(`poll interval must be ${MIN_POLL_MS} to ${MAX_POLL_MS} ms`);
    try {
      const saved = this.store.put({ ...merged, name, colour: String(input.colour ?? '#64748b'), readOnly: input.readOnly !== false, pollIntervalMs });
      this.forget(saved.id);
      return { ok: true, profile: summarise(saved) };
    } catch (e) {
      return { ok: false, errorName: 'KAFKA_STORAGE_ERROR', message: `the profile could not be saved: ${(e as Error).message}` };
    }
  }

  async deleteConnectionProfile(id: string): Promise<RemoteResult> {
    this.forget(id);
    return this.store.delete(id) ? { ok: true } : { ok: false, errorName: 'RESOURCE_NOT_FOUND', message: `no profile ${id}` };
  }

  async testConnection(request: { profileId?: string; settings?: ConnectionSettings }): Promise<ConnectionTestReport> {
    const stored = request?.profileId ? this.store.get(request.profileId) : undefined;
    const settings = request?.settings ? mergeSecrets(request.settings, stored) : stored;
    const problem = settings ? settingsError(settings) : 'no such profile, and no settings to test';
    if (problem || !settings) {
      return { ok: false, failedStep: 'resolve', steps: [{ step: 'resolve', status: 'failed', detail: problem ?? '', elapsedMs: 0 }] };
    }
    return testConnection(settings);
  }

  async getRemoteView(profileId: string): Promise<RemoteResult<{ result: RemoteViewResult }>> {
    const profile = this.store.get(profileId);
    if (!profile) return { ok: false, errorName: 'RESOURCE_NOT_FOUND', message: `no profile ${profileId}` };
    const cached = this.views.get(profileId);
    if (cached && this.now() - cached.result.fetchedAtMs < (profile.pollIntervalMs ?? DEFAULT_REMOTE_POLL_INTERVAL_MS)) return { ok: true, result: cached.result };
    const running = this.inFlight.get(profileId);
    if (running) return running;
    const read = this.read(profile).finally(() => this.inFlight.delete(profileId));
    this.inFlight.set(profileId, read);
    return read;
  }

  close(): void {
    for (const id of [...this.clients.keys()]) this.forget(id);
  }

  private async read(profile: ConnectionProfile): Promise<RemoteResult<{ result: RemoteViewResult }>> {
    let client = this.clients.get(profile.id);
    if (!client) {
      client = new RemoteKafkaClient(profile, { clientId: 'kafka-lab-remote-view' });
      this.clients.set(profile.id, client);
    }
    try {
      const { view, panels } = await readRemoteCluster(client, this.now());
      const result: RemoteViewResult = { profileId: profile.id, fetchedAtMs: this.now(), view, panels };
      this.views.set(profile.id, { result });
      return { ok: true, result };
    } catch (e) {
      return { ok: false, errorName: (e as { code?: string }).code ?? 'NETWORK_EXCEPTION', message: (e as Error).message };
    }
  }

  private forget(id: string): void {
    this.clients.get(id)?.close();
    this.clients.delete(id);
    this.views.delete(id);
  }
}

function invalid(message: string): RemoteResult<never> {
  return { ok: false, errorName: 'INVALID_REQUEST', message };
}

/** Settings with an empty password / absent key taken from the stored profile (the UI never has them). */
function mergeSecrets<T extends ConnectionSettings>(input: T, stored: ConnectionProfile | undefined): T {
  const out: T = structuredClone(input);
  if (out.sasl && out.sasl.password === '' && stored?.sasl && stored.sasl.username === out.sasl.username) out.sasl.password = stored.sasl.password;
  if (out.tls && !out.tls.keyPem && stored?.tls?.keyPem) out.tls.keyPem = stored.tls.keyPem;
  return out;
}
