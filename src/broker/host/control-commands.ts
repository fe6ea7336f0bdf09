/**
 * The CLI's stdin control language: one command per line, one answer line each.
 *   stop <id> | kill <id> | power-loss <id> | start <id> | isolate <id> | heal <id> | status | help
 * `stop` is a controlled shutdown (leadership moves first); `kill` is a crash, which the
 * controller notices only after broker.session.timeout.ms; `power-loss` is a crash that also
 * drops what the OS page cache held: each replica loses its records above its flushed offset
 * (flush.messages / flush.ms). With dedicated controllers (--controllers) the id may name a
 * controller node: stop, kill and power-loss all stop it (the KRaft log is fsynced on append).
 * Issue 18, request-level faults for testing clients (src/shared/request-faults.ts):
 *   fail <Api> <ERROR_NAME> [count] | delay <Api> <ms> [count] | disconnect <Api> [count]
 *   (each optionally with topic=T partition=P client=ID broker=B) | faults | clear-faults [id]
 * Unknown or malformed lines get an `error:` line; the cluster keeps running.
 */
import type { ClusterCommand, CommandResult } from '../../shared/cluster-commands';
import type { ClusterView } from '../../shared/cluster-view';
import type { ClusterHost } from './cluster-host';
import { describeRequestFault, parseRequestFault, REQUEST_FAULT_USAGE } from '../../shared/request-faults';

export const CONTROL_HELP = `commands: stop <id> (controlled shutdown) | kill <id> (crash) | power-loss <id> (crash + unflushed records dropped) | start <id> | isolate <id> | heal <id> | status | help | request faults: ${REQUEST_FAULT_USAGE} | faults | clear-faults [id]`;

const CONTROLLER_COMMANDS: Record<string, (nodeId: number) => ClusterCommand> = {
  stop: (nodeId) => ({ type: 'stop-controller', nodeId }),
  kill: (nodeId) => ({ type: 'stop-controller', nodeId }),
  'power-loss': (nodeId) => ({ type: 'stop-controller', nodeId }),
  start: (nodeId) => ({ type: 'start-controller', nodeId }),
  isolate: (nodeId) => ({ type: 'isolate-controller', nodeId }),
  heal: (nodeId) => ({ type: 'heal-controller', nodeId }),
};

const BROKER_COMMANDS: Record<string, (brokerId: number) => ClusterCommand> = {
  stop: (brokerId) => ({ type: 'stop-broker', brokerId, controlled: true }),
  kill: (brokerId) => ({ type: 'stop-broker', brokerId, controlled: false }),
  'power-loss': (brokerId) => ({ type: 'power-loss-broker', brokerId }),
  start: (brokerId) => ({ type: 'start-broker', brokerId }),
  isolate: (brokerId) => ({ type: 'isolate-broker', brokerId }),
  heal: (brokerId) => ({ type: 'heal-broker', brokerId }),
};

/** Runs one line; resolves with the single answer line. */
export async function runControlCommand(host: ClusterHost, line: string): Promise<string> {
  const [verb = '', ...args] = line.trim().split(/\s+/);
  const command = verb.toLowerCase();
  if (command === 'help') return CONTROL_HELP;
  if (command === 'status') {
    if (args.length > 0) return 'error: status takes no arguments';
    return statusLine(host.snapshot());
  }
  if (command === 'fail' || command === 'delay' || command === 'disconnect') {
    const fault = parseRequestFault(command, args);
    if ('error' in fault) return `error: ${fault.error}`;
    return answer(await host.execute({ type: 'inject-request-fault', fault }), 'ok');
  }
  if (command === 'faults') {
    const faults = host.snapshot().requestFaults ?? [];
    return faults.length === 0 ? 'faults none' : `faults ${faults.map((f) => `${f.faultId}: ${describeRequestFault({ ...f, count: f.remaining })}`).join('; ')}`;
  }
  if (command === 'clear-faults') {
    if (args.length > 1 || (args.length === 1 && !/^\d+$/.test(args[0]!))) return 'error: usage: clear-faults [fault id]';
    return answer(await host.execute(args.length ? { type: 'clear-request-faults', faultId: Number(args[0]) } : { type: 'clear-request-faults' }), 'ok');
  }
  const make = BROKER_COMMANDS[command];
  if (!make) return `error: unknown command "${verb}"; ${CONTROL_HELP}`;
  if (args.length !== 1 || !/^\d+$/.test(args[0]!)) return `error: usage: ${command} <broker id>`;
  const brokerId = Number(args[0]);
  const controller = host.snapshot().controller;
  const isControllerNode = controller.processRoles === 'dedicated' && controller.voters.includes(brokerId);
  const result = await host.execute(isControllerNode ? CONTROLLER_COMMANDS[command]!(brokerId) : make(brokerId));
  if (!result.ok) return `error: ${result.errorName}: ${result.message}`;
  return `ok ${command} ${brokerId}${result.message ? `: ${result.message}` : ''}`;
}

function answer(result: CommandResult, prefix: string): string {
  return result.ok ? `${prefix}${result.message ? ` ${result.message}` : ''}` : `error: ${result.errorName}: ${result.message}`;
}

/** `status brokers=1:running,2:stopped,3:running controller=1 offline-partitions=0 under-replicated=2 topics=3 connections=4` */
export function statusLine(view: ClusterView): string {
  const brokers = view.brokers.map((b) => `${b.brokerId}:${b.state}${b.port ? `@${b.port}` : ''}`).join(',');
  let offline = 0;
  let underReplicated = 0;
  let partitions = 0;
  for (const topic of view.topics) {
    for (const p of topic.partitions) {
      partitions++;
      if (p.leader < 0) offline++;
      if (p.inSyncReplicas.length < p.replicas.length) underReplicated++;
    }
  }
  const controller = view.controller.activeControllerId ?? 'none';
  const q = view.controller.quorum;
  const quorum = q ? ` quorum=${q.hasMajority ? 'up' : 'LOST'}:${q.reachableVoters.length}/${view.controller.voters.length}` : '';
  const nodes = view.controller.processRoles === 'dedicated' ? ` controllers=${(view.controller.nodes ?? []).map((n) => `${n.nodeId}:${n.state}`).join(',')}` : '';
  return `status brokers=${brokers} controller=${controller} topics=${view.topics.length} partitions=${partitions} offline-partitions=${offline} under-replicated=${underReplicated} connections=${view.connections.length}${nodes}${quorum}`;
}
