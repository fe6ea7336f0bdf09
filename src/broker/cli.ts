/**
 * Headless entry point: `kafka-lab broker` (npm run broker) starts the embedded cluster on real
 * ports with no UI, prints one readiness line once every listener is up, and then takes control
 * commands on stdin, one per line, answering each with one line. Runs until SIGINT/SIGTERM;
 * the end of stdin does not stop it (CI and service managers often give no stdin at all).
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { ClusterHost, type ClusterHostOptions } from './host/cluster-host';
import { validateBrokerConfig } from './host/broker-config';
import { runControlCommand } from './host/control-commands';

const USAGE = `Usage: kafka-lab broker [options]

Starts a simulated multi-broker Kafka cluster speaking the Kafka wire protocol on 127.0.0.1.
Broker ids are 1..N on consecutive ports from --port.

Options:
  --brokers <n>              number of brokers (default 3)
  --port <port>              port of broker 1; broker i listens on port+i-1 (default 9092; 0 = ephemeral ports)
  --partitions <n>           num.partitions for auto-created topics (default 1)
  --replication-factor <n>   default.replication.factor for auto-created topics (default: min(3, brokers))
  --seed <n>                 seed of the simulation (default: random, printed at start)
  --speed <x>                simulated ms per wall-clock ms (default 1)
  --config <key=value>       broker config, repeatable (e.g. --config min.insync.replicas=2)
  -h, --help                 show this help

Once ready it prints: kafka-lab ready bootstrap=127.0.0.1:9092,...
Commands on stdin (one per line): stop <id> (controlled shutdown), kill <id> (crash), start <id>,
isolate <id> / heal <id> (cut from the other brokers, still reachable by clients), status, help`;

class UsageError extends Error {}

function parseIntOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min) throw new UsageError(`--${name} must be at least ${min}, got ${value}`);
  return value;
}

export function parseBrokerArgs(argv: string[]): ClusterHostOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      brokers: { type: 'string' },
      port: { type: 'string' },
      partitions: { type: 'string' },
      'replication-factor': { type: 'string' },
      seed: { type: 'string' },
      speed: { type: 'string' },
      config: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const brokers = parseIntOption('brokers', values.brokers, 3, 1);
  const basePort = parseIntOption('port', values.port, 9092, 0);
  if (basePort !== 0 && basePort + brokers - 1 > 65535) throw new UsageError(`--port ${basePort} leaves no room for ${brokers} brokers`);
  const brokerConfig: Record<string, string> = {};
  for (const entry of values.config ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--config expects key=value, got "${entry}"`);
    brokerConfig[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  const configError = validateBrokerConfig(brokerConfig);
  if (configError) throw new UsageError(configError);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, got "${values.speed}"`);
  return {
    brokers,
    basePort,
    seed: values.seed === undefined ? undefined : parseIntOption('seed', values.seed, 0, 0),
    brokerConfig,
    defaultPartitions: parseIntOption('partitions', values.partitions, 1, 1),
    defaultReplicationFactor: parseIntOption('replication-factor', values['replication-factor'], Math.min(3, brokers), 1),
    speed,
  };
}

async function runBroker(argv: string[]): Promise<number> {
  let options: ClusterHostOptions | 'help';
  try {
    options = parseBrokerArgs(argv);
  } catch (err) {
    process.stderr.write(`kafka-lab broker: ${(err as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  let host: ClusterHost;
  try {
    host = await ClusterHost.start({ ...options, log: (level, message) => level === 'warn' && process.stderr.write(`warn: ${message}\n`) });
  } catch (err) {
    process.stderr.write(`kafka-lab broker: ${(err as Error).message}\n`);
    return (err as Error).name === 'PortInUseError' ? 1 : 2;
  }
  process.stderr.write(`kafka-lab: ${options.brokers} brokers, seed ${host.seed}\n`);
  process.stdout.write(`kafka-lab ready bootstrap=${host.bootstrap}\n`);

  const lines = createInterface({ input: process.stdin, terminal: false });
  let queue = Promise.resolve();
  lines.on('line', (line) => {
    // One answer line per command, in the order the commands came.
    queue = queue.then(async () => {
      if (line.trim() === '') return;
      const answer = await runControlCommand(host, line).catch((err: unknown) => `error: ${(err as Error).message}`);
      process.stdout.write(`${answer}\n`);
    });
  });

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      lines.close();
      process.stderr.write(`kafka-lab: ${signal}, shutting down\n`);
      host.close().then(() => resolve(0), () => resolve(1));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'broker') {
    process.exit(await runBroker(rest));
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`Usage: kafka-lab broker [options]   (kafka-lab broker --help for options)\n`);
    return;
  }
  process.stderr.write(`kafka-lab: unknown command "${command}"\n${USAGE}\n`);
  process.exitCode = 2;
}

void main();
