/**
 * `kafka-topics`: Kafka's TopicCommand (org.apache.kafka.tools.TopicCommand) as a kafkajs Admin
 * client: --create, --list, --describe (with --under-replicated-partitions,
 * --under-min-isr-partitions, --at-min-isr-partitions, --unavailable-partitions,
 * --topics-with-overrides), --alter --partitions, --delete. Output as TopicCommand prints it:
 * `Created topic <t>.`, and for --describe a `Topic: … PartitionCount: … ReplicationFactor: …
 * Configs: …` line per topic and a tab-separated `Topic: Partition: Leader: Replicas: Isr: Elr:
 * LastKnownElr:` line per partition. The partitions come from Metadata v12 sent with the
 * project's codec (protocol-client.ts: kafkajs refuses leaderless partitions and drops topic ids);
 * DescribeTopicPartitions (KIP-966) is not asked, so Elr/LastKnownElr print `N/A`
 * (as TopicCommand does for a broker that does not send them). Errors: `Error while executing
 * topic command : <message>`, exit 1.
 */
import type { Admin } from 'kafkajs';
import { keyValueArgs } from './client-config';
import type { Tool, ToolIo } from './io';
import { HELP_OPTION, intOption, refuseTogether, requireOptions, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { clientProperties, connectionSettings, kafkaClient, withAdmin } from './session';
import type { ConnectionSettings } from './protocol-client';
import { ZERO_UUID, type DescribeConfigsResourceResult } from '../broker/protocol';
import { describeTopicConfigs, fetchMetadata } from './cluster-queries';
import { isInternalTopic, topicMatcher } from './topic-filter';
import { runTool } from './run-tool';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: server to connect to', description: 'REQUIRED: The Kafka server to connect to.' },
  { name: 'command-config', arg: 'String: command config property file', description: 'Property file containing configs to be passed to Admin Client.' },
  { name: 'list', description: 'List all available topics.' },
  { name: 'create', description: 'Create a new topic.' },
  { name: 'delete', description: 'Delete a topic' },
  { name: 'alter', description: 'Alter the number of partitions and replica assignment.' },
  { name: 'describe', description: 'List details for the given topics.' },
  { name: 'topic', arg: 'String: topic', description: 'The topic to create, alter, describe or delete. It also accepts a regular expression, except for --create option.' },
  { name: 'topic-id', arg: 'String: topic-id', description: 'The topic-id to describe. (not supported here: kafkajs does not return topic IDs)' },
  { name: 'config', arg: 'String: name=value', description: 'A topic configuration override for the topic being created.' },
  { name: 'partitions', arg: 'Integer: # of partitions', description: 'The number of partitions for the topic being created or altered.' },
  { name: 'replication-factor', arg: 'Integer: replication factor', description: 'The replication factor for each partition in the topic being created.' },
  { name: 'replica-assignment', arg: 'String: broker_id_for_part1_replica1 : broker_id_for_part1_replica2 , ...', description: 'A list of manual partition-to-broker assignments for the topic being created.' },
  { name: 'under-replicated-partitions', description: 'if set when describing topics, only show under replicated partitions' },
  { name: 'under-min-isr-partitions', description: 'if set when describing topics, only show partitions whose isr count is less than the configured minimum.' },
  { name: 'at-min-isr-partitions', description: 'if set when describing topics, only show partitions whose isr count is equal to the configured minimum.' },
  { name: 'unavailable-partitions', description: 'if set when describing topics, only show partitions whose leader is not available' },
  { name: 'topics-with-overrides', description: 'if set when describing topics, only show topics that have overridden configs' },
  { name: 'if-exists', description: 'if set when altering or deleting or describing topics, the action will only execute if the topic exists.' },
  { name: 'if-not-exists', description: 'if set when creating topics, the action will only execute if the topic does not already exist.' },
  { name: 'exclude-internal', description: 'exclude internal topics when running list or describe command.' },
  { name: 'partition-size-limit-per-response', arg: 'Integer: maximum number of partitions per response', description: 'The maximum partition size to be included in one DescribeTopicPartitions response.' },
  HELP_OPTION, VERSION_OPTION,
];

