/** The command-line tools by Kafka's names (`kafka-topics` runs TopicCommand's equivalent, …). */
import type { Tool } from './io';
import { kafkaTopics } from './kafka-topics';
import { consoleProducer } from './console-producer';
import { consoleConsumer } from './console-consumer';
import { consumerGroups } from './consumer-groups';
import { getOffsets } from './get-offsets';
import { dumpLog } from './dump-log';
import { kafkaConfigs } from './kafka-configs';
import { deleteRecords } from './delete-records';
import { leaderElection } from './leader-election';

export const TOOLS: Record<string, Tool> = {
  'kafka-topics': kafkaTopics,
  'kafka-console-producer': consoleProducer,
  'kafka-console-consumer': consoleConsumer,
  'kafka-consumer-groups': consumerGroups,
  'kafka-configs': kafkaConfigs,
  'kafka-get-offsets': getOffsets,
  'kafka-delete-records': deleteRecords,
  'kafka-leader-election': leaderElection,
  'kafka-dump-log': dumpLog,
};

export function toolsUsage(): string {
  return [
    'Usage: kafka-lab <command> [options]',
    '  broker [options]          start the embedded cluster (kafka-lab broker --help)',
    '  kafka-home                print a directory laid out like a Kafka distribution\'s bin/ (kafka-topics.sh, …)',
    ...Object.keys(TOOLS).map((name) => `  ${name.padEnd(26)}Kafka's ${name}, e.g. --bootstrap-server localhost:9092 (--help for its options)`),
  ].join('\n');
}
