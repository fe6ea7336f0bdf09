/**
 * FileStreamSourceConnector (org.apache.kafka.connect.file.FileStreamSourceConnector): each line of
 * `file` becomes one record of `topic` (value = the line, key null), at most `batch.size` lines
 * (default 2000) per poll; one task whatever `tasks.max`. The source partition is
 * `{"filename":<file>}` and the offset `{"position":<byte offset after the last line sent>}`, as
 * Kafka's FileStreamSourceTask, so a restarted task resumes where the committed offset says.
 *
 * As Kafka's task, a file that does not exist yet is waited for (polled every second) and an
 * incomplete last line waits for its newline. One lab addition: a file that disappears after the
 * task opened it fails the task (ConnectException, state FAILED with its trace) — Kafka's task
 * would keep reading the unlinked file's open descriptor and never notice.
 */
import { closeSync, existsSync, openSync, readSync } from 'node:fs';
import { Partitioners } from 'kafkajs';
import type { ConfigKeyDef } from './config-def';
import type { ConnectorPlugin, RunningTask, TaskContext } from './types';
import { COMMON_CONFIG } from './config-def';

export const FILE_SOURCE_CLASS = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const POLL_IDLE_MS = 1000;

const CONFIG_DEF: ConfigKeyDef[] = [
  ...COMMON_CONFIG,
  { name: 'file', type: 'STRING', defaultValue: null, importance: 'HIGH', documentation: 'Source filename. If not specified, the standard input will be used', group: 'FileStreamSource' },
  { name: 'topic', type: 'LIST', defaultValue: undefined, importance: 'HIGH', documentation: 'The topic to publish data to', group: 'FileStreamSource' },
  { name: 'batch.size', type: 'INT', defaultValue: '2000', importance: 'LOW', documentation: 'The maximum number of records the source task can read from the file each time it is polled', group: 'FileStreamSource', min: 1 },
];

export const fileStreamSource: ConnectorPlugin = {
  className: FILE_SOURCE_CLASS,
  type: 'source',
  version: '3.9.0',
  configDef: CONFIG_DEF,
  validate(props) {
    const errors: Record<string, string[]> = {};
    const topics = (props.topic ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    if (props.topic !== undefined && topics.length !== 1) errors.topic = ["'topic' in FileStreamSourceConnector configuration requires definition of a single topic."];
    if (props.file === undefined || props.file.trim() === '') errors.file = ['The lab has no standard input for a connector: set "file" to a path'];
    return errors;
  },
  taskConfigs(props) {
    return [{ 'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask', file: props.file!, topic: props.topic!.trim(), 'batch.size': props['batch.size'] ?? '2000' }];
  },
  createTask: (context) => new FileSourceTask(context),
};

class FileSourceTask implements RunningTask {
  private stopping = false;
  private paused = false;
  private wake: (() => void) | undefined;

  constructor(private readonly ctx: TaskContext) {}

  async run(): Promise<void> {
    const file = this.ctx.config.file!;
    const topic = this.ctx.config.topic!;
    const batchSize = Number(this.ctx.config['batch.size'] ?? '2000');
    const partition = { filename: file };
    const committed = this.ctx.readOffset(partition)?.position;
    let position = typeof committed === 'number' ? committed : 0;
    if (position > 0) this.ctx.log('info', `${this.ctx.connector}-${this.ctx.taskId}: resuming ${file} at byte ${position}`);
    const producer = this.ctx.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, maxInFlightRequests: 1, idempotent: true });
    await producer.connect();
    let opened = false;
    let warned = false;
    try {
      while (!this.stopping) {
        if (this.paused) {
          await this.sleep(POLL_IDLE_MS);
          continue;
        }
        if (!existsSync(file)) {
          if (opened) throw new Error(`org.apache.kafka.connect.errors.ConnectException: Source file ${file} no longer exists (it was read up to byte ${position})`);
          if (!warned) this.ctx.log('warn', `Couldn't find file ${file} for FileStreamSourceTask, sleeping to wait for it to be created`);
          warned = true;
          await this.sleep(POLL_IDLE_MS);
          continue;
        }
        opened = true;
        const { lines, next } = readLines(file, position, batchSize);
        if (lines.length === 0) {
          await this.sleep(POLL_IDLE_MS);
          continue;
        }
        await producer.send({ topic, acks: -1, messages: lines.map((line) => ({ key: null, value: this.ctx.valueConverter.fromString(line) })) });
        position = next;
        await this.ctx.commitOffset(partition, { position });
      }
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  stop(): void {
    this.stopping = true;
    this.wake?.();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

/**
 * Reads up to `max` complete lines from byte `position`: lines end at "\n" ("\r\n" and a lone "\r"
 * too, as FileStreamSourceTask.extractLine); `next` is the byte offset after the last one.
 */
export function readLines(file: string, position: number, max: number): { lines: string[]; next: number } {
  const fd = openSync(file, 'r');
  try {
    const lines: string[] = [];
    let next = position;
    let pending = Buffer.alloc(0);
    const chunk = Buffer.alloc(64 * 1024);
    let readAt = position;
    while (lines.length < max) {
      const n = readSync(fd, chunk, 0, chunk.length, readAt);
      if (n === 0) break;
      readAt += n;
      pending = Buffer.concat([pending, chunk.subarray(0, n)]);
      let start = 0;
      for (let i = 0; i < pending.length && lines.length < max; i++) {
        const b = pending[i];
        if (b !== 0x0a && b !== 0x0d) continue;
        if (b === 0x0d && i + 1 >= pending.length && n === chunk.length) break; // "\r" at a chunk's end: "\r\n" may follow
        let end = i + 1;
        if (b === 0x0d && pending[i + 1] === 0x0a) end = i + 2;
        lines.push(pending.subarray(start, i).toString('utf8'));
        next += end - start;
        start = end;
        i = end - 1;
      }
      pending = pending.subarray(start);
    }
    return { lines, next };
  } finally {
    closeSync(fd);
  }
}
