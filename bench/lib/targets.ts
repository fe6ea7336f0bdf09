// The two clusters the wire bench compares, each a child process whose CPU we read from /proc:
// Kafka Lab's headless CLI and librdkafka's mock cluster (bench/peers/rdkafka-mock-launcher.c).
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { buildNative, repoDir } from './native';
import { spawnTracked, stopTracked, treeCpuMs, treePeakRssMb, waitForLine } from './procs';

export interface TopicSpec { name: string; partitions: number; replicationFactor: number; configs?: Record<string, string> }

export interface Target {
  id: 'kafka-lab' | 'kafka-lab-disk' | 'rdkafka-mock';
  bootstrap: string;
  pid: number;
  /** CPU of the cluster process tree so far, ms. */
  cpuMs(): number;
  peakRssMb(): number;
  /** Last lines the cluster wrote, for error reports. */
  outputTail(): string;
  stop(): Promise<void>;
}

function keepDraining(child: ChildProcess): () => string {
  let tail = '';
  const keep = (c: Buffer): void => { tail = (tail + c.toString('utf8')).slice(-4000); };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => tail;
}

function wrap(id: Target['id'], child: ChildProcess, bootstrap: string): Target {
  const tail = keepDraining(child);
  const pid = child.pid!;
  return {
    id,
    bootstrap,
    pid,
    cpuMs: () => treeCpuMs(pid),
    peakRssMb: () => treePeakRssMb(pid),
    outputTail: tail,
    stop: () => stopTracked(child),
  };
}

export const kafkaLabCli = join(repoDir, 'src/broker/cli.ts');

export function kafkaLabAvailable(): string | undefined {
  if (!existsSync(kafkaLabCli)) return 'src/broker/cli.ts does not exist yet';
  return undefined;
}

/**
 * The arguments `npm run broker` gives tsx (package.json scripts.broker, e.g. node flags, the CLI
 * path and `broker`), so the bench starts the broker exactly as users do, process flags included.
 */
export function npmBrokerArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (pkg.scripts?.broker ?? '').trim().split(/\s+/);
  if (words[0] !== 'tsx' || !words.includes('src/broker/cli.ts')) throw new Error(`package.json scripts.broker is not "tsx … src/broker/cli.ts broker": ${pkg.scripts?.broker}`);
  return words.slice(1);
}

/**
 * Starts `npm run broker`'s command as a child. Storage is `--in-memory` unless `dataDir` is given:
 * then the lab lives in `<dataDir>/bench` on disk (issue 15's storage), with `extraArgs` (e.g.
 * `--config log.retention.check.interval.ms=10000`) after the storage flags.
 */
export async function startKafkaLab(topics: TopicSpec[], brokers = 3, dataDir?: string, extraArgs: string[] = []): Promise<Target> {
  const tsx = join(repoDir, 'node_modules/.bin/tsx');
  const storage = dataDir ? ['--data-dir', dataDir, '--lab', 'bench'] : ['--in-memory'];
  const child = spawnTracked(tsx, [...npmBrokerArgs(), '--brokers', String(brokers), '--port', '0', '--seed', '1', ...storage, ...extraArgs], { cwd: repoDir });
  let bootstrap: string;
  try {
    bootstrap = await waitForLine(child, /kafka-lab ready bootstrap=(\S+)/, 90_000);
  } catch (e) {
    await stopTracked(child);
    throw e;
  }
  const target = wrap(dataDir ? 'kafka-lab-disk' : 'kafka-lab', child, bootstrap);
  try {
    await createTopics(bootstrap, topics);
  } catch (e) {
    await target.stop();
    throw new Error(`creating topics on kafka-lab failed: ${(e as Error).message}`, { cause: e });
  }
  return target;
}

export async function startRdkafkaMock(topics: TopicSpec[], brokers = 3): Promise<Target> {
  const binary = buildNative('peers/rdkafka-mock-launcher.c');
  const args = ['--brokers', String(brokers)];
  for (const t of topics) args.push('--topic', `${t.name}:${t.partitions}:${t.replicationFactor}`);
  const child = spawnTracked(binary, args);
  let bootstrap: string;
  try {
    bootstrap = await waitForLine(child, /rdkafka-mock ready bootstrap=(\S+)/, 10_000);
  } catch (e) {
    await stopTracked(child);
    throw e;
  }
  return wrap('rdkafka-mock', child, bootstrap);
}

export function kafkaClient(bootstrap: string, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

async function createTopics(bootstrap: string, topics: TopicSpec[]): Promise<void> {
  const admin = kafkaClient(bootstrap, 'kafka-lab-bench-admin').admin();
  await admin.connect();
  try {
    await admin.createTopics({
      waitForLeaders: true,
      timeout: 30_000,
      topics: topics.map((t) => ({
        topic: t.name, numPartitions: t.partitions, replicationFactor: t.replicationFactor,
        configEntries: Object.entries(t.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    const meta = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
    for (const t of topics) {
      const m = meta.topics.find((x) => x.name === t.name);
      if (!m || m.partitions.length !== t.partitions) throw new Error(`topic ${t.name}: metadata shows ${m?.partitions.length ?? 0} partitions`);
      const short = m.partitions.filter((p) => p.replicas.length !== t.replicationFactor);
      if (short.length > 0) throw new Error(`topic ${t.name}: ${short.length} partitions without ${t.replicationFactor} replicas`);
    }
  } finally {
    await admin.disconnect();
  }
}

/** Sum over partitions of (high - low) and how many partitions have a low watermark above 0. */
export async function topicExtent(bootstrap: string, topic: string): Promise<{ retained: number; trimmedPartitions: number }> {
  const admin = kafkaClient(bootstrap, 'kafka-lab-bench-admin').admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    let retained = 0;
    let trimmedPartitions = 0;
    for (const o of offsets) {
      retained += Number(o.high) - Number(o.low);
      if (Number(o.low) > 0) trimmedPartitions++;
    }
    return { retained, trimmedPartitions };
  } finally {
    await admin.disconnect();
  }
}
