/**
 * One readable line per cluster event, for scenario tests and logs:
 *   "t=1200 leader-elected orders-0 leader=2 epoch=3 (broker-failure)"
 * t is ms since the simulation's start time.
 */
import type { ClusterEvent } from '../../../shared/cluster-events';

const list = (ids: number[]) => `[${ids.join(',')}]`;

export function formatEvent(e: ClusterEvent, startTimeMs = 0): string {
  return `t=${e.timeMs - startTimeMs} ${e.type} ${describe(e)}`.trimEnd();
}

/** Generic key=value rendering for events owned by extensions (groups, transactions). */
function generic(e: Record<string, unknown>): string {
  return Object.entries(e)
    .filter(([k]) => k !== 'type' && k !== 'timeMs' && k !== 'seq')
    .map(([k, v]) => `${k}=${Array.isArray(v) ? list(v as number[]) : String(v)}`)
    .join(' ');
}

function describe(e: ClusterEvent): string {
  switch (e.type) {
    case 'broker-started':
      return `broker=${e.brokerId}`;
    case 'broker-stopped':
      return `broker=${e.brokerId}${e.controlled ? ' (controlled)' : ''}${e.powerLoss ? ' (power loss)' : ''}`;
    case 'broker-isolated':
    case 'broker-healed':
    case 'broker-unfenced':
      return `broker=${e.brokerId}`;
    case 'broker-fenced':
      return `broker=${e.brokerId} (${e.reason})`;
    case 'controller-elected':
    case 'controller-lost':
      return `controller=${e.controllerId} epoch=${e.controllerEpoch}`;
    case 'quorum-lost':
      return `voters=${list(e.voters)} reachable=${list(e.reachableVoters)} stopped=${list(e.stoppedVoters)} cutOff=${list(e.cutOffVoters)}`;
    case 'topic-created':
      return `${e.topic} partitions=${e.partitions} rf=${e.replicationFactor}${e.autoCreated ? ` (auto-created: num.partitions=${e.autoCreated.numPartitions} default.replication.factor=${e.autoCreated.defaultReplicationFactor})` : ''}`;
    case 'topic-deleted':
      return e.topic;
    case 'partitions-added':
      return `${e.topic} ${e.previousCount}->${e.newCount}`;
    case 'topic-config-changed':
      return `${e.topic} ${e.name}=${e.value ?? '(default)'}`;
    case 'leader-elected':
      return `${e.topic}-${e.partition} leader=${e.leader} epoch=${e.leaderEpoch} (${e.reason})`;
    case 'partition-offline':
      return `${e.topic}-${e.partition} epoch=${e.leaderEpoch} previousLeader=${e.previousLeader}`;
    case 'isr-shrunk':
      return `${e.topic}-${e.partition} removed=${list(e.removed)} isr=${list(e.inSyncReplicas)}`;
    case 'isr-expanded':
      return `${e.topic}-${e.partition} added=${list(e.added)} isr=${list(e.inSyncReplicas)}`;
    case 'high-watermark-advanced':
      return `${e.topic}-${e.partition} hw=${e.highWatermark}`;
    case 'log-truncated':
      return `${e.topic}-${e.partition} broker=${e.brokerId} ${e.fromLogEndOffset}->${e.toLogEndOffset}`;
    case 'records-lost':
      return `${e.topic}-${e.partition} offsets=[${e.fromOffset},${e.toOffset}) count=${e.count} (${e.reason})`;
    case 'reassignment-started':
      return `${e.topic}-${e.partition} target=${list(e.targetReplicas)} adding=${list(e.addingReplicas)} removing=${list(e.removingReplicas)}`;
    case 'partition-reassigned':
      return `${e.topic}-${e.partition} replicas=${list(e.replicas)}`;
    case 'segment-rolled':
      return `${e.topic}-${e.partition} broker=${e.brokerId} base=${e.baseOffset}`;
    case 'unflushed-records-dropped':
      return `${e.topic}-${e.partition} broker=${e.brokerId} flushedOffset=${e.flushedOffset} logEndOffset=${e.fromLogEndOffset} count=${e.count}`;
    case 'log-recovered':
      return `${e.topic}-${e.partition} broker=${e.brokerId} logStartOffset=${e.logStartOffset} logEndOffset=${e.logEndOffset} hw=${e.highWatermark} truncatedBytes=${e.truncatedBytes}${e.reason ? ` (${e.reason})` : ''}`;
    case 'segment-deleted':
      return `${e.topic}-${e.partition} broker=${e.brokerId} [${e.baseOffset},${e.endOffset}) (${e.reason})`;
    case 'log-start-offset-advanced':
      return `${e.topic}-${e.partition} logStartOffset=${e.logStartOffset}`;
    case 'log-compacted':
      return `${e.topic}-${e.partition} broker=${e.brokerId} removedRecords=${e.removedRecords} removedTombstones=${e.removedTombstones}`;
    case 'log-cleaner-failed':
    case 'log-retention-failed':
    case 'segment-roll-failed':
      return `${e.topic}-${e.partition} broker=${e.brokerId} reason=${JSON.stringify(e.reason)}`;
    case 'link-changed':
      return `${e.fromBrokerId}<->${e.toBrokerId} latency=${e.latencyMs} loss=${e.lossRate}${e.cut ? ' cut' : ''}`;
    default:
      return generic(e as unknown as Record<string, unknown>);
  }
}
