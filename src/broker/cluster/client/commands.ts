/**
 * User commands (src/shared/cluster-commands.ts) applied to the model. Speed, pause, resume and
 * step belong to the wall-clock driver (src/broker/sim/wall-clock-driver.ts), which handles them
 * before the model sees them.
 */
import type { ClusterCommand, CommandResult } from '../../../shared/cluster-commands';
import { startBroker, stopBroker } from '../brokers/lifecycle';
import { powerLossBroker } from '../brokers/power-loss';
import { alterBroker } from './admin';
import type { ClusterCore } from '../core';
import type { AdminResult, TopicAdmin } from '../controller/topic-admin';
import { changeControllerNode } from '../controller/controller-nodes';
import { describeRequestFault } from '../../../shared/request-faults';

const ok = (message?: string): CommandResult => (message ? { ok: true, message } : { ok: true });
const fail = (errorName: string, message: string): CommandResult => ({ ok: false, errorName, message });
const fromAdmin = (r: AdminResult): CommandResult => (r.errorName === 'NONE' ? ok() : fail(r.errorName, r.message ?? r.errorName));

export function applyCommand(core: ClusterCore, admin: TopicAdmin, cmd: ClusterCommand): CommandResult {
  const needBroker = (id: number) => core.broker(id);
  const needController = () => core.controller.activeControllerId !== null;
  switch (cmd.type) {
    case 'stop-broker': {
      const b = needBroker(cmd.brokerId);
      if (!b) return fail('INVALID_REQUEST', `No broker ${cmd.brokerId}.`);
      if (!b.running) return fail('INVALID_REQUEST', `Broker ${cmd.brokerId} is already stopped.`);
      const controlled = stopBroker(core, b, cmd.controlled ?? true);
      return ok(controlled ? 'controlled shutdown' : 'stopped');
    }
    case 'power-loss-broker': {
      const b = needBroker(cmd.brokerId);
      if (!b) return fail('INVALID_REQUEST', `No broker ${cmd.brokerId}.`);
      if (!b.running) return fail('INVALID_REQUEST', `Broker ${cmd.brokerId} is already stopped.`);
      powerLossBroker(core, b);
      return ok('power lost: unflushed records dropped');
    }
    case 'start-broker': {
      const b = needBroker(cmd.brokerId);
      if (!b) return fail('INVALID_REQUEST', `No broker ${cmd.brokerId}.`);
      if (b.running) return fail('INVALID_REQUEST', `Broker ${cmd.brokerId} is already running.`);
      startBroker(core, b);
      return ok();
    }
    case 'isolate-broker':
    case 'heal-broker': {
      if (!needBroker(cmd.brokerId)) return fail('INVALID_REQUEST', `No broker ${cmd.brokerId}.`);
      const isolate = cmd.type === 'isolate-broker';
      if (core.network.isIsolated(cmd.brokerId) === isolate) return fail('INVALID_REQUEST', `Broker ${cmd.brokerId} is already ${isolate ? 'isolated' : 'connected'}.`);
      if (isolate) core.network.isolate(cmd.brokerId);
      else core.network.heal(cmd.brokerId);
      core.emit({ type: isolate ? 'broker-isolated' : 'broker-healed', brokerId: cmd.brokerId });
      core.controller.reevaluateQuorum();
      return ok();
    }
    case 'stop-controller': return changeControllerNode(core, cmd.nodeId, 'stopped');
    case 'start-controller': return changeControllerNode(core, cmd.nodeId, 'started');
    case 'isolate-controller': return changeControllerNode(core, cmd.nodeId, 'isolated');
    case 'heal-controller': return changeControllerNode(core, cmd.nodeId, 'healed');
    case 'set-link': {
      // Dedicated controller nodes are on the same network: a cut between a broker and the active controller stops its heartbeats.
      const needNode = (id: number) => needBroker(id) ?? core.controller.quorum.nodes.get(id);
      if (!needNode(cmd.fromBrokerId) || !needNode(cmd.toBrokerId) || cmd.fromBrokerId === cmd.toBrokerId) return fail('INVALID_REQUEST', 'A link joins two different existing brokers or controller nodes.');
      if (cmd.latencyMs < 0 || cmd.lossRate < 0 || cmd.lossRate > 1) return fail('INVALID_REQUEST', 'latencyMs ≥ 0 and 0 ≤ lossRate ≤ 1.');
      const state = { latencyMs: cmd.latencyMs === 0 ? core.network.defaultLatencyMs : cmd.latencyMs, lossRate: cmd.lossRate, cut: cmd.cut ?? false };
      core.network.setLink(cmd.fromBrokerId, cmd.toBrokerId, state);
      core.emit({ type: 'link-changed', fromBrokerId: cmd.fromBrokerId, toBrokerId: cmd.toBrokerId, ...state });
      core.controller.reevaluateQuorum();
      return ok();
    }
    case 'elect-preferred-leader': {
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      const topic = core.controller.topics.get(cmd.topic);
      if (!topic) return fail('UNKNOWN_TOPIC_OR_PARTITION', `Unknown topic ${cmd.topic}.`);
      const parts = cmd.partition !== undefined ? [cmd.partition] : topic.partitions.map((p) => p.partition);
      const results = parts.map((p) => admin.electLeader(cmd.topic, p, 0));
      const failed = results.filter((r) => r.errorName !== 'NONE' && r.errorName !== 'ELECTION_NOT_NEEDED');
      if (cmd.partition !== undefined && results[0]!.errorName !== 'NONE') return fromAdmin(results[0]!);
      return failed.length ? fail(failed[0]!.errorName, `${failed.length} of ${parts.length} partitions could not move to their preferred leader.`) : ok();
    }
    case 'elect-unclean-leader': {
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      const r = admin.electLeader(cmd.topic, cmd.partition, 1);
      if (r.errorName !== 'NONE') return fromAdmin(r);
      const leader = core.controller.topics.get(cmd.topic)?.partitions[cmd.partition]?.leader;
      return ok(`broker ${leader} leads ${cmd.topic}-${cmd.partition} after an unclean election`);
    }
    case 'elect-preferred-leaders': {
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      let moved = 0;
      let unavailable = 0;
      for (const topic of [...core.controller.topics.values()]) {
        for (const p of topic.partitions.map((s) => s.partition)) {
          const r = admin.electLeader(topic.record.name, p, 0);
          if (r.errorName === 'NONE') moved++;
          else if (r.errorName !== 'ELECTION_NOT_NEEDED') unavailable++;
        }
      }
      const message = `${moved} partition${moved === 1 ? '' : 's'} moved to their preferred leader`;
      return unavailable ? ok(`${message}; ${unavailable} could not move (PREFERRED_LEADER_NOT_AVAILABLE: preferred replica down or out of the ISR)`) : ok(message);
    }
    case 'reassign-partition':
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      return fromAdmin(admin.reassign(cmd.topic, cmd.partition, cmd.replicas));
    case 'create-topic':
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      return fromAdmin(admin.createTopic({ name: cmd.topic, numPartitions: cmd.partitions, replicationFactor: cmd.replicationFactor, configs: cmd.configs ?? {} }, false));
    case 'delete-topic':
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      return fromAdmin(admin.deleteTopic(cmd.topic));
    case 'add-partitions':
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      return fromAdmin(admin.createPartitions(cmd.topic, cmd.totalCount, null, false));
    case 'alter-topic-config':
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      return fromAdmin(admin.alterTopicConfigs(cmd.topic, cmd.configs, false, false));
    case 'alter-broker-config': {
      if (!needController()) return fail('NOT_CONTROLLER', 'No active controller.');
      const r = alterBroker(core, admin, cmd.brokerId === null ? '' : String(cmd.brokerId), cmd.configs, false, false);
      return r.errorName === 'NONE' ? ok() : fail(r.errorName, r.errorMessage ?? r.errorName);
    }
    case 'inject-request-fault': {
      const rule = core.requestFaults.add(cmd.fault, [...core.brokers.keys()]);
      if (typeof rule === 'string') return fail('INVALID_REQUEST', rule);
      const description = describeRequestFault(rule);
      core.emit({ type: 'request-fault-added', faultId: rule.faultId, description });
      return ok(`request fault ${rule.faultId}: ${description}`);
    }
    case 'clear-request-faults': {
      const removed = core.requestFaults.clear(cmd.faultId ?? null);
      if (cmd.faultId !== undefined && removed.length === 0) return fail('INVALID_REQUEST', `No request fault ${cmd.faultId} (it may be used up).`);
      if (removed.length > 0) core.emit({ type: 'request-fault-removed', faultIds: removed.map((r) => r.faultId) });
      return ok(`${removed.length} request fault${removed.length === 1 ? '' : 's'} removed`);
    }
    // Issue 16: the host applies them to the security model (src/broker/host/security-commands.ts).
    case 'create-acl':
    case 'delete-acl':
    case 'set-client-quota':
      return fail('INVALID_REQUEST', `${cmd.type} is handled by the cluster host`);
    case 'set-speed':
    case 'pause':
    case 'resume':
    case 'step':
      return fail('INVALID_REQUEST', `${cmd.type} is handled by the wall-clock driver, not the model.`);
  }
}
