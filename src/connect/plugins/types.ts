/**
 * What a connector plugin gives the worker (Kafka's Connector + Task, reduced to what the lab's
 * connectors need). A task's run() resolves when it stops; a rejection fails the task (FAILED
 * with the error's trace in /status, as WorkerTask does for an uncaught exception).
 */
import type { Kafka } from 'kafkajs';
import type { ConfigKeyDef } from './config-def';
import type { Converter } from './converters';

export type TaskContext = {
  connector: string;
  taskId: number;
  /** The task's config (Connector.taskConfigs). */
  config: Record<string, string>;
  kafka: Kafka;
  valueConverter: Converter;
  /** The latest committed source offset of a source partition (KafkaOffsetBackingStore), if any. */
  readOffset(partition: Record<string, unknown>): Record<string, unknown> | undefined;
  /** Writes a source offset to connect-offsets and waits for acks=all (OffsetStorageWriter flush). */
  commitOffset(partition: Record<string, unknown>, offset: Record<string, unknown>): Promise<void>;
  log(level: 'info' | 'warn', message: string): void;
};

export interface RunningTask {
  run(): Promise<void>;
  /** Asks the task to stop; run() then resolves after its last commit. */
  stop(): void;
  pause(): void;
  resume(): void;
}

export type ConnectorPlugin = {
  className: string;
  type: 'source' | 'sink';
  version: string;
  configDef: ConfigKeyDef[];
  /** Connector.validate's errors beyond ConfigDef's, by config name. */
  validate(props: Record<string, string>): Record<string, string[]>;
  /** Connector.taskConfigs(maxTasks). */
  taskConfigs(props: Record<string, string>, maxTasks: number): Record<string, string>[];
  createTask(context: TaskContext): RunningTask;
};
