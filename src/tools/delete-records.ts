/**
 * `kafka-delete-records`: Kafka's DeleteRecordsCommand (org.apache.kafka.tools.DeleteRecordsCommand):
 * --offset-json-file `{"partitions":[{"topic":"t","partition":0,"offset":3}],"version":1}` (offset
 * -1 = the highWatermark) moves each partition's logStartOffset up to that offset (kafkajs
 * deleteTopicRecords, DeleteRecords API) and prints `partition: t-0\tlow_watermark: 3` per
 * partition (the low watermark read back with ListOffsets), or `partition: t-0\terror: …`.
 */
import { readFileSync } from 'node:fs';
import type { Tool, ToolIo } from './io';
import { HELP_OPTION, requireOptions, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { runTool } from './run-tool';
import { clientProperties, errorMessage, kafkaClient, withAdmin } from './session';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: server(s) to use for bootstrapping', description: 'REQUIRED: The server to connect to.' },
  { name: 'offset-json-file', arg: 'String: Offset json file path', description: 'REQUIRED: The JSON file with offset per partition. The format to use is:\n{"partitions":\n  [{"topic": "foo", "partition": 1, "offset": 1}],\n "version":1\n}' },
  { name: 'command-config', arg: 'String: command config property file path', description: 'A property file containing configs to be passed to Admin Client.' },
  HELP_OPTION, VERSION_OPTION,
];

export const deleteRecords: Tool = (argv, io) => runTool('kafka-delete-records', SPECS, argv, io, 'Error: ', 'This tool helps to delete records of the given partitions down to the specified offset.', run);

interface PartitionOffset { topic: string; partition: number; offset: number }

/** Kafka's DeleteRecordsCommand.parseOffsetJsonStringWithoutDedup, with its error words. */
export function parseOffsetJson(text: string): PartitionOffset[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`The offset JSON file is not valid JSON: ${(err as Error).message}`);
  }
  const partitions = (json as { partitions?: unknown })?.partitions;
  if (!Array.isArray(partitions)) throw new UsageError('Missing partitions field');
  return partitions.map((p: Record<string, unknown>) => {
    if (typeof p?.topic !== 'string' || !Number.isInteger(p.partition) || !Number.isInteger(p.offset)) {
      throw new UsageError(`Each partition needs topic (string), partition and offset (integers): ${JSON.stringify(p)}`);
    }
    return { topic: p.topic, partition: p.partition as number, offset: p.offset as number };
  });
}

async function run(options: ParsedOptions, io: ToolIo): Promise<number> {
  requireOptions(options, 'bootstrap-server', 'offset-json-file');
  let text: string;
  try {
    text = readFileSync(options.value('offset-json-file')!, 'utf8');
  } catch (err) {
    throw new UsageError(`Cannot read ${options.value('offset-json-file')}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const wanted = parseOffsetJson(text);
  const duplicates = wanted.filter((w, i) => wanted.findIndex((o) => o.topic === w.topic && o.partition === w.partition) !== i);
  if (duplicates.length) throw new UsageError(`Offset json file contains duplicate topic partitions: ${duplicates.map((d) => `${d.topic}-${d.partition}`).join(',')}`);
  const kafka = kafkaClient(options, clientProperties(options, 'command-config'), 'kafka-delete-records');
  return withAdmin(kafka, async (admin) => {
    io.out('Executing records delete operation\n');
    const lines: string[] = [];
    let failed = false;
    for (const topic of [...new Set(wanted.map((w) => w.topic))]) {
      const partitions = wanted.filter((w) => w.topic === topic);
      let error: string | null = null;
      try {
        // kafkajs finds each partition's leader in metadata it must have loaded first.
        await admin.fetchTopicMetadata({ topics: [topic] });
        await admin.deleteTopicRecords({ topic, partitions: partitions.map((p) => ({ partition: p.partition, offset: String(p.offset) })) });
      } catch (err) {
        error = errorMessage(err);
        failed = true;
      }
      const lows = error === null ? new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, o.low])) : new Map<number, string>();
      for (const p of partitions) lines.push(error === null ? `partition: ${topic}-${p.partition}\tlow_watermark: ${lows.get(p.partition)}` : `partition: ${topic}-${p.partition}\terror: ${error}`);
    }
    io.out(`Records delete operation completed:\n${lines.map((l) => `${l}\n`).join('')}`);
    return failed ? 1 : 0;
  });
}