const ACTIONS = ['list', 'describe', 'create', 'alter', 'delete'];

export const kafkaTopics: Tool = (argv, io) => runTool('kafka-topics', SPECS, argv, io, 'Error while executing topic command : ', 'This tool helps to create, delete, describe, or change a topic.', topicCommand);

async function topicCommand(options: ParsedOptions, io: ToolIo): Promise<number> {
  if (ACTIONS.filter((a) => options.has(a)).length !== 1) throw new UsageError('Command must include exactly one action: --list, --describe, --create, --alter or --delete');
  requireOptions(options, 'bootstrap-server');
  if (options.has('create') || options.has('alter') || options.has('delete')) requireOptions(options, 'topic');
  if (options.has('topic-id')) throw new UsageError('--topic-id is not supported: kafkajs does not return topic IDs; name the topic with --topic');
  refuseTogether(options, 'config', ['list', 'describe', 'delete', 'alter']);
  refuseTogether(options, 'replication-factor', ['list', 'describe', 'delete', 'alter']);
  refuseTogether(options, 'partitions', ['list', 'describe', 'delete']);
  for (const report of ['under-replicated-partitions', 'under-min-isr-partitions', 'at-min-isr-partitions', 'unavailable-partitions', 'topics-with-overrides']) {
    refuseTogether(options, report, ['list', 'create', 'delete', 'alter']);
  }
  if (options.has('alter')) requireOptions(options, 'partitions');
  const props = clientProperties(options, 'command-config');
  const settings = connectionSettings(options, props, 'kafka-topics');
  const kafka = kafkaClient(options, props, 'kafka-topics');
  return withAdmin(kafka, async (admin) => {
    if (options.has('create')) return createTopic(admin, options, io);
    const include = topicMatcher(options.value('topic'));
    const listed = (await fetchMetadata(settings, null)).topics.filter((t) => t.errorCode === 0 && t.name !== null).map((t) => t.name!);
    const all = listed.filter((t) => include(t) && !(options.has('exclude-internal') && isInternalTopic(t))).sort();
    if (options.has('list')) {
      io.out(all.length ? `${all.join('\n')}\n` : '\n');
      return 0;
    }
    if (all.length === 0 && options.has('topic') && !options.has('if-exists')) {
      throw new Error(`Topic '${options.value('topic')}' does not exist as expected`);
    }
    if (all.length === 0) return 0;
    if (options.has('delete')) {
      await admin.deleteTopics({ topics: all });
      return 0;
    }
    if (options.has('alter')) {
      const count = intOption(options, 'partitions')!;
      await admin.createPartitions({ topicPartitions: all.map((topic) => ({ topic, count })) });
      return 0;
    }
    await describeTopics(settings, all, options, io);
    return 0;
  });
}

async function createTopic(admin: Admin, options: ParsedOptions, io: ToolIo): Promise<number> {
  const topic = options.value('topic')!;
  const partitions = intOption(options, 'partitions');
  const replicationFactor = intOption(options, 'replication-factor');
  if (replicationFactor !== undefined && (replicationFactor < 1 || replicationFactor > 32767)) throw new Error('The replication factor must be between 1 and 32767 inclusive');
  if (partitions !== undefined && partitions < 1) throw new Error('The partitions must be greater than 0');
  if (/[._]/.test(topic)) io.out("WARNING: Due to limitations in metric names, topics with a period ('.') or underscore ('_') could collide. To avoid issues it is best to use either, but not both.\n");
  const configs = keyValueArgs(options.values('config'), '--config');
  const assignment = options.value('replica-assignment');
  const replicaAssignment = assignment?.split(',').map((replicas, partition) => ({ partition, replicas: replicas.split(':').map((b) => Number(b.trim())) }));
  if (replicaAssignment?.some((a) => a.replicas.some((b) => !Number.isInteger(b)))) throw new UsageError(`Invalid --replica-assignment ${assignment}`);
  const created = await admin.createTopics({
    waitForLeaders: true,
    topics: [{
      topic,
      ...(replicaAssignment ? { replicaAssignment } : { numPartitions: partitions ?? -1, replicationFactor: replicationFactor ?? -1 }),
      configEntries: Object.entries(configs).map(([name, value]) => ({ name, value })),
    }],
  });
  if (!created) {
    if (options.has('if-not-exists')) return 0;
    throw new Error(`Topic '${topic}' already exists.`);
  }
  io.out(`Created topic ${topic}.\n`);
  return 0;
}

