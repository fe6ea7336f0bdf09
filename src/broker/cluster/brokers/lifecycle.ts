/**
 * Broker lifecycle: start (register with the controller, catch up metadata, then serve), stop
 * (crash, or controlled shutdown that moves leadership away first), the heartbeat loop, and the
 * broker's periodic log tasks.
 */
import type { ClusterCore } from '../core';
import { compactLogs } from '../log/compaction';
import { flushAllLogs, flushDirtyLogs } from '../log/flush';
import { applyRetention } from '../log/retention';
import { expireIsr, failDelayedProduces } from '../replication/high-watermark';
import { Broker } from './broker';

export function startTasks(core: ClusterCore, broker: Broker): void {
  broker.startTasks({
    heartbeat: () => sendHeartbeat(core, broker),
    isrExpiration: () => expireIsr(core, broker),
    retention: () => applyRetention(core, broker),
    cleaner: () => compactLogs(core, broker),
    logFlusher: () => flushDirtyLogs(core, broker),
  });
}

/** BrokerHeartbeat (and, first after a start, BrokerRegistration) to the active controller. */
export function sendHeartbeat(core: ClusterCore, broker: Broker): void {
  const controllerId = core.controller.activeControllerId;
  if (controllerId === null) return;
  const registering = !broker.registered;
  const incarnation = broker.incarnation;
  core.network.send(broker.brokerId, controllerId, 'broker-heartbeat', () => {
    if (core.controller.activeControllerId !== controllerId || !broker.running || broker.incarnation !== incarnation) return;
    if (registering) core.controller.register(broker.brokerId, incarnation);
    const offset = core.controller.onHeartbeat(broker.brokerId, false);
    core.network.send(controllerId, broker.brokerId, 'broker-heartbeat-response', () => {
      if (!broker.running || broker.incarnation !== incarnation) return;
      broker.registered = true;
      broker.catchUpMetadata(offset);
    });
  });
}

/**
 * Stops a broker. Controlled (a clean stop, kafka-server-stop): the controller moves its leaderships
 * and ISR memberships first (when controlled.shutdown.enable), and every log is flushed
 * (LogManager.shutdown). Not controlled: a crash (kill -9), whose unflushed writes stay in the OS
 * page cache; ./power-loss.ts drops them as well.
 */
export function stopBroker(core: ClusterCore, broker: Broker, controlled: boolean, powerLoss = false): boolean {
  const canControl = controlled && core.configs.bool('controlled.shutdown.enable', broker.brokerId) && core.controller.reachable(broker.brokerId);
  if (canControl) core.controller.controlledShutdown(broker.brokerId);
  if (controlled) flushAllLogs(core, broker);
  broker.running = false;
  broker.caughtUp = false;
  broker.registered = false;
  for (const r of broker.replicas.values()) {
    failDelayedProduces(r, 'NOT_LEADER_OR_FOLLOWER');
    r.followers.clear();
    r.alterPartitionInFlight = false;
    r.pendingIsr = null;
  }
  broker.fetchers.clear();
  for (const parked of [...broker.parkedFetches]) parked.reset();
  broker.parkedFetches.clear();
  for (const set of core.waiters.values()) {
    for (const w of set) if (w.brokerId === broker.brokerId) w.done = true;
  }
  core.emit(powerLoss ? { type: 'broker-stopped', brokerId: broker.brokerId, controlled: false, powerLoss: true } : { type: 'broker-stopped', brokerId: broker.brokerId, controlled: canControl });
  core.controller.reevaluateQuorum(canControl ? broker.brokerId : undefined);
  return canControl;
}

/** Restarts a stopped broker with its logs as they were on disk (a clean restart). */
export function startBroker(core: ClusterCore, broker: Broker): void {
  broker.running = true;
  broker.incarnation++;
  broker.caughtUp = false;
  broker.registered = false;
  core.emit({ type: 'broker-started', brokerId: broker.brokerId });
  startTasks(core, broker);
  core.controller.reevaluateQuorum();
}
