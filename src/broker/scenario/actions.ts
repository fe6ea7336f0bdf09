/**
 * A step's actions: ClusterCommands go to the cluster as model-internal calls (the same code path
 * as the UI's buttons, cluster/client/commands.ts); client actions act on the engine's simulated
 * producers and members. Each gets a readable description and a CommandResult.
 */
import { describeRequestFault } from '../../shared/request-faults';
import type { CommandResult } from '../../shared/cluster-commands';
import type { ScenarioAction } from '../../shared/scenario-format';
import type { EngineContext } from './context';
import type { GroupRecorder, SimMember } from './member';
import type { SimProducer } from './producer';

export interface ActionTargets {
  producer(name: string): SimProducer | undefined;
  member(group: string, name: string): SimMember | undefined;
  recorder(group: string): GroupRecorder | undefined;
  /** A seek will make the group commit lower offsets on topic: tell the invariant checker it is a reset. */
  onSeek(group: string, topic: string): void;
}

export function describeAction(a: ScenarioAction): string {
  switch (a.type) {
    case 'stop-broker': return `${a.controlled ? 'controlled shutdown of' : 'crash'} broker ${a.brokerId}`;
    case 'power-loss-broker': return `power loss on broker ${a.brokerId} (unflushed records dropped)`;
    case 'start-broker': return `start broker ${a.brokerId}`;
    case 'isolate-broker': return `isolate broker ${a.brokerId} from the network`;
    case 'heal-broker': return `reconnect broker ${a.brokerId}`;
    case 'stop-controller': return `stop controller ${a.nodeId}`;
    case 'start-controller': return `start controller ${a.nodeId}`;
    case 'isolate-controller': return `isolate controller ${a.nodeId}`;
    case 'heal-controller': return `reconnect controller ${a.nodeId}`;
    case 'set-link': return a.cut ? `cut the link ${a.fromBrokerId} ↔ ${a.toBrokerId}` : `link ${a.fromBrokerId} ↔ ${a.toBrokerId}: ${a.latencyMs} ms latency, ${Math.round(a.lossRate * 100)}% loss`;
    case 'elect-preferred-leader': return `elect the preferred leader of ${a.topic}${a.partition !== undefined ? `-${a.partition}` : ''}`;
    case 'elect-preferred-leaders': return 'elect the preferred leaders of every partition';
    case 'elect-unclean-leader': return `unclean leader election for ${a.topic}-${a.partition}`;
    case 'reassign-partition': return `reassign ${a.topic}-${a.partition} to [${a.replicas.join(', ')}]`;
    case 'create-topic': return `create topic ${a.topic} (${a.partitions} partitions, RF ${a.replicationFactor})`;
    case 'delete-topic': return `delete topic ${a.topic}`;
    case 'add-partitions': case 'create-partitions': return `raise ${a.topic} to ${a.totalCount} partitions`;
    case 'alter-topic-config': return `set ${Object.entries(a.configs).map(([k, v]) => `${k}=${v ?? '(default)'}`).join(', ')} on topic ${a.topic}`;
    case 'alter-broker-config': return `set ${Object.entries(a.configs).map(([k, v]) => `${k}=${v ?? '(default)'}`).join(', ')} on ${a.brokerId === null ? 'every broker' : `broker ${a.brokerId}`}`;
    case 'create-acl': return `add ACL: ${a.acl.principal} ${a.acl.permissionType} ${a.acl.operation} on ${a.acl.resourceType} ${a.acl.resourceName}`;
    case 'delete-acl': return `remove ACL: ${a.acl.principal} ${a.acl.permissionType} ${a.acl.operation} on ${a.acl.resourceType} ${a.acl.resourceName}`;
    case 'set-client-quota': return `${a.value === null ? 'remove' : `set ${a.key}=${a.value}`} quota ${a.value === null ? a.key : ''} for ${JSON.stringify(a.entity)}`;
    case 'inject-request-fault': return `inject a request fault: ${describeRequestFault(a.fault)}`;
    case 'clear-request-faults': return a.faultId === undefined ? 'remove every request fault' : `remove request fault ${a.faultId}`;
    case 'set-speed': return `speed ${a.speed}×`;
    case 'pause': return 'pause';
    case 'resume': return 'resume';
    case 'step': return `step ${a.stepMs ?? 100} ms`;
    case 'member-join': return `start member ${a.group}/${a.member}`;
    case 'member-crash': return `crash member ${a.group}/${a.member} (no LeaveGroup)`;
    case 'member-leave': return `member ${a.group}/${a.member} leaves the group`;
    case 'producer-start': return `start producer ${a.producer}`;
    case 'producer-stop': return `stop producer ${a.producer}`;
    case 'producer-crash': return `freeze producer ${a.producer} (a zombie keeps its producer epoch)`;
    case 'producer-resume': return `the zombie producer ${a.producer} wakes up`;
    case 'producer-tombstone': return `producer ${a.producer} sends a tombstone for key ${a.key}`;
    case 'seek': return `seek group ${a.group} on ${a.topic}${a.partition !== undefined ? `-${a.partition}` : ''} to ${a.offset}`;
  }
}

const ok: CommandResult = { ok: true };
const unknown = (what: string): CommandResult => ({ ok: false, errorName: 'INVALID_REQUEST', message: `unknown ${what}` });

export function runAction(ctx: EngineContext, targets: ActionTargets, a: ScenarioAction): CommandResult {
  switch (a.type) {
    case 'member-join': case 'member-crash': case 'member-leave': {
      const m = targets.member(a.group, a.member);
      if (!m) return unknown(`member ${a.group}/${a.member}`);
      if (a.type === 'member-join') m.start();
      else if (a.type === 'member-crash') m.crash();
      else m.leave();
      return ok;
    }
    case 'producer-start': case 'producer-stop': case 'producer-crash': case 'producer-resume': {
      const p = targets.producer(a.producer);
      if (!p) return unknown(`producer ${a.producer}`);
      if (a.type === 'producer-start') p.start();
      else if (a.type === 'producer-stop') p.stop();
      else if (a.type === 'producer-crash') p.crash();
      else p.resume();
      return ok;
    }
    case 'producer-tombstone': {
      const p = targets.producer(a.producer);
      if (!p) return unknown(`producer ${a.producer}`);
      return p.tombstone(a.key);
    }
    case 'create-partitions':
      return ctx.call(() => ctx.cluster.command({ type: 'add-partitions', topic: a.topic, totalCount: a.totalCount }));
    case 'seek': {
      const r = targets.recorder(a.group);
      if (!r) return unknown(`group ${a.group}`);
      r.seek = { topic: a.topic, ...(a.partition !== undefined ? { partition: a.partition } : {}), offset: a.offset };
      r.seekVersion++;
      targets.onSeek(a.group, a.topic);
      return ok;
    }
    case 'set-speed': case 'pause': case 'resume': case 'step':
      return { ok: false, errorName: 'INVALID_REQUEST', message: `${a.type} drives the host, not the cluster; a scenario cannot use it` };
    default:
      return ctx.call(() => ctx.cluster.command(a));
  }
}
