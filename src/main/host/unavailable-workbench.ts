/**
 * A workbench that refuses everything: for the demo host (no Kafka listeners to run clients
 * against) and for tests that exercise only the cluster half of the contract.
 */
import { workbenchCommandMethods, type WorkbenchCommands } from '../../shared/workbench-contract';

export function unavailableWorkbench(reason: string): WorkbenchCommands {
  return Object.fromEntries(workbenchCommandMethods.map((method) => [method, async () => { throw new Error(`${method}: ${reason}`); }])) as unknown as WorkbenchCommands;
}
