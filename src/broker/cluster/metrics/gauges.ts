/**
 * Kafka's gauges, read off a ClusterView (the model's state at snapshot time), per broker as
 * each broker's JMX reports them; the cluster-wide value is what a dashboard sums (or, for
 * records-lag-max, the largest).
 *
 * - UnderReplicatedPartitions (kafka.server:type=ReplicaManager): on each broker, the partitions it
 *   leads whose ISR is smaller than the replica set (Partition.isUnderReplicated; replicas being
 *   added by a reassignment do not count). An offline partition has no leader, so no broker counts it.
 * - UnderMinIsrPartitionCount (kafka.server:type=ReplicaManager): partitions it leads whose ISR is
 *   smaller than the topic's min.insync.replicas (Partition.isUnderMinIsr) — acks=all produce fails there.
 * - OfflinePartitionsCount (kafka.controller:type=KafkaController): partitions without a leader,
 *   reported by the active controller (0 on the others).
 * - ActiveControllerCount (kafka.controller:type=KafkaController): 1 on the active controller, 0
 *   elsewhere; the sum over the cluster is 1 when healthy, 0 without a quorum.
 * - records-lag-max (consumer-fetch-manager-metrics, a consumer client metric): a consumer reports
 *   the largest lag among its partitions; the lab, which sees the groups from the brokers, shows per
 *   consumer group the largest partition lag (highWatermark − committed offset).
 */
import type { ClusterView, TopicView } from '../../../shared/cluster-view';
import type { KafkaMetricView, MetricDetailView } from '../../../shared/cluster-metrics-view';

/** Groups shown one by one in records-lag-max's detail (the largest lags); the value covers all. */
export const MAX_LAG_DETAIL = 20;

const minIsrCache = new WeakMap<TopicView['configs'], number>();

function minInSyncReplicas(topic: TopicView): number {
  let v = minIsrCache.get(topic.configs);
  if (v === undefined) {
    const raw = topic.configs.find((c) => c.name === 'min.insync.replicas')?.value;
    v = raw == null ? 1 : Number(raw);
    if (!Number.isFinite(v)) v = 1;
    minIsrCache.set(topic.configs, v);
  }
  return v;
}

function perBroker(view: ClusterView, counts: Map<number, number>): MetricDetailView[] {
  return view.brokers.map((b) => ({ label: `broker ${b.brokerId}`, value: counts.get(b.brokerId) ?? 0 }));
}

function sum(detail: MetricDetailView[]): number {
  return detail.reduce((a, d) => a + d.value, 0);
}

function bump(m: Map<number, number>, id: number): void {
  m.set(id, (m.get(id) ?? 0) + 1);
}

export function gauges(view: ClusterView): KafkaMetricView[] {
  const underReplicated = new Map<number, number>();
  const underMinIsr = new Map<number, number>();
  let offline = 0;
  for (const t of view.topics) {
    const minIsr = minInSyncReplicas(t);
    for (const p of t.partitions) {
      if (p.leader < 0) {
        offline++;
        continue;
      }
      const assigned = p.replicas.length - (p.reassignment?.addingReplicas.length ?? 0);
      if (p.inSyncReplicas.length < assigned) bump(underReplicated, p.leader);
      if (p.inSyncReplicas.length < minIsr) bump(underMinIsr, p.leader);
    }
  }
  const controllers = activeControllerDetail(view);
  const active = view.controller.activeControllerId;
  const offlineDetail = controllers.map((c) => ({ label: c.label, value: c.value === 1 ? offline : 0 }));
  const urp = perBroker(view, underReplicated);
  const umi = perBroker(view, underMinIsr);
  return [
    { name: 'UnderReplicatedPartitions', mbean: 'kafka.server:type=ReplicaManager,name=UnderReplicatedPartitions', kind: 'gauge', unit: 'partitions', value: sum(urp), detail: urp },
    { name: 'UnderMinIsrPartitionCount', mbean: 'kafka.server:type=ReplicaManager,name=UnderMinIsrPartitionCount', kind: 'gauge', unit: 'partitions', value: sum(umi), detail: umi },
    { name: 'OfflinePartitionsCount', mbean: 'kafka.controller:type=KafkaController,name=OfflinePartitionsCount', kind: 'gauge', unit: 'partitions', value: active === null ? 0 : offline, detail: offlineDetail },
    { name: 'ActiveControllerCount', mbean: 'kafka.controller:type=KafkaController,name=ActiveControllerCount', kind: 'gauge', unit: 'controllers', value: sum(controllers), detail: controllers },
  ];
}

/** ActiveControllerCount per controller node (dedicated controllers, or the combined brokers). */
function activeControllerDetail(view: ClusterView): MetricDetailView[] {
  const nodes = view.controller.nodes;
  if (nodes && nodes.length > 0) {
    return nodes.map((n) => ({ label: n.processRoles === 'controller' ? `controller ${n.nodeId}` : `broker ${n.nodeId}`, value: n.isActive ? 1 : 0 }));
  }
  return view.brokers.map((b) => ({ label: `broker ${b.brokerId}`, value: b.isActiveController ? 1 : 0 }));
}

export function recordsLagMax(view: ClusterView): KafkaMetricView {
  const perGroup = view.groups.map((g) => ({ label: `group ${g.groupId}`, value: g.offsets.reduce((m, o) => Math.max(m, o.lag), 0) }));
  perGroup.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  return {
    name: 'records-lag-max',
    mbean: 'kafka.consumer:type=consumer-fetch-manager-metrics,client-id=… (attribute records-lag-max)',
    kind: 'gauge',
    unit: 'records',
    value: perGroup[0]?.value ?? 0,
    detail: perGroup.slice(0, MAX_LAG_DETAIL),
  };
}
