/**
 * The scenario JSON Schema (draft 2020-12) as data: the single source of
 * resources/scenarios/scenario.schema.json (schema.test.ts checks the committed file equals
 * `scenarioSchemaJson()`; regenerate with `npm run scenario -- --write-schema`). It mirrors the types in
 * src/shared/scenario-format.ts. `discriminator` (an OpenAPI keyword ajv understands; other
 * validators treat it as an annotation) makes ajv report the errors of the chosen `type` or
 * `check` branch only.
 */
type Json = Record<string, unknown>;
const str = (description?: string): Json => ({ type: 'string', minLength: 1, maxLength: 200, ...(description ? { description } : {}) });
const text = (description: string): Json => ({ type: 'string', maxLength: 4000, description });
const int = (description: string, min = 0, max?: number): Json => ({ type: 'integer', minimum: min, ...(max !== undefined ? { maximum: max } : {}), description });
const ms = (description: string): Json => int(description, 0, 600000);
const obj = (properties: Record<string, Json>, required: string[] = [], description?: string): Json => ({ type: 'object', additionalProperties: false, properties, required, ...(description ? { description } : {}) });
const configs: Json = { type: 'object', maxProperties: 50, propertyNames: { pattern: '^[a-z][a-z0-9._-]*$' }, additionalProperties: { type: 'string', maxLength: 1000 }, description: 'Kafka config names and values as in server.properties.' };
const nullableConfigs: Json = { ...configs, additionalProperties: { type: ['string', 'null'], maxLength: 1000 }, description: 'Kafka config names; a value sets it, null deletes it (back to the default).' };
const brokerId = int('Broker id (1..cluster.brokers).', 0, 100000);
const cmd = (type: string, props: Record<string, Json> = {}, required: string[] = [], description?: string): Json => obj({ type: { const: type }, ...props }, ['type', ...required], description);
const commands = [
  cmd('stop-broker', { brokerId, controlled: { type: 'boolean', description: 'true: controlled shutdown (leaders moved first); false/absent: a crash.' } }, ['brokerId'], 'Stop a broker process.'),
  cmd('power-loss-broker', { brokerId }, ['brokerId'], 'Power loss: the broker crashes and each of its replicas drops every record above its flushed offset (recoveryPoint; see flush.messages / flush.ms).'),
  cmd('start-broker', { brokerId }, ['brokerId'], 'Start a stopped broker.'),
  cmd('isolate-broker', { brokerId }, ['brokerId'], 'Cut a broker off the network (other brokers, controllers).'),
  cmd('heal-broker', { brokerId }, ['brokerId'], 'Reconnect an isolated broker.'),
  cmd('stop-controller', { nodeId: int('Dedicated controller node id (3000..).') }, ['nodeId'], 'Stop a dedicated KRaft controller.'),
  cmd('start-controller', { nodeId: int('Dedicated controller node id (3000..).') }, ['nodeId'], 'Start a dedicated KRaft controller.'),
  cmd('isolate-controller', { nodeId: int('Dedicated controller node id (3000..).') }, ['nodeId'], 'Cut a dedicated controller off the network.'),
  cmd('heal-controller', { nodeId: int('Dedicated controller node id (3000..).') }, ['nodeId'], 'Reconnect a dedicated controller.'),
  cmd('set-link', { fromBrokerId: brokerId, toBrokerId: brokerId, latencyMs: int('One-way latency, ms.', 0, 60000), lossRate: { type: 'number', minimum: 0, maximum: 1, description: 'Share of messages dropped, 0..1.' }, cut: { type: 'boolean', description: 'Cut the link entirely.' } }, ['fromBrokerId', 'toBrokerId', 'latencyMs', 'lossRate'], 'Slow, lossy or cut link between two nodes (both directions).'),
  cmd('elect-preferred-leader', { topic: str('Topic name.'), partition: int('Partition; all when absent.') }, ['topic'], 'ElectLeaders PREFERRED.'),
  cmd('elect-preferred-leaders', {}, [], 'ElectLeaders PREFERRED for every partition.'),
  cmd('elect-unclean-leader', { topic: str('Topic name.'), partition: int('Partition.') }, ['topic', 'partition'], 'ElectLeaders UNCLEAN for an offline partition (may lose records).'),
  cmd('reassign-partition', { topic: str('Topic name.'), partition: int('Partition.'), replicas: { type: 'array', items: brokerId, minItems: 1, maxItems: 9, description: 'Target replica list; the first is the preferred leader.' } }, ['topic', 'partition', 'replicas'], 'AlterPartitionReassignments.'),
  cmd('create-topic', { topic: str('Topic name.'), partitions: int('Partition count.', 1, 64), replicationFactor: int('Replication factor.', 1, 9), configs }, ['topic', 'partitions', 'replicationFactor'], 'CreateTopics during the run.'),
  cmd('delete-topic', { topic: str('Topic name.') }, ['topic'], 'DeleteTopics.'),
  cmd('add-partitions', { topic: str('Topic name.'), totalCount: int('New total partition count.', 1, 64) }, ['topic', 'totalCount'], 'CreatePartitions.'),
  cmd('alter-topic-config', { topic: str('Topic name.'), configs: nullableConfigs }, ['topic', 'configs'], 'IncrementalAlterConfigs on a TOPIC.'),
  cmd('inject-request-fault', {
    fault: obj({
      apiName: str("Kafka API name, e.g. Produce, Fetch, JoinGroup."),
      action: { oneOf: [
        obj({ kind: { const: 'error' }, errorName: { type: 'string', pattern: '^[A-Z_]+$', maxLength: 100, description: "Kafka error name, e.g. NOT_LEADER_OR_FOLLOWER." } }, ['kind', 'errorName'], 'Answer with this Kafka error.'),
        obj({ kind: { const: 'delay' }, delayMs: int('Response delay, wall-clock ms.', 1, 300000) }, ['kind', 'delayMs'], 'Delay the response.'),
        obj({ kind: { const: 'disconnect' } }, ['kind'], 'Close the connection.'),
      ] },
      count: int('Requests it hits.', 1, 10000),
      topic: str('Only requests naming this topic.'),
      partition: int('Only requests naming this partition of the topic.'),
      clientId: str('Only requests with this client.id.'),
      brokerId,
    }, ['apiName', 'action', 'count']),
  }, ['fault'], "Answer the next real clients' requests of an API with a Kafka error, a delay or a closed connection (not the scenario's simulated clients)."),
  cmd('clear-request-faults', { faultId: int('Request fault id; all when absent.', 1) }, [], 'Remove request faults.'),
  cmd('alter-broker-config', { brokerId: { type: ['integer', 'null'], minimum: 0, description: 'One broker, or null for the cluster-wide default.' }, configs: nullableConfigs }, ['brokerId', 'configs'], 'IncrementalAlterConfigs on a BROKER (dynamic configs only).'),
];
const group = str('Consumer group id.');
const member = str('Member name (client.id) in the group.');
const producer = str('Producer name.');
const clientActions = [
  cmd('member-join', { group, member }, ['group', 'member'], 'Start (or restart) a member: JoinGroup.'),
  cmd('member-crash', { group, member }, ['group', 'member'], 'Kill a member: no LeaveGroup; noticed after session.timeout.ms.'),
  cmd('member-leave', { group, member }, ['group', 'member'], 'Close a member: LeaveGroup now.'),
  cmd('producer-start', { producer }, ['producer'], 'Start a fresh producer instance (InitProducerId).'),
  cmd('producer-stop', { producer }, ['producer'], 'Close a producer gracefully.'),
  cmd('producer-crash', { producer }, ['producer'], 'Freeze a producer keeping its producerId/epoch (a zombie).'),
  cmd('producer-resume', { producer }, ['producer'], 'Wake a crashed producer with its old producerId/epoch.'),
  cmd('producer-tombstone', { producer, key: str('Record key to delete.') }, ['producer', 'key'], 'Send a tombstone: this key with a null value (deletes the key from a compacted topic).'),
  cmd('create-partitions', { topic: str('Topic name.'), totalCount: int('New total partition count.', 1, 64) }, ['topic', 'totalCount'], 'CreatePartitions: raise the partition count.'),
  cmd('seek', { group, topic: str('Topic name.'), partition: int('Partition; all when absent.'), offset: { oneOf: [int('Offset.'), { enum: ['earliest', 'latest'] }], description: 'Target offset, or earliest/latest.' } }, ['group', 'topic', 'offset'], 'Reset a group\'s position while it consumes.'),
];
const comparison = { eq: { type: 'number', description: 'Must equal.' }, min: { type: 'number', description: 'At least.' }, max: { type: 'number', description: 'At most.' } };
const common = { atMs: ms('Simulated ms to measure at; default durationMs.'), description: text('Shown with the result.'), ...comparison };
const tp = { topic: str('Topic name.'), partition: int('Partition.') };
const exp = (check: string, props: Record<string, Json>, required: string[], description: string): Json => ({ ...obj({ check: { const: check }, ...props, ...common }, ['check', ...required], description), anyOf: [{ required: ['eq'] }, { required: ['min'] }, { required: ['max'] }] });
const expectations = [
  exp('lost', { producer, lane: str('Lane name.') }, [], 'Acknowledged records absent from the final log (producer) or never processed (lane). Give producer or lane.'),
  exp('duplicated', { producer, lane: str('Lane name.') }, [], 'Ids stored (producer) or processed (lane) more than once. Give producer or lane.'),
  exp('acknowledged', { producer }, ['producer'], 'Records acknowledged to the producer.'),
  exp('failed', { producer, errorName: { type: 'string', pattern: '^[A-Z_]+$', description: 'Only this Kafka error.' } }, ['producer'], 'Records whose send failed.'),
  exp('processed', { lane: str('Lane name.') }, ['lane'], 'Distinct ids a lane processed.'),
  exp('leader', tp, ['topic', 'partition'], 'Leader broker id (-1: offline).'),
  exp('leader-epoch', tp, ['topic', 'partition'], 'Leader epoch.'),
  exp('isr', { ...tp, brokers: { type: 'array', items: brokerId, maxItems: 9, description: 'Exact ISR set expected.' } }, ['topic', 'partition'], 'ISR size (and set).'),
  exp('high-watermark', tp, ['topic', 'partition'], 'High watermark at the leader.'),
  exp('log-start-offset', tp, ['topic', 'partition'], 'logStartOffset at the leader.'),
  exp('lag', { group, topic: str('Topic name; all when absent.') }, ['group'], 'Sum of logEndOffset − committed offset.'),
  exp('committed-offset', { group, ...tp }, ['group', 'topic', 'partition'], 'Committed offset (-1: none).'),
  exp('error-seen', { client: str('Producer or member name.'), errorName: { type: 'string', pattern: '^[A-Z_]+$', description: 'Kafka error name.' } }, ['client', 'errorName'], 'How many times a client saw a Kafka error.'),
  exp('rebalances', { group }, ['group'], 'Rebalances (new generations) of a group.'),
];
const keys = { oneOf: [
  obj({ distribution: { const: 'none' } }, ['distribution'], 'Null keys.'),
  obj({ distribution: { const: 'round-robin' }, count: int('Distinct keys.', 1, 10000) }, ['distribution', 'count'], 'Keys k0..k{count-1} in turn.'),
  obj({ distribution: { const: 'uniform' }, count: int('Distinct keys.', 1, 10000) }, ['distribution', 'count'], 'Keys drawn uniformly.'),
  obj({ distribution: { const: 'hot' }, count: int('Distinct keys.', 1, 10000), hotShare: { type: 'number', minimum: 0, maximum: 1, description: 'Share of records with key k0.' } }, ['distribution', 'count', 'hotShare'], 'One hot key.'),
], description: 'How record keys are chosen.' };
const startAt = { type: ['integer', 'null'], minimum: 0, maximum: 600000, description: 'Simulated ms it starts; null: only a step starts it.' };
export const SCENARIO_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://kafka-lab.dev/schemas/scenario-1.json',
  title: 'Kafka Lab scenario',
  description: 'A scripted, checked Kafka lesson: cluster shape, topics, simulated producers and consumer groups, timed steps with narration and predict questions, and expected outcomes. Times are ms of simulated time from the start. Types: src/shared/scenario-format.ts.',
  type: 'object',
  additionalProperties: false,
  required: ['formatVersion', 'name', 'title', 'summary', 'durationMs', 'cluster', 'topics', 'steps'],
  properties: {
    $schema: { type: 'string', description: 'Schema reference for editors; ignored.' },
    formatVersion: { const: 1, description: 'Scenario format version.' },
    name: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$', description: 'Identifier: lower-case letters, digits, dashes; the file is <name>.json.' },
    title: str('Human title.'),
    summary: { type: 'string', minLength: 1, maxLength: 300, description: 'One line for --list and the picker.' },
    concepts: { type: 'array', items: str(), maxItems: 30, description: 'Kafka concepts taught.' },
    seed: int('Default seed.', 0, 2147483647),
    durationMs: int('Simulated ms the scenario runs.', 1, 600000),
    cluster: obj({
      brokers: int('Number of brokers (ids 1..n).', 1, 9),
      controllers: int('Dedicated KRaft controllers (ids 3000..); 0 = combined mode.', 0, 5),
      racks: { type: 'array', items: { type: ['string', 'null'], maxLength: 100 }, maxItems: 9, description: 'broker.rack per broker in id order.' },
      brokerConfig: configs,
    }, ['brokers', 'controllers'], 'Cluster shape and static broker configs.'),
    topics: { type: 'array', maxItems: 20, description: 'Topics created before time 0.', items: obj({
      name: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,249}$', description: 'Topic name.' },
      partitions: int('Partition count.', 1, 64),
      replicationFactor: int('Replication factor.', 1, 9),
      configs,
      replicaAssignment: { type: 'array', items: { type: 'array', items: brokerId, minItems: 1, maxItems: 9 }, maxItems: 64, description: 'Broker ids per partition; the first is the preferred leader.' },
    }, ['name', 'partitions', 'replicationFactor']) },
    producers: { type: 'array', maxItems: 12, description: 'Simulated producers (Java KafkaProducer defaults).', items: obj({
      name: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,64}$', description: 'client.id and record-id prefix.' },
      topic: str('Topic it writes to.'),
      ratePerSec: { type: 'number', exclusiveMinimum: 0, maximum: 500, description: 'Records per simulated second.' },
      maxRecords: int('Stop after this many records.', 1, 1000000),
      startAtMs: startAt,
      stopAtMs: ms('Simulated ms it stops.'),
      keys,
      acks: { enum: [0, 1, 'all'], description: 'acks (default all).' },
      enableIdempotence: { type: 'boolean', description: 'enable.idempotence (default: true with acks=all).' },
      transactionalId: str('transactional.id.'),
      recordsPerTransaction: int('Records per transaction (default 10).', 1, 10000),
      abortRatio: { type: 'number', minimum: 0, maximum: 1, description: 'Share of transactions aborted.' },
      retries: int('retries (default 2147483647).', 0, 2147483647),
      deliveryTimeoutMs: int('delivery.timeout.ms (default 120000).', 1, 600000),
      requestTimeoutMs: int('request.timeout.ms (default 30000).', 1, 600000),
      retryBackoffMs: int('retry.backoff.ms (default 100).', 0, 60000),
      lingerMs: int('linger.ms (default 5).', 0, 60000),
      valueBytes: int('Bytes per record value.', 1, 2097152),
    }, ['name', 'topic', 'ratePerSec']) },
    consumerGroups: { type: 'array', maxItems: 12, description: 'Simulated consumer groups.', items: obj({
      groupId: str('group.id.'),
      topics: { type: 'array', items: str('Topic.'), minItems: 1, maxItems: 20, description: 'Subscribed topics.' },
      members: { type: 'array', minItems: 1, maxItems: 16, description: 'Members.', items: obj({
        name: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,64}$', description: 'client.id.' },
        groupInstanceId: str('group.instance.id (static membership, KIP-345).'),
        startAtMs: startAt,
      }, ['name']) },
      processingMsPerRecord: { type: 'number', minimum: 0, maximum: 60000, description: 'Processing time per record, ms.' },
      commit: { enum: ['auto', 'before-processing', 'after-processing', 'transactional'], description: 'Commit strategy.' },
      autoCommitIntervalMs: int('auto.commit.interval.ms (default 5000).', 1, 600000),
      sessionTimeoutMs: int('session.timeout.ms (default 45000).', 1000, 600000),
      heartbeatIntervalMs: int('heartbeat.interval.ms (default 3000).', 100, 600000),
      maxPollRecords: int('max.poll.records (default 500).', 1, 10000),
      autoOffsetReset: { enum: ['earliest', 'latest', 'none'], description: 'auto.offset.reset (default latest).' },
      isolationLevel: { enum: ['read_uncommitted', 'read_committed'], description: 'isolation.level.' },
      transactionTimeoutMs: int('transaction.timeout.ms of transactional members (default 60000).', 1000, 900000),
      output: obj({ topic: str('Output topic.'), transactionalIdPrefix: str('transactional.id prefix.') }, ['topic'], 'Output of the transactional read-process-write loop.'),
    }, ['groupId', 'topics', 'members', 'processingMsPerRecord', 'commit']) },
    lanes: { type: 'array', maxItems: 12, description: 'Named pipelines counted separately.', items: obj({
      name: { type: 'string', pattern: '^[a-zA-Z0-9._-]{1,64}$', description: 'Lane name.' },
      title: str('Lane title.'),
      producer: str('Producer feeding the lane.'),
      group: str('Consumer group of the lane.'),
    }, ['name', 'title', 'producer']) },
    steps: { type: 'array', maxItems: 200, description: 'Timed steps.', items: obj({
      atMs: ms('Simulated ms from the start.'),
      title: str('Step title.'),
      text: text('Narration.'),
      actions: { type: 'array', maxItems: 20, items: { type: 'object', discriminator: { propertyName: 'type' }, required: ['type'], oneOf: [...commands, ...clientActions] }, description: 'Cluster commands and client actions run in order.' },
      predict: obj({
        question: text('The question.'),
        choices: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 500 }, minItems: 2, maxItems: 6, description: 'Choices.' },
        answer: int('Index of the right choice.', 0, 5),
        explanation: text('Why, shown with the answer.'),
      }, ['question', 'choices', 'answer', 'explanation'], 'Asked before the step; revealed after.'),
    }, ['atMs', 'title']) },
    expectations: { type: 'array', maxItems: 100, description: 'Expected outcomes.', items: { type: 'object', discriminator: { propertyName: 'check' }, required: ['check'], oneOf: expectations } },
  },
};

/** The committed file's text. */
export function scenarioSchemaJson(): string {
  return JSON.stringify(SCENARIO_SCHEMA, null, 2) + '\n';
}
