/**
 * The checks a JSON Schema cannot express: references (topics, brokers, controllers, producers,
 * groups, members, lanes) resolve, steps lie inside the duration in time order, the producer
 * configs agree the way the Java client insists (KafkaProducer / ProducerConfig: idempotence needs
 * acks=all, transactions need idempotence), and the work stays within SCENARIO_LIMITS.
 */
import type { ScenarioAction, ScenarioDocument } from '../../shared/scenario-format';
import { SCENARIO_LIMITS } from '../../shared/scenario-format';
import type { ScenarioError } from './parse';

export const CONTROLLER_BASE_ID = 3000;

export function semanticErrors(doc: ScenarioDocument): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  const brokers = doc.cluster.brokers;
  const controllers = doc.cluster.controllers;
  const brokerRange = `brokers are 1..${brokers}`;
  const knownBroker = (id: number) => Number.isInteger(id) && id >= 1 && id <= brokers;
  const knownController = (id: number) => id >= CONTROLLER_BASE_ID && id < CONTROLLER_BASE_ID + controllers;
  const controllerRange = controllers === 0 ? 'this scenario runs in combined mode: it has no dedicated controllers (use the broker commands)' : `controllers are ${CONTROLLER_BASE_ID}..${CONTROLLER_BASE_ID + controllers - 1}`;

  if ((doc.cluster.racks?.length ?? 0) > brokers) err('cluster.racks', `lists ${doc.cluster.racks!.length} racks for ${brokers} brokers`);

  // Topics: declared ones, plus those a create-topic step makes (with their largest partition count).
  const partitions = new Map<string, number>();
  let totalPartitions = 0;
  doc.topics.forEach((t, i) => {
    const path = `topics[${i}]`;
    if (partitions.has(t.name)) err(`${path}.name`, `topic ${t.name} is declared twice`);
    partitions.set(t.name, t.partitions);
    totalPartitions += t.partitions * t.replicationFactor;
    if (t.replicationFactor > brokers) err(`${path}.replicationFactor`, `INVALID_REPLICATION_FACTOR: replication factor ${t.replicationFactor} is larger than the ${brokers} brokers`);
    if (t.replicaAssignment) {
      if (t.replicaAssignment.length !== t.partitions) err(`${path}.replicaAssignment`, `has ${t.replicaAssignment.length} entries for ${t.partitions} partitions`);
      t.replicaAssignment.forEach((replicas, p) => {
        if (replicas.length !== t.replicationFactor) err(`${path}.replicaAssignment[${p}]`, `has ${replicas.length} replicas; replicationFactor is ${t.replicationFactor}`);
        if (new Set(replicas).size !== replicas.length) err(`${path}.replicaAssignment[${p}]`, 'lists a broker twice');
        replicas.forEach((b, r) => { if (!knownBroker(b)) err(`${path}.replicaAssignment[${p}][${r}]`, `unknown broker ${b} (${brokerRange})`); });
      });
    }
  });
  for (const s of doc.steps) for (const a of s.actions ?? []) {
    if (a.type === 'create-topic') { partitions.set(a.topic, Math.max(partitions.get(a.topic) ?? 0, a.partitions)); totalPartitions += a.partitions * a.replicationFactor; }
    if ((a.type === 'add-partitions' || a.type === 'create-partitions') && partitions.has(a.topic)) partitions.set(a.topic, Math.max(partitions.get(a.topic)!, a.totalCount));
  }
  if (totalPartitions > SCENARIO_LIMITS.maxPartitionsTotal * 3) err('topics', `asks for ${totalPartitions} replicas in all; the limit is ${SCENARIO_LIMITS.maxPartitionsTotal * 3}`);
  const topicRef = (path: string, topic: string) => { if (!partitions.has(topic)) err(path, `unknown topic ${topic} (declare it in topics or create it in an earlier step)`); };
  const partitionRef = (path: string, topic: string, partition: number | undefined) => {
    topicRef(`${path}.topic`, topic);
    const n = partitions.get(topic);
    if (n !== undefined && partition !== undefined && partition >= n) err(`${path}.partition`, `UNKNOWN_TOPIC_OR_PARTITION: ${topic} has partitions 0..${n - 1}`);
  };

  const producers = new Map<string, number>();
  let totalRate = 0;
  (doc.producers ?? []).forEach((p, i) => {
    const path = `producers[${i}]`;
    if (producers.has(p.name)) err(`${path}.name`, `producer ${p.name} is declared twice`);
    producers.set(p.name, i);
    topicRef(`${path}.topic`, p.topic);
    totalRate += p.ratePerSec;
    const acks = p.acks ?? 'all';
    if (p.enableIdempotence === true && acks !== 'all') err(`${path}.enableIdempotence`, `Must set acks to all in order to use the idempotent producer (acks is ${acks})`);
    if (p.transactionalId !== undefined) {
      if (acks !== 'all') err(`${path}.acks`, 'a transactional producer needs acks "all" (transactional.id enables idempotence)');
      if (p.enableIdempotence === false) err(`${path}.enableIdempotence`, 'Cannot set a transactional.id without also enabling idempotence');
    }
    if ((p.recordsPerTransaction !== undefined || p.abortRatio !== undefined) && p.transactionalId === undefined) err(`${path}.transactionalId`, 'recordsPerTransaction and abortRatio need a transactionalId');
    if (p.stopAtMs !== undefined && p.stopAtMs > doc.durationMs) err(`${path}.stopAtMs`, `is after the end (durationMs ${doc.durationMs})`);
    if (typeof p.startAtMs === 'number' && p.startAtMs > doc.durationMs) err(`${path}.startAtMs`, `is after the end (durationMs ${doc.durationMs})`);
  });
  if (totalRate > SCENARIO_LIMITS.maxRateTotal) err('producers', `produce ${totalRate} records/s in all; the limit is ${SCENARIO_LIMITS.maxRateTotal}`);
  // Work and memory: what every producer could send over the run (a producer started by a step may run from 0).
  let records = 0;
  let bytes = 0;
  for (const p of doc.producers ?? []) {
    const from = typeof p.startAtMs === 'number' ? p.startAtMs : 0;
    const n = Math.min(p.maxRecords ?? Infinity, Math.ceil((p.ratePerSec * Math.max(0, (p.stopAtMs ?? doc.durationMs) - from)) / 1000));
    records += n;
    bytes += n * Math.max(p.valueBytes ?? 0, p.name.length + 8);
  }
  if (records > SCENARIO_LIMITS.maxRecordsTotal) err('producers', `would send up to ${records} records; the limit is ${SCENARIO_LIMITS.maxRecordsTotal} (lower ratePerSec, stopAtMs or maxRecords)`);
  if (bytes > SCENARIO_LIMITS.maxBytesTotal) err('producers', `would send up to ${Math.round(bytes / 1024 / 1024)} MiB of record values; the limit is ${SCENARIO_LIMITS.maxBytesTotal / 1024 / 1024} MiB (lower valueBytes, ratePerSec or maxRecords)`);

  const groups = new Map<string, Set<string>>();
  const clients = new Set(producers.keys());
  (doc.consumerGroups ?? []).forEach((g, i) => {
    const path = `consumerGroups[${i}]`;
    if (groups.has(g.groupId)) err(`${path}.groupId`, `group ${g.groupId} is declared twice`);
    const members = new Set<string>();
    g.members.forEach((m, j) => {
      if (members.has(m.name)) err(`${path}.members[${j}].name`, `member ${m.name} is declared twice in group ${g.groupId}`);
      members.add(m.name);
      clients.add(m.name);
    });
    groups.set(g.groupId, members);
    g.topics.forEach((t, j) => topicRef(`${path}.topics[${j}]`, t));
    if (g.commit === 'transactional') {
      if (!g.output) err(`${path}.output`, 'commit "transactional" needs an output topic (read-process-write)');
      if (g.isolationLevel === 'read_uncommitted') err(`${path}.isolationLevel`, 'commit "transactional" reads with read_committed');
    }
    if (g.output) topicRef(`${path}.output.topic`, g.output.topic);
  });

  const lanes = new Set<string>();
  (doc.lanes ?? []).forEach((l, i) => {
    const path = `lanes[${i}]`;
    if (lanes.has(l.name)) err(`${path}.name`, `lane ${l.name} is declared twice`);
    lanes.add(l.name);
    if (!producers.has(l.producer)) err(`${path}.producer`, `unknown producer ${l.producer}`);
    if (l.group !== undefined && !groups.has(l.group)) err(`${path}.group`, `unknown consumer group ${l.group}`);
  });

  const memberRef = (path: string, group: string, member?: string) => {
    const members = groups.get(group);
    if (!members) err(`${path}.group`, `unknown consumer group ${group}`);
    else if (member !== undefined && !members.has(member)) err(`${path}.member`, `group ${group} has no member ${member}`);
  };
  const producerRef = (path: string, name: string) => { if (!producers.has(name)) err(path, `unknown producer ${name}`); };

  let lastAt = 0;
  doc.steps.forEach((s, i) => {
    const path = `steps[${i}]`;
    if (s.atMs > doc.durationMs) err(`${path}.atMs`, `${s.atMs} is after the end of the scenario (durationMs ${doc.durationMs})`);
    if (s.atMs < lastAt) err(`${path}.atMs`, `${s.atMs} is before the previous step (${lastAt}); steps run in time order`);
    lastAt = Math.max(lastAt, s.atMs);
    if (s.predict && s.predict.answer >= s.predict.choices.length) err(`${path}.predict.answer`, `is ${s.predict.answer}, but there are ${s.predict.choices.length} choices (0..${s.predict.choices.length - 1})`);
    (s.actions ?? []).forEach((a, j) => checkAction(a, `${path}.actions[${j}]`));
  });

  function checkAction(a: ScenarioAction, path: string): void {
    switch (a.type) {
      case 'stop-broker': case 'power-loss-broker': case 'start-broker': case 'isolate-broker': case 'heal-broker':
        if (!knownBroker(a.brokerId)) err(`${path}.brokerId`, `unknown broker ${a.brokerId} (${brokerRange})`);
        return;
      case 'stop-controller': case 'start-controller': case 'isolate-controller': case 'heal-controller':
        if (!knownController(a.nodeId)) err(`${path}.nodeId`, `unknown controller ${a.nodeId} (${controllerRange})`);
        return;
      case 'inject-request-fault':
        if (a.fault.brokerId !== undefined && !knownBroker(a.fault.brokerId)) err(`${path}.fault.brokerId`, `unknown broker ${a.fault.brokerId} (${brokerRange})`);
        return;
      case 'set-link':
        for (const k of ['fromBrokerId', 'toBrokerId'] as const) if (!knownBroker(a[k]) && !knownController(a[k])) err(`${path}.${k}`, `unknown node ${a[k]} (${brokerRange})`);
        return;
      case 'reassign-partition':
        partitionRef(path, a.topic, a.partition);
        a.replicas.forEach((b, r) => { if (!knownBroker(b)) err(`${path}.replicas[${r}]`, `unknown broker ${b} (${brokerRange})`); });
        return;
      case 'elect-preferred-leader': case 'elect-unclean-leader':
        return partitionRef(path, a.topic, a.partition);
      case 'add-partitions': case 'create-partitions': case 'alter-topic-config': case 'delete-topic':
        return topicRef(`${path}.topic`, a.topic);
      case 'alter-broker-config':
        if (a.brokerId !== null && !knownBroker(a.brokerId)) err(`${path}.brokerId`, `unknown broker ${a.brokerId} (${brokerRange})`);
        return;
      case 'member-join': case 'member-crash': case 'member-leave':
        return memberRef(path, a.group, a.member);
      case 'producer-start': case 'producer-stop': case 'producer-crash': case 'producer-resume':
        return producerRef(`${path}.producer`, a.producer);
      case 'producer-tombstone': {
        producerRef(`${path}.producer`, a.producer);
        const i = producers.get(a.producer);
        if (i !== undefined && doc.producers![i]!.transactionalId !== undefined) err(`${path}.producer`, `tombstones are sent by non-transactional producers only; ${a.producer} has a transactionalId`);
        return;
      }
      case 'seek':
        memberRef(path, a.group);
        return partitionRef(path, a.topic, a.partition);
      case 'create-topic':
        if (a.replicationFactor > brokers) err(`${path}.replicationFactor`, `INVALID_REPLICATION_FACTOR: replication factor ${a.replicationFactor} is larger than the ${brokers} brokers`);
        return;
      default:
        err(`${path}.type`, `${(a as { type: string }).type} cannot run in a scenario`);
    }
  }

  (doc.expectations ?? []).forEach((e, i) => {
    const path = `expectations[${i}]`;
    if (e.atMs !== undefined && e.atMs > doc.durationMs) err(`${path}.atMs`, `${e.atMs} is after the end of the scenario (durationMs ${doc.durationMs})`);
    if (e.min !== undefined && e.max !== undefined && e.min > e.max) err(`${path}.min`, `min ${e.min} is above max ${e.max}`);
    switch (e.check) {
      case 'lost': case 'duplicated':
        if ((e.producer === undefined) === (e.lane === undefined)) err(path, `${e.check} needs exactly one of producer or lane`);
        if (e.producer !== undefined) producerRef(`${path}.producer`, e.producer);
        if (e.lane !== undefined && !lanes.has(e.lane)) err(`${path}.lane`, `unknown lane ${e.lane}`);
        return;
      case 'acknowledged': case 'failed':
        return producerRef(`${path}.producer`, e.producer);
      case 'processed':
        if (!lanes.has(e.lane)) err(`${path}.lane`, `unknown lane ${e.lane}`);
        return;
      case 'leader': case 'leader-epoch': case 'isr': case 'high-watermark': case 'log-start-offset':
        return partitionRef(path, e.topic, e.partition);
      case 'lag': case 'rebalances':
        memberRef(path, e.group);
        if (e.check === 'lag' && e.topic !== undefined) topicRef(`${path}.topic`, e.topic);
        return;
      case 'committed-offset':
        memberRef(path, e.group);
        return partitionRef(path, e.topic, e.partition);
      case 'error-seen':
        if (!clients.has(e.client)) err(`${path}.client`, `unknown client ${e.client} (a producer or member name)`);
        return;
    }
  });
  return errors;
}
