/**
 * Cluster health derived from a snapshot: the reasons the overview lists, with counts, in the
 * vocabulary of kafka-ui / Cruise Control (under-replicated, offline, under min ISR).
 */
import type { ClusterCommand, ClusterView, PartitionView, TopicView } from '../../../shared';
import type { TopicHealthFilter } from '../../store/selection-slice';
import { describeQuorum } from '../../../shared/quorum-text';
import { formatDueIn } from '../../components/duration';
import { leaderBalance } from './leader-balance';

export interface HealthCounts {
  brokersTotal: number;
  brokersDown: number;
  partitions: number;
  offlinePartitions: number;
  underReplicatedPartitions: number;
  underMinIsrPartitions: number;
  reassigningPartitions: number;
  /** Partitions whose leader's broker is down but not yet replaced (the controller has not noticed). */
  leaderDownPartitions: number;
  topics: number;
  produceRatePerSec: number;
  bytesInPerSec: number;
}

/** min.insync.replicas of a topic (Kafka's default 1 when absent or malformed). */
export function minInSyncReplicas(topic: TopicView): number {
  const value = Number(topic.configs.find((c) => c.name === 'min.insync.replicas')?.value);
  return Number.isFinite(value) && value > 0 ? value : 1;
}

export const isOffline = (p: PartitionView) => p.leader < 0;
export const isUnderReplicated = (p: PartitionView) => p.inSyncReplicas.length < p.replicas.length;
export const isUnderMinIsr = (p: PartitionView, minIsr: number) => p.inSyncReplicas.length < minIsr;

/** Whether a partition matches a health filter. */
export function partitionMatches(p: PartitionView, filter: TopicHealthFilter, minIsr: number): boolean {
  switch (filter) {
    case 'all': return true;
    case 'offline': return isOffline(p);
    case 'under-replicated': return isUnderReplicated(p);
    case 'under-min-isr': return isUnderMinIsr(p, minIsr);
  }
}

/** Counts over the whole cluster, in one pass over the partitions. */
export function healthCounts(view: ClusterView): HealthCounts {
  const counts: HealthCounts = {
    brokersTotal: view.brokers.length,
    brokersDown: view.brokers.filter((b) => b.state !== 'running').length,
    partitions: 0, offlinePartitions: 0, underReplicatedPartitions: 0, underMinIsrPartitions: 0, reassigningPartitions: 0, leaderDownPartitions: 0,
    topics: view.topics.length,
    produceRatePerSec: 0,
    bytesInPerSec: view.brokers.reduce((sum, b) => sum + b.bytesInPerSec, 0),
  };
  for (const topic of view.topics) {
    const t = topicCounts(topic);
    counts.produceRatePerSec += topic.produceRatePerSec;
    counts.partitions += topic.partitions.length;
    counts.offlinePartitions += t.offline;
    counts.underReplicatedPartitions += t.underReplicated;
    counts.underMinIsrPartitions += t.underMinIsr;
    counts.reassigningPartitions += t.reassigning;
  }
  const down = new Set(view.brokers.filter((b) => b.state !== 'running').map((b) => b.brokerId));
  if (down.size > 0) {
    for (const topic of view.topics) for (const p of topic.partitions) if (down.has(p.leader)) counts.leaderDownPartitions++;
  }
  return counts;
}

type TopicCounts = { offline: number; underReplicated: number; underMinIsr: number; reassigning: number };

/** Per-topic counts by topic object; snapshot patches keep unchanged topics' identity. */
const topicCountCache = new WeakMap<TopicView, TopicCounts>();

function topicCounts(topic: TopicView): TopicCounts {
  let counts = topicCountCache.get(topic);
  if (counts) return counts;
  counts = { offline: 0, underReplicated: 0, underMinIsr: 0, reassigning: 0 };
  const minIsr = minInSyncReplicas(topic);
  for (const p of topic.partitions) {
    if (isOffline(p)) counts.offline++;
    if (isUnderReplicated(p)) counts.underReplicated++;
    if (isUnderMinIsr(p, minIsr)) counts.underMinIsr++;
    if (p.reassignment) counts.reassigning++;
  }
  topicCountCache.set(topic, counts);
  return counts;
}

export interface HealthReason {
  key: string;
  severity: 'critical' | 'warning';
  count: number;
  text: string;
  /** Where the reason's link goes. */
  link: { kind: 'topics'; filter: TopicHealthFilter } | { kind: 'broker'; brokerId: number } | null;
  /** The command that fixes it, offered as a button (not to read-only viewers). */
  action?: { label: string; title: string; command: ClusterCommand };
}

