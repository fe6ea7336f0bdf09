/**
 * Issue 17: the remote-cluster contract — connection profiles kept by the host, "Test connection",
 * and the remote cluster's view. Merged into the app's contract like the workbench's
 * (`interface ClusterApi extends RemoteCommands`, `remoteMethods` in clusterApiMethods). Every
 * method is refused for read-only viewers: profiles hold credentials.
 */
import type { ClusterView } from './cluster-view';
import type { ConnectionProfile, ConnectionSettings, ConnectionTestReport } from './connection-profile';

/** Where the host keeps profile secrets (SASL password, TLS private key). */
export type SecretStorage =
  /** Serve mode: no keychain; profiles and secrets live in this process's memory and are gone when it stops. */
  | 'memory'
  /** Electron: encrypted with the OS keychain (safeStorage) in the settings folder. */
  | 'encrypted';

/** A profile as the UI sees it: secrets are never sent back, only whether one is set. */
export interface ConnectionProfileSummary extends Omit<ConnectionProfile, 'sasl' | 'tls'> {
  sasl?: { mechanism: NonNullable<ConnectionProfile['sasl']>['mechanism']; username: string; hasPassword: boolean };
  tls?: { caPem?: string; certPem?: string; hasKey: boolean; verifyHostname: boolean };
}

export interface ConnectionProfileList {
  profiles: ConnectionProfileSummary[];
  secretStorage: SecretStorage;
}

/**
 * A profile to save. `id` absent: a new profile. An empty `sasl.password` or absent `tls.keyPem`
 * on an existing profile keeps the stored secret.
 */
export type ConnectionProfileInput = Omit<ConnectionProfile, 'id'> & { id?: string };

export type RemoteResult<T = object> = ({ ok: true } & T) | { ok: false; errorName: string; message: string };

/** One panel of the remote view and whether the cluster answered it (DescribeConfigs refused → reason). */
export interface RemotePanelStatus {
  /** The Kafka API behind it: 'Metadata', 'DescribeCluster', 'DescribeConfigs', 'ListOffsets', 'ListGroups', 'DescribeGroups', 'OffsetFetch'. */
  api: string;
  ok: boolean;
  /** Kafka's error name and message, or the client's (UNSUPPORTED_VERSION, REQUEST_TIMED_OUT). */
  reason?: string;
}

/** What the host read from a remote cluster: a ClusterView (remote fields absent), when, and what failed. */
export interface RemoteViewResult {
  profileId: string;
  /** Wall-clock ms of the poll that made `view`. */
  fetchedAtMs: number;
  view: ClusterView;
  panels: RemotePanelStatus[];
}

export interface RemoteCommands {
  listConnectionProfiles(): Promise<ConnectionProfileList>;
  saveConnectionProfile(profile: ConnectionProfileInput): Promise<RemoteResult<{ profile: ConnectionProfileSummary }>>;
  deleteConnectionProfile(id: string): Promise<RemoteResult>;
  /**
   * Runs "Test connection" on a saved profile (`profileId`), or on unsaved settings (`settings`,
   * whose empty password / absent key fall back to `profileId`'s stored secrets).
   */
  testConnection(request: { profileId?: string; settings?: ConnectionSettings }): Promise<ConnectionTestReport>;
  /** The profile's cluster as the host last polled it (polls now when older than its interval). */
  getRemoteView(profileId: string): Promise<RemoteResult<{ result: RemoteViewResult }>>;
}

export type RemoteMethod = keyof RemoteCommands;
export const remoteMethods = ['listConnectionProfiles', 'saveConnectionProfile', 'deleteConnectionProfile', 'testConnection', 'getRemoteView'] as const;
type ListedRemoteMethod = (typeof remoteMethods)[number];
const _everyListedIsARemoteMethod: ListedRemoteMethod extends RemoteMethod ? true : never = true;
const _everyRemoteMethodIsListed: RemoteMethod extends ListedRemoteMethod ? true : never = true;
void _everyListedIsARemoteMethod;
void _everyRemoteMethodIsListed;

/** Default poll interval of a remote view, ms. */
export const DEFAULT_REMOTE_POLL_INTERVAL_MS = 5_000;
/** Colours the profile form offers for the tag. */
export const profileColours = [
  { value: '#3b82f6', name: 'Blue' }, { value: '#22c55e', name: 'Green' }, { value: '#f59e0b', name: 'Amber' },
  { value: '#ef4444', name: 'Red' }, { value: '#a855f7', name: 'Purple' }, { value: '#64748b', name: 'Slate' },
] as const;
