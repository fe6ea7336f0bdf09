/**
 * `kafka-console-consumer`: Kafka's ConsoleConsumer (org.apache.kafka.tools.consumer.ConsoleConsumer)
 * as a kafkajs consumer, printing with message-formatter.ts (Kafka's DefaultMessageFormatter).
 * Checks the command line as ConsoleConsumerOptions does, in Kafka's words. Without --group it
 * joins a group of its own, `console-consumer-<n>`, and commits nothing (as Kafka does for its
 * generated group); with --group it commits what it printed when it stops (and every 5 s, Kafka's
 * auto.commit.interval.ms). kafkajs has no assign(): --partition subscribes to the topic and prints
 * that partition only, starting at --offset (earliest, latest or a number). Stops after
 * --max-messages records, after --timeout-ms without a record (Kafka's TimeoutException line on
 * stderr), or on SIGINT/SIGTERM; then prints `Processed a total of N messages` to stderr.
 * --isolation-level read_committed|read_uncommitted (Kafka's default: read_uncommitted).
 */
import { randomInt } from 'node:crypto';
import type { Consumer, KafkaMessage } from 'kafkajs';
import { keyValueArgs } from './client-config';
import type { Tool, ToolIo } from './io';
import { formatRecord, formatterProps } from './message-formatter';
import { HELP_OPTION, intOption, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { runTool } from './run-tool';
import { clientProperties, kafkaClient } from './session';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: server to connect to', description: 'REQUIRED: The server(s) to connect to.' },
  { name: 'topic', arg: 'String: topic', description: 'The topic to consume on.' },
  { name: 'include', arg: 'String: Java regex (String)', description: 'Regular expression specifying list of topics to include for consumption.' },
  { name: 'partition', arg: 'Integer: partition', description: 'The partition to consume from. Consumption starts from the end of the partition unless \'--offset\' is specified.' },
  { name: 'offset', arg: 'String: consume offset', description: "The offset to consume from (a non-negative number), or 'earliest' which means from beginning, or 'latest' which means from end (default: latest)" },
  { name: 'group', arg: 'String: consumer group id', description: 'The consumer group id of the consumer.' },
  { name: 'from-beginning', description: 'If the consumer does not already have an established offset to consume from, start with the earliest message present in the log rather than the latest message.' },
  { name: 'max-messages', arg: 'Integer: num_messages', description: 'The maximum number of messages to consume before exiting. If not set, consumption is continual.' },
  { name: 'timeout-ms', arg: 'Long: timeout_ms', description: 'If specified, exit if no message is available for consumption for the specified interval.' },
  { name: 'property', arg: 'String: prop', description: 'The properties to initialize the message formatter: print.timestamp, print.key, print.offset, print.partition, print.headers, print.value, key.separator, line.separator, headers.separator, headers.key.separator, null.literal.' },
  { name: 'formatter-property', arg: 'String: prop', description: 'Same as --property.' },
  { name: 'consumer-property', arg: 'String: consumer_prop', description: 'A mechanism to pass user-defined properties in the form key=value to the consumer.' },
  { name: 'command-property', arg: 'String: consumer_prop', description: 'Same as --consumer-property.' },
  { name: 'consumer.config', arg: 'String: config file', description: 'Consumer config properties file. Note that [consumer-property] takes precedence over this config.' },
  { name: 'command-config', arg: 'String: config file', description: 'Same as --consumer.config.' },
  { name: 'isolation-level', arg: 'String', description: 'Set to read_committed in order to filter out transactional messages which are not committed. Set to read_uncommitted to read all messages. (default: read_uncommitted)' },
  HELP_OPTION, VERSION_OPTION,
];

export const consoleConsumer: Tool = (argv, io) => runTool('kafka-console-consumer', SPECS, argv, io, 'ERROR Unknown error when running consumer: ', 'This tool helps to read data from Kafka topics and outputs it to standard output.', consume);

/** The start of --offset: 'earliest', 'latest' or a non-negative offset (ConsoleConsumerOptions). */
function startOffset(options: ParsedOptions): 'earliest' | 'latest' | string {
  const raw = options.value('offset');
  if (raw === undefined) return options.has('from-beginning') ? 'earliest' : 'latest';
  const v = raw.toLowerCase();
  if (v === 'earliest' || v === 'latest') return v;
  if (!/^\d+$/.test(v)) throw new UsageError(`The provided offset value '${raw}' is incorrect. Valid values are 'earliest', 'latest', or a non-negative long.`);
  return v;
}

function checkArgs(options: ParsedOptions): void {
  if (Number(options.has('topic')) + Number(options.has('include')) !== 1) throw new UsageError('Exactly one of --include/--topic is required. ');
  if (options.has('partition')) {
    if (!options.has('topic')) throw new UsageError('The topic is required when partition is specified.');
    if (options.has('from-beginning') && options.has('offset')) throw new UsageError('Options from-beginning and offset cannot be specified together.');
    if (options.has('group')) throw new UsageError('Options group and partition cannot be specified together.');
  } else if (options.has('offset')) throw new UsageError('The partition is required when offset is specified.');
  if (!options.has('bootstrap-server')) throw new UsageError('Missing required argument "[bootstrap-server]"');
  const isolation = options.value('isolation-level');
  if (isolation !== undefined && isolation !== 'read_committed' && isolation !== 'read_uncommitted') {
    throw new UsageError(`Invalid value ${isolation} for configuration isolation.level: String must be one of: read_committed, read_uncommitted`);
  }
}

