/**
 * One swarm run: a seed draws a cluster shape, a fault schedule (broker stops — crash or
 * controlled — restarts, isolations, slow and lossy links, reassignments), a producer writing acks=all to an
 * RF=3, min.insync.replicas=2 topic and an acks=1 producer (librdkafka's default) writing beside it; the invariants run after every model event, and at the end every acks=1 record lost
 * must have been acknowledged inside a window Kafka's timeouts allow (./acks1-window.ts). Every
 * COORDINATOR_SEED_EVERY-th seed also runs the group and transaction coordinators with a consumer
 * group and a transactional loop (./swarm-coordinators.ts), and checks their invariants too. At
 * the end all faults heal and the run settles, then every acknowledged write must be at its leader.
 */
import { createCluster, type SimCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import { batchOf } from '../cluster/testing';
import { Acks1Producer } from './acks1-producer';
import { acks1LossViolations } from './acks1-window';
import { SIM_EPOCH_MS } from './clock';
import { randomControllerFaults, randomFaultSchedule } from './faults';
import { InvariantChecker } from './invariants';
import { Random } from './random';
import { SMALL_COORDINATOR_CONFIG, startSwarmCoordinatorWorkload } from './swarm-coordinators';

export interface SwarmOptions {
  /** Simulated ms of faults and traffic (default 60 s). */
  durationMs?: number;
  /** Allow unclean leader election (default: drawn, 20% of seeds). */
  unclean?: boolean;
  /** Simulated ms to settle after healing (default 45 s). */
  settleMs?: number;
  /** Run the coordinators' workload (default: every COORDINATOR_SEED_EVERY-th seed). */
  coordinators?: boolean;
  /** Run the acks=1 producer and its loss-window check (default true). */
  acks1?: boolean;
  /**
   * Three dedicated controller nodes (process.roles=controller, ids 3000-3002) with their own
   * faults (stops, isolations) beside the broker faults (default: drawn, 30% of seeds); false:
   * combined mode, the first up-to-3 brokers vote.
   */
  dedicatedControllers?: boolean;
  /**
   * Issue 15: crashes become power losses (each replica of the broker drops its unflushed tail)
   * whenever every broker is up, connected and in every ISR — one power loss at a time, as
   * replication with acks=all promises to survive (two overlapping ones may lose acknowledged
   * records on Kafka too). Half the seeds flush by flush.ms. Default false (schedules unchanged).
   */
  powerLoss?: boolean;
}

/** Node ids of the swarm's dedicated controllers (KafkaClusterTestKit numbers controllers from 3000). */
export const SWARM_CONTROLLER_IDS = [3000, 3001, 3002];

/** Seeds divisible by this run groups and transactions too (each costs ~20 plain seeds: 23 of the 230 in `npm test`). */
export const COORDINATOR_SEED_EVERY = 10;

export interface SwarmResult {
  seed: number;
  violations: string[];
  acked: number;
  attempted: number;
  events: number;
  /** Transactions committed and aborted (coordinator seeds; else null). */
  transactions: { committed: number; aborted: number } | null;
  /** acks=1 records acknowledged and lost (null when the acks=1 producer did not run). */
  acks1: { acked: number; lost: number } | null;
  /** Cluster events by type (leader-elected, isr-shrunk, partition-reassigned, …). */
  eventCounts: Record<string, number>;
  cluster: SimCluster;
}

const TOPIC = 'swarm';
const TXN_TOPIC = 'swarm-txn';

export function runSwarmSeed(seed: number, opts: SwarmOptions = {}): SwarmResult {
  const rnd = new Random(seed).fork('swarm');
  const brokerCount = rnd.int(3, 5);
  const fast = rnd.chance(0.7);
  const withCoordinators = opts.coordinators ?? seed % COORDINATOR_SEED_EVERY === 0;
  // The deployment shape and the controller faults draw from their own fork, so the broker fault schedules stay as they were.
  const shapeRnd = new Random(seed).fork('swarm-shape');
  const controllerIds = opts.dedicatedControllers ?? shapeRnd.chance(0.3) ? SWARM_CONTROLLER_IDS : [];
  // Drawn from its own fork so the other seeds' schedules stay as they were.
  const flushByTime = opts.powerLoss === true && new Random(seed).fork('swarm-flush').chance(0.5);
  const cluster = createCluster({
    seed,
    controllers: controllerIds.map((nodeId) => ({ nodeId })),
    brokers: Array.from({ length: brokerCount }, (_, i) => ({ brokerId: i + 1, rack: rnd.chance(0.5) ? `rack-${i % 2}` : null })),
    brokerConfig: {
      ...(fast ? { 'replica.lag.time.max.ms': '3000', 'broker.session.timeout.ms': '3000', 'broker.heartbeat.interval.ms': '500' } : {}),
      ...(withCoordinators ? SMALL_COORDINATOR_CONFIG : {}),
      ...(flushByTime ? { 'log.flush.scheduler.interval.ms': '500', 'log.flush.interval.ms': '2000' } : {}),
    },
    defaultLinkLatencyMs: rnd.int(1, 5),
  });
  const linkLatencyMs = cluster.core.network.defaultLatencyMs;
  // Some seeds allow unclean election: acknowledged writes may then be lost (by design), so only
  // the other invariants and convergence are checked for them.
  const unclean = opts.unclean ?? rnd.chance(0.2);
  const checker = new InvariantChecker(cluster, { checkAcked: !unclean }).install();
  const partitions = rnd.int(1, 3);
  cluster.command({ type: 'create-topic', topic: TOPIC, partitions, replicationFactor: 3, configs: { 'min.insync.replicas': '2', 'unclean.leader.election.enable': String(unclean) } });
  const ids = Array.from({ length: brokerCount }, (_, i) => i + 1);
  // Writes beside the acks=all producer into the same partitions (a second topic would cost the
  // swarm half again its time); its own random fork, so the schedule and the acks=all producer draw as before.
  const acks1 = opts.acks1 ?? true ? new Acks1Producer(cluster, new Random(seed).fork('swarm-acks1'), TOPIC, partitions, ids, 2) : null;
  // Drawn from its own fork so the other seeds' schedules stay as they were.
  const workload = withCoordinators ? startSwarmCoordinatorWorkload(cluster, new Random(seed).fork('swarm-coordinators'), TOPIC, TXN_TOPIC) : null;
  if (workload) checker.watchCoordinators(workload.coordinators);
  const duration = opts.durationMs ?? 60_000;
  // Longer than replica.socket.timeout.ms (30 s): a fetch a lossy link kept from every retransmission is retried only after it.
  const settle = opts.settleMs ?? 45_000;
  const start = cluster.now();

  // Fault schedule drawn up front from the seed.
  const actions = [...randomFaultSchedule(rnd, { brokerIds: ids, durationMs: duration, topic: TOPIC, partitions, replicationFactor: 3 }), ...randomControllerFaults(shapeRnd, { controllerIds, durationMs: duration })]
    .sort((a, b) => a.atMs - b.atMs);

  // Producer: a client with a metadata cache, refreshed from a running broker after errors.
  const leaders = new Map<number, number>();
  const refresh = () => {
    const running = ids.filter((id) => cluster.isBrokerRunning(id));
    if (!running.length) return;
    const md = cluster.metadata(rnd.pick(running), [TOPIC], false);
    for (const p of md.topics[0]?.partitions ?? []) leaders.set(p.partition, p.leaderId);
  };
  let attempted = 0;
  let acked = 0;
  const isCurrentLeader = (brokerId: number, partition: number): boolean => {
    const state = cluster.core.controller.topics.get(TOPIC)?.partitions[partition];
    const replica = cluster.core.broker(brokerId)?.replicas.get(tpKey(TOPIC, partition));
    return !!state && state.leader === brokerId && replica?.leaderEpoch === state.leaderEpoch;
  };
  // An idempotent producer (one producerId, a sequence per partition, one batch in flight per
  // partition) that retries a failed batch with the same sequence until it is acknowledged.
  let producerId = -1;
  const nextSeq = new Array<number>(partitions).fill(0);
  const pending = new Array<Buffer | null>(partitions).fill(null);
  const inFlight = new Array<boolean>(partitions).fill(false);
  const produceAt = (): void => {
    const partition = rnd.int(0, partitions - 1);
    if (inFlight[partition]) return;
    const leader = leaders.get(partition) ?? -1;
    if (leader < 0 || !cluster.isBrokerRunning(leader)) return refresh();
    if (producerId < 0) producerId = cluster.initProducerId(leader, null, -1, -1).producerId;
    const seq = nextSeq[partition]!;
    const batch = pending[partition] ?? batchOf([{ key: `k${seq % 7}`, value: `p${partition}-s${seq}` }], { producerId, producerEpoch: 0, baseSequence: seq });
    pending[partition] = batch;
    inFlight[partition] = true;
    attempted++;
    cluster.produce(leader, { acks: -1, timeoutMs: 5000, topics: [{ topic: TOPIC, partitions: [{ partition, records: batch }] }] }, (r) => {
      inFlight[partition] = false;
      const res = r.topics[0]!.partitions[0]!;
      if (res.errorName === 'NONE') {
        acked++;
        checker.recordAck(TOPIC, partition, res.baseOffset, batch);
        pending[partition] = null;
        nextSeq[partition]!++;
      } else if ((res.errorName === 'OUT_OF_ORDER_SEQUENCE_NUMBER' || res.errorName === 'INVALID_PRODUCER_EPOCH') && isCurrentLeader(leader, partition)) {
        // A stale (partitioned) leader may rightly answer OUT_OF_ORDER_SEQUENCE_NUMBER; the current one never should.
        if (!unclean) checker.violations.push(`producer got ${res.errorName} from current leader ${leader} for ${TOPIC}-${partition} seq ${seq}: ${res.errorMessage}`);
        // After an unclean election the leader may have lost sequences: start over as a new producer.
        producerId = -1;
        nextSeq.fill(0);
        pending.fill(null);
      } else if (res.currentLeader) leaders.set(partition, res.currentLeader.leaderId);
      else leaders.delete(partition);
    });
  };

  const powerLost = new Set<number>();
  cluster.runUntil(start + 100);
  refresh();
  let next = 0;
  let tick = 0;
  for (let t = start + 100; t < start + duration; t += rnd.int(20, 200)) {
    while (next < actions.length && start + actions[next]!.atMs <= t) {
      cluster.runUntil(start + actions[next]!.atMs);
      const command = actions[next++]!.command;
      if (!opts.powerLoss) cluster.command(command);
      else {
        for (const id of [...powerLost]) if (backInEveryIsr(cluster, id)) powerLost.delete(id);
        // While a power-lost broker is catching up, its replicas hold less than the ISR says; a second
        // broker fault then may lose acknowledged records on Kafka too (KIP-966's unclean-shutdown case).
        if (powerLost.size > 0 && (command.type === 'stop-broker' || command.type === 'isolate-broker')) continue;
        if (command.type === 'stop-broker' && !command.controlled && onePowerLossIsSafe(cluster, ids)) {
          cluster.command({ type: 'power-loss-broker', brokerId: command.brokerId });
          powerLost.add(command.brokerId);
        } else cluster.command(command);
      }
    }
    cluster.runUntil(t);
    produceAt();
    // Every third tick, two records: enough acknowledgements to place every loss in time, at a third of the appends.
    if (acks1 && tick++ % 3 === 0) acks1.produceAny();
  }
  // Heal everything and let the cluster settle (the coordinators' workload stops writing, so logs can converge).
  cluster.runUntil(start + duration);
  workload?.stop();
  for (const id of ids) {
    if (!cluster.isBrokerRunning(id)) cluster.command({ type: 'start-broker', brokerId: id });
    if (cluster.core.network.isIsolated(id)) cluster.command({ type: 'heal-broker', brokerId: id });
  }
  for (const a of ids) for (const b of ids) if (a < b) cluster.command({ type: 'set-link', fromBrokerId: a, toBrokerId: b, latencyMs: 0, lossRate: 0 });
  for (const nodeId of controllerIds) {
    if (!cluster.core.controller.quorum.isRunning(nodeId)) cluster.command({ type: 'start-controller', nodeId });
    if (cluster.core.network.isIsolated(nodeId)) cluster.command({ type: 'heal-controller', nodeId });
  }
  cluster.runUntil(start + duration + settle);
  if (!unclean) {
    checker.checkAllAcked();
    checker.checkIdempotentLogs([TOPIC]);
  }
  checker.checkConverged();
  if (workload) checker.violations.push(...workload.finalChecks());
  const lost = acks1?.lost() ?? [];
  // Unclean elections may lose anything acknowledged; the windows hold for clean ones.
  if (acks1 && !unclean) {
    const windowOptions = { topic: TOPIC, startMs: cluster.options.startTimeMs ?? SIM_EPOCH_MS, linkLatencyMs, heartbeatIntervalMs: cluster.core.num('broker.heartbeat.interval.ms'), sessionTimeoutMs: cluster.core.num('broker.session.timeout.ms') };
    checker.violations.push(...acks1LossViolations(lost, cluster.events, windowOptions).slice(0, 5));
  }
  const eventCounts: Record<string, number> = {};
  for (const e of cluster.events) eventCounts[e.type] = (eventCounts[e.type] ?? 0) + 1;
  const transactions = workload ? { committed: workload.outcome.committed, aborted: workload.outcome.aborted } : null;
  return { seed, violations: checker.violations, acked, attempted, events: cluster.sim.processedEvents, transactions, acks1: acks1 ? { acked: acks1.acks.length, lost: lost.length } : null, eventCounts, cluster };
}

/** Every broker running and connected, every partition's ISR complete: one broker's page cache may go. */
function onePowerLossIsSafe(cluster: SimCluster, ids: number[]): boolean {
  if (ids.some((id) => !cluster.isBrokerRunning(id) || cluster.core.network.isIsolated(id))) return false;
  for (const topic of cluster.core.controller.topics.values()) for (const p of topic.partitions) if (p.isr.length < p.replicas.length) return false;
  return true;
}

/** The broker is running and in the ISR of every partition it holds a replica of. */
function backInEveryIsr(cluster: SimCluster, brokerId: number): boolean {
  if (!cluster.isBrokerRunning(brokerId)) return false;
  for (const topic of cluster.core.controller.topics.values()) for (const p of topic.partitions) if (p.replicas.includes(brokerId) && !p.isr.includes(brokerId)) return false;
  return true;
}
