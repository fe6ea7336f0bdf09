/**
 * FileStreamSinkConnector (org.apache.kafka.connect.file.FileStreamSinkConnector): writes each
 * record's value of `topics` (comma-separated; or `topics.regex`) as one line to `file`, appending.
 * As every sink in Kafka, its consumer group is `connect-<connector name>` (SinkUtils.consumerGroupId),
 * starts from the earliest offset when it has no committed one, and commits a batch's offsets
 * after the batch is written and flushed (FileStreamSinkTask.flush, then WorkerSinkTask's commit),
 * so a graceful restart neither repeats nor skips a line.
 */
import { appendFileSync } from 'node:fs';
import type { Consumer } from 'kafkajs';
import type { ConfigKeyDef } from './config-def';
import type { ConnectorPlugin, RunningTask, TaskContext } from './types';
import { COMMON_CONFIG } from './config-def';

export const FILE_SINK_CLASS = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

const CONFIG_DEF: ConfigKeyDef[] = [
  ...COMMON_CONFIG,
  { name: 'topics', type: 'LIST', defaultValue: '', importance: 'HIGH', documentation: 'List of topics to consume, separated by commas', group: 'Common' },
  { name: 'topics.regex', type: 'STRING', defaultValue: '', importance: 'HIGH', documentation: 'Regular expression giving topics to consume.', group: 'Common' },
  { name: 'file', type: 'STRING', defaultValue: null, importance: 'HIGH', documentation: 'Destination filename. If not specified, the standard output will be used', group: 'FileStreamSink' },
];

/** SinkConnectorConfig.validate's rules for topics / topics.regex. */
function validateTopics(props: Record<string, string>): Record<string, string[]> {
  const topics = (props.topics ?? '').trim();
  const regex = (props['topics.regex'] ?? '').trim();
  if (topics && regex) return { topics: ['topics and topics.regex are mutually exclusive options, but both are set.'], 'topics.regex': ['topics and topics.regex are mutually exclusive options, but both are set.'] };
  if (!topics && !regex) return { topics: ['Must configure one of topics or topics.regex'], 'topics.regex': ['Must configure one of topics or topics.regex'] };
  if (regex) {
    try {
      new RegExp(regex);
    } catch (e) {
      return { 'topics.regex': [`Invalid value ${regex} for configuration topics.regex: ${(e as Error).message}`] };
    }
  }
  return {};
}

export const fileStreamSink: ConnectorPlugin = {
  className: FILE_SINK_CLASS,
  type: 'sink',
  version: '3.9.0',
  configDef: CONFIG_DEF,
  validate(props) {
    const errors = validateTopics(props);
    if (props.file === undefined || props.file.trim() === '') errors.file = ['The lab has no standard output for a connector: set "file" to a path'];
    return errors;
  },
  taskConfigs(props, maxTasks) {
    const base = { 'task.class': 'org.apache.kafka.connect.file.FileStreamSinkTask', file: props.file!, ...(props.topics ? { topics: props.topics } : {}), ...(props['topics.regex'] ? { 'topics.regex': props['topics.regex'] } : {}) };
    return Array.from({ length: maxTasks }, () => ({ ...base }));
  },
  createTask: (context) => new FileSinkTask(context),
};

class FileSinkTask implements RunningTask {
  private consumer: Consumer | undefined;
  private stopped: (() => void) | undefined;
  private stopping = false;
  private paused = false;
  private subscribed: string[] = [];

  constructor(private readonly ctx: TaskContext) {}

  async run(): Promise<void> {
    const file = this.ctx.config.file!;
    const consumer = this.ctx.kafka.consumer({ groupId: `connect-${this.ctx.connector}`, maxWaitTimeInMs: 500 });
    this.consumer = consumer;
    let failure: Error | undefined;
    const finished = new Promise<void>((resolve) => (this.stopped = resolve));
    consumer.on(consumer.events.CRASH, (event) => {
      // kafkajs restarts the consumer itself after a retriable error; anything else fails the task.
      if (event.payload.restart) return;
      failure = event.payload.error;
      this.stopped?.();
    });
    try {
      await consumer.connect();
      const topics = this.ctx.config.topics ? this.ctx.config.topics.split(',').map((t) => t.trim()).filter(Boolean) : [new RegExp(this.ctx.config['topics.regex']!)];
      await consumer.subscribe({ topics, fromBeginning: true });
      this.subscribed = topics.filter((t): t is string => typeof t === 'string');
      await consumer.run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat }) => {
          if (batch.messages.length === 0 || failure) return;
          let lines: string;
          try {
            lines = batch.messages.map((m) => `${this.ctx.valueConverter.toString(m.value) ?? 'null'}\n`).join('');
          } catch (e) {
            // errors.tolerance=none (Kafka's default): a record the converter cannot read fails the task.
            failure = new Error(`org.apache.kafka.connect.errors.DataException: Converting byte[] to Kafka Connect data failed due to serialization error of topic ${batch.topic}: ${(e as Error).message}`);
            this.stopped?.();
            return;
          }
          try {
            appendFileSync(file, lines);
          } catch (e) {
            // FileStreamSinkTask: an IOException on write is a ConnectException that fails the task.
            failure = new Error(`org.apache.kafka.connect.errors.ConnectException: Couldn't write to ${file}: ${(e as Error).message}`);
            this.stopped?.();
            return;
          }
          const last = batch.messages[batch.messages.length - 1]!.offset;
          resolveOffset(last);
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: String(Number(last) + 1) }]);
          await heartbeat();
        },
      });
      if (this.paused) this.pause();
      if (!this.stopping) await finished;
    } finally {
      await consumer.disconnect().catch(() => undefined);
    }
    if (failure && !this.stopping) throw failure;
  }

  stop(): void {
    this.stopping = true;
    this.stopped?.();
  }

  pause(): void {
    this.paused = true;
    this.consumer?.pause(this.subscribed.map((topic) => ({ topic })));
  }

  resume(): void {
    this.paused = false;
    this.consumer?.resume(this.subscribed.map((topic) => ({ topic })));
  }
}
