// Produces record batches with acks=all into an RF=3 topic of a fresh 3-broker simulated cluster,
// round-robin over its partitions, and runs the model until every batch is acknowledged: the
// model's produce path (validation, copy, offset/epoch patch, leader append) plus follower fetch
// replication over the simulated network. Used by model-append and produce-validation.
import { createCluster } from '../../src/broker/cluster/cluster';

export interface ModelProduceOptions {
  partitions: number;
  /** Batches produced between two 1 ms steps of simulated time. */
  batchesPerMs: number;
  /** ClusterCore.validateRecordsOnProduce (default true: every record read, as Kafka's LogValidator). */
  validateRecords?: boolean;
  /** Sample records in motion (the cluster map's flow, src/broker/cluster/flow/), every produce named by a client. */
  flow?: boolean;
}

const BENCH_CLIENT = { clientId: 'bench-producer', host: '127.0.0.1' };

/** Wall-clock seconds until every batch is acknowledged. @throws if any produce fails. */
export function produceThroughModel(batches: Buffer[], options: ModelProduceOptions): number {
  const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], recordInputLog: false });
  if (options.validateRecords !== undefined) cluster.core.validateRecordsOnProduce = options.validateRecords;
  if (options.flow) cluster.enableFlow();
  const client = options.flow ? BENCH_CLIENT : undefined;
  cluster.createTopics(1, [{ name: 'bench', numPartitions: options.partitions, replicationFactor: 3 }], false);
  cluster.runUntil(cluster.now() + 100);
  const leaders = cluster.metadata(1, ['bench'], false).topics[0]!.partitions.map((p) => p.leaderId);
  let acked = 0;
  let failed = 0;
  const t0 = performance.now();
  for (let i = 0; i < batches.length; i++) {
    const partition = i % options.partitions;
    cluster.produce(leaders[partition]!, { acks: -1, timeoutMs: 30_000, topics: [{ topic: 'bench', partitions: [{ partition, records: batches[i]! }] }] }, (r) => {
      if (r.topics[0]!.partitions[0]!.errorName === 'NONE') acked++;
      else failed++;
    }, client);
    if (i % options.batchesPerMs === options.batchesPerMs - 1) cluster.runUntil(cluster.now() + 1);
  }
  while (acked + failed < batches.length) cluster.runUntil(cluster.now() + 1);
  const seconds = (performance.now() - t0) / 1000;
  if (failed) throw new Error(`${failed} produces failed`);
  return seconds;
}
