/**
 * Issue 17: the remote-cluster methods for one viewer. Read-only viewers (serve mode without the
 * token) get none of them: profiles hold credentials, and a test or a poll reaches out to another
 * cluster on the host's behalf. Without a remote service (fakes, tests) every call says so.
 */
import { readOnlyErrorName } from '../../shared/ipc-contract';
import { remoteMethods, type RemoteCommands } from '../../shared/remote-contract';

const readOnlyMessage = 'This view is read-only: remote cluster profiles need the access token.';

export const noRemoteService: RemoteCommands = Object.fromEntries(remoteMethods.map((m) => [m, async () => {
  throw new Error('UNSUPPORTED_VERSION: this host has no remote clusters');
}])) as unknown as RemoteCommands;

export function remoteFor(remote: RemoteCommands, readOnly: boolean): RemoteCommands {
  const out: Partial<Record<keyof RemoteCommands, unknown>> = {};
  for (const method of remoteMethods) {
    out[method] = readOnly
      ? async () => { throw new Error(`${readOnlyErrorName}: ${readOnlyMessage}`); }
      : (remote[method] as (...args: unknown[]) => Promise<unknown>).bind(remote);
  }
  return out as RemoteCommands;
}
