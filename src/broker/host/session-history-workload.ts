/**
 * A steady workload for the session history's tests and bench (bench/session-history.ts): a
 * 3-broker simulated cluster with one RF=3 topic, records produced with acks=all to every
 * partition every simulated second, the history sampled as the host samples it at speed 1
 * (every `sampleIntervalMs` of simulated time). Pure model, virtual time: no sockets, no timers.
 */
import { createCluster, type SimCluster } from '../cluster/cluster';
import { batchOf, produceOne } from '../cluster/testing';
import { SessionHistory, type SessionHistoryOptions } from './session-history';
import type { ClusterView } from '../../shared/cluster-view';

export interface WorkloadOptions {
  seed?: number;
  partitions: number;
  /** Records per partition per simulated second (one batch). */
  recordsPerPartitionPerSec: number;
  valueBytes?: number;
  /** Simulated seconds to run. */
  seconds: number;
  history?: SessionHistoryOptions;
  /** Called with every view recorded (tests keep some to compare). */
  onSample?: (view: ClusterView) => void;
}

export interface WorkloadResult {
  cluster: SimCluster;
  history: SessionHistory;
  /** Real ms spent in history.record (snapshot excluded), per sample: mean and max. */
  recordMeanMs: number;
  recordMaxMs: number;
  /** Real ms per cluster.snapshot() taken for a sample, mean. */
  snapshotMeanMs: number;
}

export function runHistoryWorkload(opts: WorkloadOptions): WorkloadResult {
  const cluster = createCluster({ seed: opts.seed ?? 7, brokers: [1, 2, 3].map((brokerId) => ({ brokerId })) });
  const history = new SessionHistory({ minRealIntervalMs: 0, minRealEventSpacingMs: 0, ...opts.history });
  cluster.command({ type: 'create-topic', topic: 'orders', partitions: opts.partitions, replicationFactor: 3 });
  cluster.runUntil(cluster.now() + 1000);
  const value = 'v'.repeat(opts.valueBytes ?? 100);
  let recordMs = 0;
  let recordMaxMs = 0;
  let snapshotMs = 0;
  let samples = 0;
  const sample = (reason: 'start' | 'interval') => {
    const t0 = performance.now();
    const view = cluster.snapshot();
    const t1 = performance.now();
    history.record(view, cluster.events.length, reason, cluster.now());
    const t2 = performance.now();
    snapshotMs += t1 - t0;
    recordMs += t2 - t1;
    recordMaxMs = Math.max(recordMaxMs, t2 - t1);
    samples++;
    opts.onSample?.(view);
  };
  sample('start');
  for (let s = 0; s < opts.seconds; s++) {
    const view = cluster.snapshot({ replicaStates: 'none' });
    const leaders = view.topics.find((t) => t.name === 'orders')!.partitions.map((p) => p.leader);
    for (let p = 0; p < opts.partitions; p++) {
      const records = Array.from({ length: opts.recordsPerPartitionPerSec }, (_, i) => ({ key: `k${i}`, value }));
      if (leaders[p]! > 0) produceOne(cluster, leaders[p]!, 'orders', p, batchOf(records), -1);
    }
    cluster.runUntil(cluster.now() + 1000);
    if (history.due(cluster.now(), cluster.now(), false)) sample('interval');
  }
  return { cluster, history, recordMeanMs: recordMs / samples, recordMaxMs, snapshotMeanMs: snapshotMs / samples };
}
