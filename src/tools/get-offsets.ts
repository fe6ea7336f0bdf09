/**
 * `kafka-get-offsets`: Kafka's GetOffsetShell (org.apache.kafka.tools.GetOffsetShell): one
 * `topic:partition:offset` line per partition, sorted by topic and partition. --time -1/latest
 * (the logEndOffset, default), -2/earliest (the logStartOffset) or a timestamp in ms (the first
 * offset whose timestamp is at least it; the logEndOffset if none, as ListOffsets answers);
 * -3/max-timestamp, -4 and -5 are refused (kafkajs's ListOffsets has no such spec).
 * --topic is a regular expression, --partitions a list like `0,3-5`, --topic-partitions
 * `t:0,t2:1-3`.
 */
import type { Tool, ToolIo } from './io';
import { HELP_OPTION, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { runTool } from './run-tool';
import { clientProperties, connectionSettings, kafkaClient, withAdmin } from './session';
import { fetchMetadata } from './cluster-queries';
import { isInternalTopic, topicMatcher } from './topic-filter';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: HOST1:PORT1,...,HOST3:PORT3', description: 'REQUIRED. The server(s) to connect to in the form HOST1:PORT1,HOST2:PORT2.' },
  { name: 'command-config', arg: 'String: config file', description: 'Property file containing configs to be passed to Admin Client.' },
  { name: 'topic', arg: 'String: topic', description: 'The topic to get the offsets for. It also accepts a regular expression. If not present, all authorized topics are queried.' },
  { name: 'partitions', arg: 'String: partition ids', description: 'Comma separated list of partition ids to get the offsets for. If not present, all partitions of the authorized topics are queried. Cannot be used if --topic-partitions is present.' },
  { name: 'topic-partitions', arg: 'String: topic1:1,topic2:0-3,topic3,topic4:5-,topic5:-3', description: 'Comma separated list of topic-partition patterns to get the offsets for.' },
  { name: 'time', arg: 'String: <timestamp> / -1 or latest / -2 or earliest', description: 'timestamp of the offsets before that. (default: latest)' },
  { name: 'exclude-internal-topics', description: 'By default, internal topics are included. If specified, internal topics are excluded.' },
  HELP_OPTION, VERSION_OPTION,
];

export const getOffsets: Tool = (argv, io) => runTool('kafka-get-offsets', SPECS, argv, io, 'Error occurred: ', 'An interactive shell for getting topic-partition offsets.', run);

/** `0,3-5`, `5-` (from 5), `-3` (below 3) as a predicate on partition ids. */
function partitionFilter(text: string | undefined): (p: number) => boolean {
  if (text === undefined || text === '') return () => true;
  const ranges = text.split(',').map((part) => {
    const m = /^\s*(\d*)\s*(-?)\s*(\d*)\s*$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '')) throw new UsageError(`Invalid partition '${part}'`);
    if (m[2] === '') return [Number(m[1]), Number(m[1])] as const;
    return [m[1] === '' ? 0 : Number(m[1]), m[3] === '' ? Infinity : Number(m[3]) - 1] as const;
  });
  return (p) => ranges.some(([lo, hi]) => p >= lo && p <= hi);
}

function timeSpec(raw: string | undefined): 'latest' | 'earliest' | number {
  const v = (raw ?? 'latest').trim().toLowerCase();
  if (v === 'latest' || v === '-1') return 'latest';
  if (v === 'earliest' || v === '-2') return 'earliest';
  if (/^\d+$/.test(v)) return Number(v);
  if (['-3', '-4', '-5', 'max-timestamp', 'earliest-local', 'latest-tiered'].includes(v)) throw new UsageError(`--time ${raw} is not supported here: use -1/latest, -2/earliest or a timestamp in ms`);
  throw new UsageError(`Malformed time argument ${raw}. Please use -1 or latest / -2 or earliest / -3 or max-timestamp, or a specified long format timestamp`);
}

async function run(options: ParsedOptions, io: ToolIo): Promise<number> {
  if (!options.has('bootstrap-server')) throw new UsageError('Missing required argument "[bootstrap-server]"');
  if (options.has('topic-partitions') && (options.has('topic') || options.has('partitions'))) throw new UsageError('Option topic-partitions cannot be used with topic or partitions');
  const time = timeSpec(options.value('time'));
  const filters: { topic: (t: string) => boolean; partition: (p: number) => boolean }[] = options.has('topic-partitions')
    ? options.value('topic-partitions')!.split(/,(?![\d-]*(?:,|$))/).map((spec) => {
      const colon = spec.lastIndexOf(':');
      return colon < 0 ? { topic: topicMatcher(spec), partition: () => true } : { topic: topicMatcher(spec.slice(0, colon)), partition: partitionFilter(spec.slice(colon + 1)) };
    })
    : [{ topic: topicMatcher(options.value('topic')), partition: partitionFilter(options.value('partitions')) }];
  const props = clientProperties(options, 'command-config');
  const kafka = kafkaClient(options, props, 'kafka-get-offsets');
  // Topic names from Metadata through the project's codec (kafkajs's listTopics throws on any leaderless partition).
  const listed = (await fetchMetadata(connectionSettings(options, props, 'kafka-get-offsets'), null)).topics.filter((t) => t.errorCode === 0 && t.name !== null).map((t) => t.name!);
  return withAdmin(kafka, async (admin) => {
    const topics = listed.filter((t) => !(options.has('exclude-internal-topics') && isInternalTopic(t)) && filters.some((f) => f.topic(t))).sort();
    const lines: string[] = [];
    for (const topic of topics) {
      const wanted = (p: number) => filters.some((f) => f.topic(topic) && f.partition(p));
      const offsets = typeof time === 'number' ? await admin.fetchTopicOffsetsByTimestamp(topic, time) : (await admin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: time === 'earliest' ? p.low : p.high }));
      for (const p of offsets.filter((o) => wanted(o.partition)).sort((a, b) => a.partition - b.partition)) lines.push(`${topic}:${p.partition}:${p.offset}`);
    }
    io.out(lines.map((l) => `${l}\n`).join(''));
    return 0;
  });
}