async function consume(options: ParsedOptions, io: ToolIo): Promise<number> {
  checkArgs(options);
  const start = startOffset(options);
  const consumerProps = {
    ...clientProperties(options, options.has('consumer.config') ? 'consumer.config' : 'command-config'),
    ...keyValueArgs([...options.values('consumer-property'), ...options.values('command-property')], '--consumer-property'),
  };
  const formatter = formatterProps(keyValueArgs([...options.values('property'), ...options.values('formatter-property')], '--property'));
  const maxMessages = intOption(options, 'max-messages');
  const timeoutMs = intOption(options, 'timeout-ms');
  const partition = intOption(options, 'partition');
  const groupGiven = options.value('group') ?? consumerProps['group.id'];
  // ConsoleConsumerOptions: a generated group id, and no auto commit for it unless asked for.
  const groupId = groupGiven ?? `console-consumer-${randomInt(100000)}`;
  const commits = groupGiven !== undefined ? (consumerProps['enable.auto.commit'] ?? 'true') !== 'false' : consumerProps['enable.auto.commit'] === 'true';
  const isolation = options.value('isolation-level') ?? consumerProps['isolation.level'] ?? 'read_uncommitted';
  // A new (generated) group starts where --from-beginning/--offset say; a known group at its committed offsets.
  const resetEarliest = start === 'earliest' || (!options.has('offset') && consumerProps['auto.offset.reset'] === 'earliest');

  const kafka = kafkaClient(options, consumerProps, 'console-consumer');
  const consumer = kafka.consumer({ groupId, readUncommitted: isolation !== 'read_committed', allowAutoTopicCreation: false, ...(groupGiven === undefined ? { sessionTimeout: 10_000 } : {}) });
  await consumer.connect();
  const topicOption = options.value('topic');
  const topics = topicOption !== undefined ? [topicOption] : [new RegExp(`^(?:${options.value('include')!.replace(/,/g, '|')})$`)];
  await consumer.subscribe({ topics, fromBeginning: resetEarliest });

  let processed = 0;
  let stopped = false;
  const toCommit = new Map<string, { topic: string; partition: number; offset: string }>();
  let finish: (reason: 'done' | 'timeout' | 'signal' | Error) => void = () => undefined;
  const finished = new Promise<'done' | 'timeout' | 'signal' | Error>((resolve) => { finish = (r) => { stopped = true; resolve(r); }; });
  let idle: NodeJS.Timeout | null = null;
  const armTimeout = () => {
    if (timeoutMs === undefined) return;
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => finish('timeout'), timeoutMs);
  };
  const commit = async () => {
    if (!commits || toCommit.size === 0) return;
    const offsets = [...toCommit.values()];
    toCommit.clear();
    await consumer.commitOffsets(offsets);
  };
  const commitTimer = setInterval(() => void commit().catch(() => undefined), 5000);
  const onSignal = () => finish('signal');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  consumer.on(consumer.events.CRASH, (event) => { if (!event.payload.restart) finish(event.payload.error); });

  const seekDone = new Set<number>();
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ topic, partition: p, message }) => {
      if (stopped) return;
      if (partition !== undefined && p !== partition) return;
      print(io, topic, p, message, formatter);
      processed++;
      toCommit.set(`${topic}:${p}`, { topic, partition: p, offset: (BigInt(message.offset) + 1n).toString() });
      armTimeout();
      if (maxMessages !== undefined && processed >= maxMessages) finish('done');
    },
  });
  if (partition !== undefined && /^\d+$/.test(start)) seekOnce(consumer, topicOption!, partition, start, seekDone);
  armTimeout();
  if (maxMessages === 0) finish('done');
  const reason = await finished;
  if (idle) clearTimeout(idle);
  clearInterval(commitTimer);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  // Commit what was printed while the consumer still runs (kafkajs commits only then), then leave the group.
  await commit().catch((err: Error) => io.err(`ERROR Offset commit failed: ${err.message}\n`));
  await consumer.stop().catch(() => undefined);
  await consumer.disconnect().catch(() => undefined);
  if (reason === 'timeout') io.err('ERROR Error processing message, terminating consumer process:  (org.apache.kafka.tools.consumer.ConsoleConsumer)\norg.apache.kafka.common.errors.TimeoutException\n');
  io.err(`Processed a total of ${processed} messages\n`);
  if (reason instanceof Error) throw reason;
  return 0;
}

/** kafkajs's seek (only after run) to an exact offset, once per partition. */
function seekOnce(consumer: Consumer, topic: string, partition: number, offset: string, done: Set<number>): void {
  if (done.has(partition)) return;
  done.add(partition);
  consumer.seek({ topic, partition, offset });
}

function print(io: ToolIo, _topic: string, partition: number, message: KafkaMessage, formatter: ReturnType<typeof formatterProps>): void {
  const timestampType = (message as { batchContext?: { timestampType?: number } }).batchContext?.timestampType ?? 0;
  const headers = Object.entries(message.headers ?? {}).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((one) => [k, one === undefined ? null : Buffer.from(one)] as [string, Buffer | null]));
  io.out(formatRecord({ partition, offset: message.offset, timestamp: message.timestamp, timestampType, key: message.key, value: message.value, headers }, formatter));
}
