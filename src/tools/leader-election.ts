/**
 * `kafka-leader-election`: Kafka's LeaderElectionCommand (org.apache.kafka.tools.LeaderElectionCommand,
 * KIP-460): --election-type preferred|unclean for --topic T --partition P, the partitions of
 * --path-to-json-file (`{"partitions":[{"topic":"t","partition":0}]}`) or --all-topic-partitions,
 * through ElectLeaders v2 sent with the project's codec (protocol-client.ts; kafkajs has no
 * ElectLeaders). Prints `Successfully completed leader election (PREFERRED) for partitions t-0, …`,
 * `Valid replica already elected for partitions …` (ELECTION_NOT_NEEDED) and, per failure,
 * `Error completing leader election (PREFERRED) for partition: t-0: <error>`, then exits 1 with
 * `N replica(s) could not be elected`.
 */
import { readFileSync } from 'node:fs';
import { errorName, type ElectLeadersResponse } from '../broker/protocol';
import type { Tool, ToolIo } from './io';
import { HELP_OPTION, intOption, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { openBootstrap } from './protocol-client';
import { runTool } from './run-tool';
import { clientProperties, connectionSettings } from './session';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: host:port', description: 'A hostname and port for the broker to connect to, in the form host:port. Multiple comma separated URLs can be given. REQUIRED.' },
  { name: 'admin.config', arg: 'String: config file', description: 'Configuration properties files to pass to the admin client' },
  { name: 'command-config', arg: 'String: config file', description: 'Same as --admin.config.' },
  { name: 'election-type', arg: 'String: election type', description: 'Type of election to attempt. Possible values are "preferred" for preferred leader election or "unclean" for unclean leader election. REQUIRED.' },
  { name: 'topic', arg: 'String: topic name', description: 'Name of topic for which to perform an election. REQUIRED if --partition is specified.' },
  { name: 'partition', arg: 'Integer: partition id', description: 'Partition id for which to perform an election. REQUIRED if --topic is specified.' },
  { name: 'path-to-json-file', arg: 'String: Path to JSON file', description: 'The JSON file with the list of partition for which leader elections should be performed.' },
  { name: 'all-topic-partitions', description: 'Perform election on all of the eligible topic partitions based on the type of election.' },
  HELP_OPTION, VERSION_OPTION,
];

export const leaderElection: Tool = (argv, io) => runTool('kafka-leader-election', SPECS, argv, io, 'Error: ', 'This tool attempts to elect a new leader for a set of topic partitions. The type of elections supported are preferred replicas and unclean replicas.', run);

/** Kafka's ErrorCodes of ElectLeaders answers the tool treats apart. */
const ELECTION_NOT_NEEDED = 84;
const ELECTION_TYPES: Record<string, number> = { preferred: 0, unclean: 1 };

function partitionsOf(options: ParsedOptions): { topic: string; partitions: number[] }[] | null {
  const sources = ['all-topic-partitions', 'topic', 'path-to-json-file'].filter((o) => options.has(o));
  if (sources.length !== 1) throw new UsageError('One and only one of the following options is required: all-topic-partitions, topic, path-to-json-file');
  if (options.has('all-topic-partitions')) return null;
  if (options.has('topic')) {
    const partition = intOption(options, 'partition');
    if (partition === undefined) throw new UsageError('Missing required option(s) [partition]');
    return [{ topic: options.value('topic')!, partitions: [partition] }];
  }
  let parsed: { partitions?: { topic?: unknown; partition?: unknown }[] };
  try {
    parsed = JSON.parse(readFileSync(options.value('path-to-json-file')!, 'utf8'));
  } catch (err) {
    throw new UsageError(`Cannot read the partitions of ${options.value('path-to-json-file')}: ${(err as Error).message}`);
  }
  const byTopic = new Map<string, number[]>();
  for (const p of parsed.partitions ?? []) {
    if (typeof p.topic !== 'string' || !Number.isInteger(p.partition)) throw new UsageError(`Each partition needs a topic and a partition: ${JSON.stringify(p)}`);
    byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition as number]);
  }
  return [...byTopic].map(([topic, partitions]) => ({ topic, partitions }));
}

async function run(options: ParsedOptions, io: ToolIo): Promise<number> {
  if (!options.has('bootstrap-server')) throw new UsageError('Missing required option(s) [bootstrap-server]');
  const typeName = (options.value('election-type') ?? '').toLowerCase();
  if (!(typeName in ELECTION_TYPES)) throw new UsageError(options.has('election-type') ? `Unknown election type: ${options.value('election-type')}` : 'Missing required option(s) [election-type]');
  const topicPartitions = partitionsOf(options);
  const props = clientProperties(options, options.has('admin.config') ? 'admin.config' : 'command-config');
  const connection = await openBootstrap(connectionSettings(options, props, 'kafka-leader-election'));
  let response: ElectLeadersResponse;
  try {
    response = await connection.call<ElectLeadersResponse>(43, 2, { electionType: ELECTION_TYPES[typeName], topicPartitions, timeoutMs: 60_000 });
  } finally {
    connection.close();
  }
  if (response.errorCode) throw new Error(errorName(response.errorCode));
  const type = typeName.toUpperCase();
  const succeeded: string[] = [];
  const noop: string[] = [];
  const failed: string[] = [];
  for (const topic of response.replicaElectionResults) {
    for (const p of topic.partitionResult) {
      const name = `${topic.topic}-${p.partitionId}`;
      if (p.errorCode === 0) succeeded.push(name);
      else if (p.errorCode === ELECTION_NOT_NEEDED) noop.push(name);
      else failed.push(`Error completing leader election (${type}) for partition: ${name}: ${errorName(p.errorCode)}${p.errorMessage ? `: ${p.errorMessage}` : ''}`);
    }
  }
  if (succeeded.length) io.out(`Successfully completed leader election (${type}) for partitions ${succeeded.join(', ')}\n`);
  if (noop.length) io.out(`Valid replica already elected for partitions ${noop.join(', ')}\n`);
  if (failed.length) {
    io.out(failed.map((l) => `${l}\n`).join(''));
    io.err(`Error: ${failed.length} replica(s) could not be elected\n`);
    return 1;
  }
  return 0;
}
