/**
 * A tiny stand-in for the cluster model, for wire-layer tests that must not depend on the model's
 * behaviour (framing, ordering, registry): one topic `t` with one partition led by broker 1;
 * acks=-1 produces stay pending until `releaseProduces()`. Unlisted methods throw.
 */
import type { BrokerEndpoint, KafkaCluster, MetadataResult, ProduceRequest, ProduceResult } from '../../cluster/api';
import { WaitTracker, type BrokerServices } from '../broker-services';
import { ConnectionRegistry } from '../connection-registry';
import { createHandlerRegistry } from '../handlers';
import { apiSchemas } from '../../protocol';

export class FakeCluster {
  readonly clusterId = 'fake-cluster';
  readonly seed = 1;
  readonly endpoints = new Map<number, BrokerEndpoint>();
  readonly produced: ProduceRequest[] = [];
  private pending: (() => void)[] = [];
  private nextOffset = 0;

  now(): number {
    return 0;
  }

  runUntil(): void {}

  nextEventTime(): number {
    return Infinity;
  }

  /** No request fault rules here (issue 18): every request is handled. */
  takeRequestFault(): null {
    return null;
  }

  setBrokerEndpoint(brokerId: number, host: string, port: number): void {
    this.endpoints.set(brokerId, { brokerId, host, port, rack: null });
  }

  metadata(): MetadataResult {
    return {
      clusterId: this.clusterId,
      controllerId: 1,
      brokers: [...this.endpoints.values()],
      topics: [{
        errorName: 'NONE', name: 't', topicId: 'AAAAAAAAAAAAAAAAAAAAAQ', topicIdBytes: new Uint8Array(16), isInternal: false,
        partitions: [{ errorName: 'NONE', partition: 0, leaderId: 1, leaderEpoch: 0, replicas: [1], inSyncReplicas: [1], offlineReplicas: [] }],
      }],
    };
  }

  produce(_brokerId: number, request: ProduceRequest, done: (r: ProduceResult) => void): void {
    // KafkaCluster.produce copies the record sets before it returns; so does the fake.
    this.produced.push({ ...request, topics: request.topics.map((t) => ({ ...t, partitions: t.partitions.map((p) => ({ ...p, records: p.records && Buffer.from(p.records) })) })) });
    const baseOffset = this.nextOffset++;
    const result: ProduceResult = {
      nodeEndpoints: [],
      topics: request.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((p) => ({
          partition: p.partition, errorName: 'NONE', errorMessage: null, baseOffset, logAppendTimeMs: -1, logStartOffset: 0, recordErrors: [], currentLeader: null,
        })),
      })),
    };
    if (request.acks === -1) this.pending.push(() => done(result));
    else done(result);
  }

  releaseProduces(): void {
    const pending = this.pending;
    this.pending = [];
    for (const release of pending) release();
  }
}

/** BrokerServices over a FakeCluster; `log` lines are collected for assertions. */
export function fakeServices(cluster = new FakeCluster()): { services: BrokerServices; cluster: FakeCluster; logs: string[] } {
  const logs: string[] = [];
  const waits = new WaitTracker();
  const asCluster = new Proxy(cluster, {
    get(target, prop, receiver) {
      if (prop in target) return Reflect.get(target, prop, receiver);
      return () => {
        throw new Error(`FakeCluster.${String(prop)} is not implemented`);
      };
    },
  }) as unknown as KafkaCluster;
  const services: BrokerServices = {
    cluster: asCluster,
    handlers: createHandlerRegistry((apiKey) => apiSchemas.has(apiKey)),
    connections: new ConnectionRegistry(),
    log: (level, message) => logs.push(`${level}: ${message}`),
    kick: () => {},
    trackWait: (id, wait) => waits.track(id, wait),
    connectionClosed: (id) => waits.cancelAll(id),
  };
  return { services, cluster, logs };
}