type ConfigEntry = DescribeConfigsResourceResult;
/** Kafka's ConfigEntry.ConfigSource.DEFAULT_CONFIG in DescribeConfigs v1+. */
const DEFAULT_CONFIG_SOURCE = 5;
const isDefaultEntry = (e: ConfigEntry) => (e.configSource !== undefined ? e.configSource === DEFAULT_CONFIG_SOURCE : e.isDefault === true);

async function describeTopics(settings: ConnectionSettings, topics: string[], options: ParsedOptions, io: ToolIo): Promise<void> {
  const described = await fetchMetadata(settings, topics);
  const metadata = described.topics.filter((t) => t.errorCode === 0 && t.name !== null);
  const configsOf = await describeTopicConfigs(settings, metadata.map((t) => t.name!));
  // TopicCommand takes the live brokers from DescribeCluster; Metadata lists the same (registered, unfenced) brokers.
  const liveBrokers = new Set(described.brokers.map((b) => b.nodeId));
  const reports = {
    underReplicated: options.has('under-replicated-partitions'),
    underMinIsr: options.has('under-min-isr-partitions'),
    atMinIsr: options.has('at-min-isr-partitions'),
    unavailable: options.has('unavailable-partitions'),
  };
  const describeConfigs = !reports.underReplicated && !reports.underMinIsr && !reports.atMinIsr && !reports.unavailable;
  const byName = new Map(metadata.map((t) => [t.name!, t]));
  for (const name of topics) {
    const topic = byName.get(name);
    if (!topic) continue;
    const entries = configsOf.get(name) ?? [];
    const overrides = entries.filter((e) => !isDefaultEntry(e));
    const partitions = [...topic.partitions].sort((a, b) => a.partitionIndex - b.partitionIndex);
    if (options.has('topics-with-overrides')) {
      if (overrides.length === 0) continue;
    }
    if (describeConfigs) io.out(`${topicLine(name, topic.topicId, partitions.length, partitions[0]?.replicaNodes.length ?? 0, overrides)}\n`);
    if (options.has('topics-with-overrides')) continue;
    const minIsr = Number(entries.find((e) => e.name === 'min.insync.replicas')?.value ?? 1);
    for (const p of partitions) {
      const hasLeader = p.leaderId >= 0;
      const show = describeConfigs
        || (reports.underReplicated && p.replicaNodes.length - p.isrNodes.length > 0)
        || (reports.underMinIsr && (!hasLeader || p.isrNodes.length < minIsr))
        || (reports.atMinIsr && p.isrNodes.length === minIsr)
        || (reports.unavailable && (!hasLeader || !liveBrokers.has(p.leaderId)));
      if (!show) continue;
      io.out(`\tTopic: ${name}\tPartition: ${p.partitionIndex}\tLeader: ${hasLeader ? p.leaderId : 'none'}\tReplicas: ${p.replicaNodes.join(',')}\tIsr: ${p.isrNodes.join(',')}\tElr: N/A\tLastKnownElr: N/A\n`);
    }
  }
}

function topicLine(name: string, topicId: string | undefined, partitionCount: number, replicationFactor: number, overrides: ConfigEntry[]): string {
  const configs = overrides.map((e) => `${e.name}=${e.value ?? ''}`).join(',');
  const id = topicId && topicId !== ZERO_UUID ? `\tTopicId: ${topicId}` : '';
  return `Topic: ${name}${id}\tPartitionCount: ${partitionCount}\tReplicationFactor: ${replicationFactor}\tConfigs: ${configs}`;
}