/** The reasons the cluster is not healthy; empty when it is. */
export function healthReasons(view: ClusterView, counts = healthCounts(view)): HealthReason[] {
  const reasons: HealthReason[] = [];
  if (counts.offlinePartitions > 0) reasons.push({ key: 'offline', severity: 'critical', count: counts.offlinePartitions, text: 'offline partitions: no leader, reads and writes fail', link: { kind: 'topics', filter: 'offline' } });
  if (counts.leaderDownPartitions > 0) reasons.push({ key: 'leader-down', severity: 'critical', count: counts.leaderDownPartitions, text: 'partitions still led by a broker that is down: requests fail until the controller fences it (broker.session.timeout.ms) and elects a new leader', link: null });
  if (counts.underMinIsrPartitions > 0) reasons.push({ key: 'under-min-isr', severity: 'critical', count: counts.underMinIsrPartitions, text: 'partitions under min.insync.replicas: acks=all writes are refused', link: { kind: 'topics', filter: 'under-min-isr' } });
  if (counts.underReplicatedPartitions > 0) reasons.push({ key: 'under-replicated', severity: 'warning', count: counts.underReplicatedPartitions, text: 'under-replicated partitions: fewer in-sync replicas than assigned', link: { kind: 'topics', filter: 'under-replicated' } });
  const down = view.brokers.filter((b) => b.state !== 'running');
  if (down.length > 0) reasons.push({ key: 'brokers-down', severity: 'warning', count: down.length, text: `brokers down: ${down.map((b) => `${b.brokerId} (${b.state})`).join(', ')}`, link: { kind: 'broker', brokerId: down[0]!.brokerId } });
  if (view.controller.activeControllerId === null) reasons.push({ key: 'no-controller', severity: 'critical', count: 1, text: noControllerText(view), link: null });
  const controllersDown = view.controller.processRoles === 'dedicated' ? (view.controller.nodes ?? []).filter((n) => n.state !== 'running') : [];
  if (controllersDown.length > 0) reasons.push({ key: 'controllers-down', severity: 'warning', count: controllersDown.length, text: `controllers down: ${controllersDown.map((n) => `${n.nodeId} (${n.state})`).join(', ')}`, link: null });
  if (counts.reassigningPartitions > 0) reasons.push({ key: 'reassigning', severity: 'warning', count: counts.reassigningPartitions, text: 'partitions being reassigned', link: null });
  const imbalance = leaderImbalanceReason(view);
  if (imbalance) reasons.push(imbalance);
  return reasons;
}

/** Why there is no active controller: the quorum's majority is gone (which voters), or an election is under way. */
function noControllerText(view: ClusterView): string {
  const q = view.controller.quorum;
  if (!q) return 'no active controller: metadata cannot change';
  if (q.hasMajority) return 'no active controller yet: a majority of voters is reachable, electing one (controller.quorum.election.timeout.ms)';
  return `no active controller, ${describeQuorum({ voters: view.controller.voters, ...q })}: metadata cannot change`;
}

/**
 * Leader imbalance (./leader-balance.ts): reported when some broker fails to lead more than
 * leader.imbalance.per.broker.percentage of the partitions it is preferred for, with the
 * controller's next automatic check and the election that fixes it now.
 */
export function leaderImbalanceReason(view: ClusterView): HealthReason | null {
  const balance = leaderBalance(view);
  if (balance.imbalanced.length === 0) return null;
  const worst = balance.imbalanced.map((b) => `broker ${b.brokerId} leads ${b.preferred - b.notLed} of the ${b.preferred} partitions it is preferred for`).join('; ');
  const busiest = balance.brokers.reduce((a, b) => (b.leads > a.leads ? b : a));
  const checks = view.leaderChecks;
  let auto = '';
  if (checks && !checks.autoLeaderRebalanceEnable) auto = ' auto.leader.rebalance.enable is false: leaders stay until a preferred election.';
  else if (checks?.nextLeaderImbalanceCheckMs != null) auto = ` Next automatic preferred election (auto.leader.rebalance.enable, every leader.imbalance.check.interval.seconds): ${formatDueIn(checks.nextLeaderImbalanceCheckMs, view.simTimeMs)}.`;
  return {
    key: 'leader-imbalance', severity: 'warning', count: balance.notPreferred,
    text: `partitions not led by their preferred replica: ${worst} (over leader.imbalance.per.broker.percentage = ${balance.percentage}%); broker ${busiest.brokerId} leads ${busiest.leads} of ${balance.partitions}.${auto}`,
    link: null,
    action: { label: 'Elect preferred leaders', title: 'ElectLeaders PREFERRED for every partition of every topic: each moves to its first replica where that replica is running and in the ISR', command: { type: 'elect-preferred-leaders' } },
  };
}
