/**
 * ClusterCore: the shared context every part of the model works through — the simulation kernel,
 * the network, the event log, broker configs, brokers, the controller and the registered
 * extensions. Plain references, no behaviour of its own beyond small helpers.
 */
import type { ClusterEventBody } from '../../shared/cluster-events';
import type { SimNetwork } from '../sim/network';
import type { Random } from '../sim/random';
import type { Simulation } from '../sim/simulation';
import type { ClusterExtension } from './api';
import type { Broker } from './brokers/broker';
import type { BrokerConfigStore } from './config/configs';
import type { Controller } from './controller/controller';
import type { EventLog } from './events/event-log';
import type { FlowRecorder } from './flow/flow-recorder';
import { tpKey } from './metadata';
import { Meters } from './view/meters';
import { MEMORY_LOG_STORAGE, type LogStorage } from './log/log-storage';
import { RequestFaultRules } from './faults/request-faults';
import type { ClusterMetrics } from './metrics/cluster-metrics';

/** One long-poll waiter (api.ts waitForData). */
export interface DataWaiter {
  brokerId: number;
  keys: Set<string>;
  wake(reason: 'data' | 'timeout'): void;
  done: boolean;
}

export class ClusterCore {
  readonly brokers = new Map<number, Broker>();
  controller!: Controller;
  readonly extensions: ClusterExtension[] = [];
  /** Long-poll waiters by partition key. */
  readonly waiters = new Map<string, Set<DataWaiter>>();
  /** Observation-only rates for the view. */
  readonly meters = new Meters();
  /** Issue 14: Kafka's broker and controller metrics (observation only; set by SimCluster once the controller exists). */
  metrics: ClusterMetrics | null = null;
  /**
   * Produce reads every record of every batch (LogValidator). Only bench/produce-validation.ts
   * turns this off, to measure in one run what that reading costs.
   */
  validateRecordsOnProduce = true;
  /** Records in motion for the cluster map (flow/flow-recorder.ts); null when not sampled. Observation only. */
  flow: FlowRecorder | null = null;
  /** Issue 15: where replica logs keep their bytes (log/log-storage.ts); memory unless the host injects disk storage. */
  logStorage: LogStorage = MEMORY_LOG_STORAGE;
  /** Issue 18: request-level fault rules the wire consults (faults/request-faults.ts). */
  readonly requestFaults = new RequestFaultRules();

  constructor(
    readonly sim: Simulation,
    readonly network: SimNetwork,
    readonly events: EventLog,
    readonly configs: BrokerConfigStore,
    readonly random: { topicIds: Random; assignment: Random; controller: Random },
  ) {}

  now(): number {
    return this.sim.now();
  }

  emit(body: ClusterEventBody): void {
    this.events.emit(body);
  }

  broker(id: number): Broker | undefined {
    return this.brokers.get(id);
  }

  /** Broker config as a number (per-broker resolution). */
  num(name: string, brokerId = -1): number {
    return this.configs.num(name, brokerId);
  }

  /** Wakes long-poll waiters on a partition at a broker (highWatermark/logEndOffset/leadership moved). */
  notifyData(brokerId: number, topic: string, partition: number): void {
    const set = this.waiters.get(tpKey(topic, partition));
    if (!set || set.size === 0) return;
    for (const w of [...set]) {
      if (w.brokerId === brokerId && !w.done) w.wake('data');
    }
  }

  leadershipChanged(brokerId: number, topic: string, partition: number, isLeader: boolean, leaderEpoch: number): void {
    for (const ext of this.extensions) ext.onLeadershipChanged?.(brokerId, topic, partition, isLeader, leaderEpoch);
    this.notifyData(brokerId, topic, partition);
  }
}
