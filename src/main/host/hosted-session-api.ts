/**
 * The host-session methods of one viewer (issue 13): read-only viewers may list the built-in
 * scenarios but not replace the cluster, load, restart or reveal (refused here, not only hidden
 * in the UI, like cluster commands); a failure inside comes back as a result, never a throw.
 */
import { readOnlyErrorName } from '../../shared/ipc-contract';
import { hostSessionMethods, maxSessionFileBytes, type HostSessionCommands, type HostSessionResult } from '../../shared/host-session-contract';

const readOnlySessionMessage = 'This view is read-only: replacing the cluster, scenarios and recordings need the access token.';

/** For hosts without a session (tests of the cluster half): every method says so. */
export const noHostSession: HostSessionCommands = {
  newCluster: async () => unavailable(),
  listScenarios: async () => [],
  loadScenario: async () => unavailable(),
  restartScenario: async () => unavailable(),
  revealScenarioStep: async () => unavailable(),
  openSession: async () => unavailable(),
};

function unavailable(): HostSessionResult {
  return { ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'This host cannot replace its cluster.' };
}

export function hostSessionFor(session: HostSessionCommands, readOnly: boolean): HostSessionCommands {
  const methods: Partial<Record<keyof HostSessionCommands, unknown>> = {};
  for (const method of hostSessionMethods) {
    if (method === 'listScenarios') {
      methods[method] = () => session.listScenarios().catch(() => []);
      continue;
    }
    methods[method] = async (...args: unknown[]): Promise<HostSessionResult> => {
      if (readOnly) return { ok: false, errorName: readOnlyErrorName, message: readOnlySessionMessage };
      const tooLarge = args.find((arg) => typeof (arg as { text?: unknown })?.text === 'string' && (arg as { text: string }).text.length > maxSessionFileBytes);
      if (tooLarge) return { ok: false, errorName: 'RECORD_TOO_LARGE', message: `The file is larger than ${maxSessionFileBytes / 1024 / 1024} MiB.` };
      try {
        return await (session[method] as (...a: unknown[]) => Promise<HostSessionResult>)(...args);
      } catch (error) {
        return { ok: false, errorName: 'UNKNOWN_SERVER_ERROR', message: error instanceof Error ? error.message : String(error) };
      }
    };
  }
  return methods as HostSessionCommands;
}
