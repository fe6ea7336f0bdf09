/**
 * Scenario runner: a cluster built from a seed, steps at fixed simulated times (commands, client
 * calls), invariants checked after every event, and the readable event log to assert on.
 */
import type { ClusterOptions } from '../cluster/api';
import { createCluster, type SimCluster } from '../cluster/cluster';
import { eventLines } from '../cluster/testing';
import { InvariantChecker } from './invariants';

export interface ScenarioStep {
  /** Simulated ms after the start. */
  atMs: number;
  run: (cluster: SimCluster, checker: InvariantChecker) => void;
}

export interface Scenario extends Omit<ClusterOptions, 'brokers'> {
  brokers: number | ClusterOptions['brokers'];
  steps: ScenarioStep[];
  /** Simulated ms after the start to run until. */
  untilMs: number;
  /** Check that acknowledged acks=all writes survive (default true). */
  checkAcked?: boolean;
}

export interface ScenarioRun {
  cluster: SimCluster;
  checker: InvariantChecker;
  /** Event lines, optionally only the given types (high-watermark-advanced is noisy). */
  lines(types?: string[]): string[];
}

export function runScenario(s: Scenario): ScenarioRun {
  const brokers = typeof s.brokers === 'number' ? Array.from({ length: s.brokers }, (_, i) => ({ brokerId: i + 1 })) : s.brokers;
  const cluster = createCluster({ ...s, brokers });
  const checker = new InvariantChecker(cluster, { checkAcked: s.checkAcked ?? true }).install();
  const start = cluster.now();
  for (const step of [...s.steps].sort((a, b) => a.atMs - b.atMs)) {
    cluster.runUntil(start + step.atMs);
    step.run(cluster, checker);
  }
  cluster.runUntil(start + s.untilMs);
  return { cluster, checker, lines: (types) => eventLines(cluster, types) };
}

/** Event types that tell the story of a failover (no high-watermark noise). */
export const STORY = ['broker-stopped', 'broker-started', 'broker-fenced', 'broker-unfenced', 'broker-isolated', 'broker-healed', 'controller-elected', 'controller-lost', 'controller-node-changed', 'quorum-lost', 'quorum-restored', 'leader-elected', 'partition-offline', 'isr-shrunk', 'isr-expanded', 'log-truncated', 'records-lost', 'reassignment-started', 'partition-reassigned'];
