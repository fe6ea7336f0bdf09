/**
 * Fault schedules: user commands (src/shared/cluster-commands.ts) at simulated times. A schedule
 * can be written by hand (workshop scenarios) or drawn from a seeded Random (the swarm, a "chaos"
 * mode): broker stops (crash or controlled) with restarts, isolations with heals, slow or lossy
 * links with restores, partition reassignments and preferred-leader elections.
 */
import type { ClusterCommand } from '../../shared/cluster-commands';
import type { Random } from './random';

export interface ScheduledFault {
  /** Simulated ms after the schedule's start. */
  atMs: number;
  command: ClusterCommand;
}

export type FaultSchedule = ScheduledFault[];

export interface RandomFaultOptions {
  brokerIds: number[];
  durationMs: number;
  /** Topic for preferred-leader elections and reassignments (none if absent). */
  topic?: string;
  /** Partitions of that topic and its replication factor, to draw reassignments (none if absent). */
  partitions?: number;
  replicationFactor?: number;
}

/** Draws a fault schedule, sorted by time; every fault is undone within ~15 s of simulated time. */
export function randomFaultSchedule(rnd: Random, opts: RandomFaultOptions): FaultSchedule {
  const ids = opts.brokerIds;
  const out: FaultSchedule = [];
  for (let t = rnd.int(1000, 5000); t < opts.durationMs; t += rnd.int(1000, 8000)) {
    const b = rnd.pick(ids);
    const roll = rnd.float();
    if (roll < 0.35) {
      out.push({ atMs: t, command: { type: 'stop-broker', brokerId: b, controlled: rnd.chance(0.4) } });
      out.push({ atMs: t + rnd.int(500, 15000), command: { type: 'start-broker', brokerId: b } });
    } else if (roll < 0.6) {
      out.push({ atMs: t, command: { type: 'isolate-broker', brokerId: b } });
      out.push({ atMs: t + rnd.int(500, 12000), command: { type: 'heal-broker', brokerId: b } });
    } else if (roll < 0.9 && ids.length > 1) {
      const other = rnd.pick(ids.filter((x) => x !== b));
      out.push({ atMs: t, command: { type: 'set-link', fromBrokerId: b, toBrokerId: other, latencyMs: rnd.int(20, 800), lossRate: rnd.chance(0.5) ? rnd.float() * 0.3 : 0 } });
      out.push({ atMs: t + rnd.int(1000, 15000), command: { type: 'set-link', fromBrokerId: b, toBrokerId: other, latencyMs: 0, lossRate: 0 } });
    } else if (opts.topic && opts.partitions && opts.replicationFactor && ids.length > opts.replicationFactor && rnd.chance(0.5)) {
      const replicas = rnd.shuffle(ids).slice(0, opts.replicationFactor);
      out.push({ atMs: t, command: { type: 'reassign-partition', topic: opts.topic, partition: rnd.int(0, opts.partitions - 1), replicas } });
    } else if (opts.topic) {
      out.push({ atMs: t, command: { type: 'elect-preferred-leader', topic: opts.topic } });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}

/**
 * Faults on dedicated controller nodes (process.roles=controller), drawn like the broker faults:
 * stops with restarts and isolations with heals, each undone within ~15 s of simulated time.
 * Overlapping faults on two of three voters lose the quorum for a while.
 */
export function randomControllerFaults(rnd: Random, opts: { controllerIds: number[]; durationMs: number }): FaultSchedule {
  const out: FaultSchedule = [];
  if (opts.controllerIds.length === 0) return out;
  for (let t = rnd.int(1000, 8000); t < opts.durationMs; t += rnd.int(3000, 15000)) {
    const nodeId = rnd.pick(opts.controllerIds);
    if (rnd.chance(0.5)) {
      out.push({ atMs: t, command: { type: 'stop-controller', nodeId } });
      out.push({ atMs: t + rnd.int(500, 15000), command: { type: 'start-controller', nodeId } });
    } else {
      out.push({ atMs: t, command: { type: 'isolate-controller', nodeId } });
      out.push({ atMs: t + rnd.int(500, 12000), command: { type: 'heal-controller', nodeId } });
    }
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
