/**
 * ClusterMetrics: Kafka's broker and controller metrics for the lab's dashboards (the presenter's
 * Was / Now / Δ table), computed in simulated time from what the model did. Observation only: the
 * model never reads it, and reading it changes nothing the model does (meters tick lazily,
 * yammer-meter.ts). Which moments mark which meter: meter-events.ts; the gauges: gauges.ts.
 *
 * BytesInPerSec (kafka.server:type=BrokerTopicMetrics): bytes of record batches appended by the
 * partition leaders for producers (the lab's scenario producers included; replication traffic is
 * Kafka's ReplicationBytesInPerSec and not counted here).
 */
import type { ClusterEvent } from '../../../shared/cluster-events';
import type { ClusterView } from '../../../shared/cluster-view';
import type { ClusterMetricsView, KafkaMetricView } from '../../../shared/cluster-metrics-view';
import { gauges, recordsLagMax } from './gauges';
import { failedProducePartitions, marksOf, type MeterName } from './meter-events';
import { YammerMeter } from './yammer-meter';

/** What the metrics need to know about the model when an event arrives. */
export interface MetricsModel {
  now(): number;
  /** The partition's leader per the controller now, -1 when it has none or is unknown. */
  partitionLeader(topic: string, partition: number): number;
  /** Node id of the active controller, or null. */
  activeControllerId(): number | null;
}

const METER_INFO: Record<MeterName, { mbean: string; kind: 'meter' | 'timer'; unit: string; controller: boolean }> = {
  IsrShrinksPerSec: { mbean: 'kafka.server:type=ReplicaManager,name=IsrShrinksPerSec', kind: 'meter', unit: 'shrinks', controller: false },
  IsrExpandsPerSec: { mbean: 'kafka.server:type=ReplicaManager,name=IsrExpandsPerSec', kind: 'meter', unit: 'expands', controller: false },
  LeaderElectionRateAndTimeMs: { mbean: 'kafka.controller:type=ControllerStats,name=LeaderElectionRateAndTimeMs', kind: 'timer', unit: 'elections', controller: true },
  UncleanLeaderElectionsPerSec: { mbean: 'kafka.controller:type=ControllerStats,name=UncleanLeaderElectionsPerSec', kind: 'meter', unit: 'elections', controller: true },
  FailedProduceRequestsPerSec: { mbean: 'kafka.server:type=BrokerTopicMetrics,name=FailedProduceRequestsPerSec', kind: 'meter', unit: 'requests', controller: false },
  BytesInPerSec: { mbean: 'kafka.server:type=BrokerTopicMetrics,name=BytesInPerSec', kind: 'meter', unit: 'bytes', controller: false },
};

const METER_ORDER: MeterName[] = ['IsrShrinksPerSec', 'IsrExpandsPerSec', 'LeaderElectionRateAndTimeMs', 'UncleanLeaderElectionsPerSec', 'FailedProduceRequestsPerSec', 'BytesInPerSec'];

export class ClusterMetrics {
  /** Per meter, per node id: the meter (created at its first mark). */
  private readonly meters = new Map<MeterName, Map<number, YammerMeter>>();
  private readonly startMs: number;

  constructor(private readonly model: MetricsModel) {
    this.startMs = model.now();
  }

  private meter(name: MeterName, nodeId: number): YammerMeter {
    let byNode = this.meters.get(name);
    if (!byNode) this.meters.set(name, (byNode = new Map()));
    let m = byNode.get(nodeId);
    if (!m) byNode.set(nodeId, (m = new YammerMeter(this.startMs)));
    return m;
  }

  /** Marks the meters an event stands for (subscribed to the event log). */
  onEvent(event: ClusterEvent): void {
    for (const { meter, on } of marksOf(event)) {
      let node: number | null;
      if (on === 'partition-leader' && 'topic' in event && 'partition' in event) {
        const leader = this.model.partitionLeader(event.topic, event.partition);
        node = leader >= 0 ? leader : this.model.activeControllerId();
      } else node = this.model.activeControllerId();
      if (node !== null) this.meter(meter, node).mark(event.timeMs);
    }
  }

  /** A produce answer from a leader (wire handler or scenario producer alike). */
  onProduceAnswer(brokerId: number, result: { topics: readonly { partitions: readonly { errorName: string }[] }[] }): void {
    const failed = failedProducePartitions(result);
    if (failed > 0) this.meter('FailedProduceRequestsPerSec', brokerId).mark(this.model.now(), failed);
  }

  /** Bytes of a batch a leader appended for a producer. */
  onBytesIn(brokerId: number, bytes: number): void {
    this.meter('BytesInPerSec', brokerId).mark(this.model.now(), bytes);
  }

  /** Count and OneMinuteRate of one meter, cluster-wide and per node. */
  private meterView(name: MeterName, view: ClusterView, now: number): KafkaMetricView {
    const info = METER_INFO[name];
    const byNode = this.meters.get(name) ?? new Map<number, YammerMeter>();
    const ids = new Set<number>(info.controller ? (view.controller.nodes?.map((n) => n.nodeId) ?? view.controller.voters) : view.brokers.map((b) => b.brokerId));
    for (const id of byNode.keys()) ids.add(id);
    const dedicated = view.controller.processRoles === 'dedicated';
    const detail = [...ids].sort((a, b) => a - b).map((id) => {
      const m = byNode.get(id);
      return { label: info.controller && dedicated ? `controller ${id}` : `broker ${id}`, value: m?.count ?? 0, oneMinuteRate: m?.oneMinuteRate(now) ?? 0 };
    });
    return {
      name,
      mbean: info.mbean,
      kind: info.kind,
      unit: info.unit,
      value: detail.reduce((a, d) => a + d.value, 0),
      oneMinuteRate: detail.reduce((a, d) => a + (d.oneMinuteRate ?? 0), 0),
      detail,
    };
  }

  /** The metrics for a snapshot (its groups already filled in by the coordinators). */
  view(view: ClusterView): ClusterMetricsView {
    const now = view.simTimeMs;
    const [urp, umi, offline, active] = gauges(view);
    const meters = METER_ORDER.map((name) => this.meterView(name, view, now));
    return { atMs: now, metrics: [urp!, offline!, active!, umi!, ...meters, recordsLagMax(view)] };
  }
}
