/**
 * Containment for a replica's background log work — the cleaner, retention and segment roll. A
 * task that throws on one replica marks that replica's log (the cleaner: the partition becomes
 * uncleanable on that broker, as Kafka's LogCleaner.CleanerThread catches a LogCleaningException
 * and calls LogCleanerManager.markPartitionUncleanable), reports it once as an event, and is not
 * tried again on that log; every other partition and the rest of the cluster go on. The reason is
 * the error's message, a function of the log's bytes: the model stays deterministic.
 */
import type { LogTask } from '../../../shared/cluster-view';
import type { Broker } from '../brokers/broker';
import type { ClusterCore } from '../core';
import type { Replica } from '../replication/replica';

export function logTaskFailed(r: Replica, task: LogTask): boolean {
  return r.log.failures.has(task);
}

/** Runs `work` for one replica; a throw marks the replica's log and reports it. Returns whether it completed. */
export function containLogTask(core: ClusterCore, broker: Broker, r: Replica, task: LogTask, work: () => void): boolean {
  try {
    work();
    return true;
  } catch (e) {
    markLogTaskFailed(core, broker, r, task, e);
    return false;
  }
}

export function markLogTaskFailed(core: ClusterCore, broker: Broker, r: Replica, task: LogTask, error: unknown): void {
  if (r.log.failures.has(task)) return;
  const reason = error instanceof Error ? error.message : String(error);
  r.log.failures.set(task, { reason, timeMs: core.now() });
  r.log.onViewChange();
  const where = { topic: r.topic, partition: r.partition, brokerId: broker.brokerId, reason };
  switch (task) {
    case 'cleaner':
      return core.emit({ type: 'log-cleaner-failed', ...where });
    case 'retention':
      return core.emit({ type: 'log-retention-failed', ...where });
    case 'segment-roll':
      return core.emit({ type: 'segment-roll-failed', ...where });
  }
}
