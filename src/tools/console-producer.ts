/**
 * `kafka-console-producer`: Kafka's ConsoleProducer (org.apache.kafka.tools.ConsoleProducer) as a
 * kafkajs producer. Reads stdin line by line (line-reader.ts, Kafka's LineMessageReader) and sends
 * each line as one record to `--topic`. acks: `--request-required-acks` if given, else the
 * `acks` of --producer-property/--producer.config, else -1 (all), as ConsoleProducerOptions does;
 * idempotent (Kafka's enable.idempotence default) when acks is all, unless enable.idempotence=false.
 * Records are sent in batches of up to --batch-size lines or after --timeout ms (linger.ms),
 * or one by one with --sync. A failed send prints Kafka's ErrorLoggingCallback line and the tool
 * exits 1 after stdin ends; prompt `>` only when stdin is a terminal (LineMessageReader).
 */
import { createInterface } from 'node:readline';
import { CompressionTypes, type Message } from 'kafkajs';
import { keyValueArgs } from './client-config';
import type { Tool, ToolIo } from './io';
import { lineReaderProps, readLine } from './line-reader';
import { HELP_OPTION, intOption, requireOptions, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { runTool } from './run-tool';
import { clientProperties, errorMessage, kafkaClient } from './session';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: server to connect to', description: 'REQUIRED unless --broker-list(deprecated) is specified. The server(s) to connect to.' },
  { name: 'topic', arg: 'String: topic', description: 'REQUIRED: The topic id to produce messages to.' },
  { name: 'producer.config', arg: 'String: config file', description: 'Producer config properties file. Note that [producer-property] takes precedence over this config.' },
  { name: 'command-config', arg: 'String: config file', description: 'Producer config properties file (same as --producer.config).' },
  { name: 'producer-property', arg: 'String: producer_prop', description: 'A mechanism to pass user-defined properties in the form key=value to the producer.' },
  { name: 'property', arg: 'String: prop', description: 'A mechanism to pass user-defined properties in the form key=value to the message reader: parse.key, key.separator, parse.headers, headers.delimiter, headers.separator, headers.key.separator, null.marker, ignore.error.' },
  { name: 'reader-property', arg: 'String: prop', description: 'Same as --property.' },
  { name: 'request-required-acks', arg: 'String: request required acks', description: 'The required `acks` of the producer requests (default: -1)' },
  { name: 'request-timeout-ms', arg: 'Integer: request timeout ms', description: 'The ack timeout of the producer requests. Value must be non-negative and non-zero. (default: 1500)' },
  { name: 'compression-codec', arg: 'String: compression-codec', description: "The compression codec: either 'none' or 'gzip' here. If specified without value, then it defaults to 'gzip'" },
  { name: 'sync', description: 'If set message send requests to the brokers are synchronously, one at a time as they arrive.' },
  { name: 'batch-size', arg: 'Integer: size', description: 'Number of messages to send in a single batch if they are not being sent synchronously. (default: 16384)' },
  { name: 'timeout', arg: 'Long: timeout_ms', description: 'If set and the producer is running in asynchronous mode, this gives the maximum amount of time a message will queue awaiting sufficient batch size. The value is given in ms. (default: 1000)' },
  { name: 'message-send-max-retries', arg: 'Integer', description: 'The number of retries before the producer gives up and drops this message. (default: 2147483647)' },
  HELP_OPTION, VERSION_OPTION,
];

export const consoleProducer: Tool = (argv, io) => runTool('kafka-console-producer', SPECS, argv, io, 'ERROR ', 'This tool helps to read data from standard input and publish it to Kafka.', produce);

/** kafkajs acks from Kafka's `acks` value (all/-1, 0, 1). */
function acksOf(value: string): number {
  const v = value.trim().toLowerCase();
  if (v === 'all' || v === '-1') return -1;
  if (v === '0' || v === '1') return Number(v);
  throw new UsageError(`Invalid value ${value} for configuration acks: String must be one of: all, -1, 0, 1`);
}

async function produce(options: ParsedOptions, io: ToolIo): Promise<number> {
  requireOptions(options, 'topic', 'bootstrap-server');
  const topic = options.value('topic')!;
  const producerProps = { ...clientProperties(options, options.has('producer.config') ? 'producer.config' : 'command-config'), ...keyValueArgs(options.values('producer-property'), '--producer-property') };
  const acks = acksOf(options.value('request-required-acks') ?? producerProps['acks'] ?? '-1');
  const codec = options.value('compression-codec') ?? producerProps['compression.type'] ?? 'none';
  const compression = codec === '' || codec === 'gzip' ? CompressionTypes.GZIP : codec === 'none' ? CompressionTypes.None : null;
  if (compression === null) throw new UsageError(`compression codec ${codec} is not supported by this console producer: use none or gzip`);
  const requestTimeout = intOption(options, 'request-timeout-ms') ?? 1500;
  const batchSize = Math.max(1, intOption(options, 'batch-size') ?? 16384);
  const lingerMs = Math.max(0, intOption(options, 'timeout') ?? 1000);
  const reader = lineReaderProps(keyValueArgs([...options.values('property'), ...options.values('reader-property')], '--property'));
  const idempotent = acks === -1 && (producerProps['enable.idempotence'] ?? 'true').toLowerCase() !== 'false';

  const kafka = kafkaClient(options, producerProps, 'console-producer');
  const producer = kafka.producer({ idempotent, ...(idempotent ? { maxInFlightRequests: 1 } : {}), allowAutoTopicCreation: true });
  await producer.connect();
  let failed = false;
  let pending: Message[] = [];
  let sending: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return sending;
    sending = sending.then(() => producer.send({ topic, acks, timeout: requestTimeout, compression, messages: batch }).then(() => undefined, (err: unknown) => {
      failed = true;
      for (const m of batch) io.err(`ERROR Error when sending message to topic ${topic} with key: ${m.key === null || m.key === undefined ? 'null' : `${Buffer.byteLength(m.key)} bytes`}, value: ${m.value === null ? 'null' : `${Buffer.byteLength(m.value as string)} bytes`} with error: ${errorMessage(err)}\n`);
    }));
    return sending;
  };
  const prompt = () => io.stdinIsTty && io.out('>');
  const lines = createInterface({ input: io.stdin, terminal: false, crlfDelay: Infinity });
  let lineNumber = 0;
  let readError: Error | null = null;
  prompt();
  for await (const line of lines) {
    lineNumber++;
    let record;
    try {
      record = readLine(line, lineNumber, reader);
    } catch (err) {
      readError = err as Error;
      break;
    }
    pending.push({ key: record.key, value: record.value, headers: Object.fromEntries(Object.entries(record.headers).filter(([, v]) => v !== null)) as Record<string, string> });
    if (options.has('sync') || io.stdinIsTty) {
      await flush();
      prompt();
    } else if (pending.length >= batchSize) {
      void flush();
    } else if (!timer) {
      timer = setTimeout(() => void flush(), lingerMs);
    }
  }
  await flush();
  await producer.disconnect().catch(() => undefined);
  if (readError) throw readError;
  return failed ? 1 : 0;
}
