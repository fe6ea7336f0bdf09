/**
 * Headless entry point: `kafka-lab broker` (npm run broker) starts the embedded cluster on real
 * ports with no UI, prints one readiness line once every listener is up, and then takes control
 * commands on stdin, one per line, answering each with one line. Runs until SIGINT/SIGTERM;
 * the end of stdin does not stop it (CI and service managers often give no stdin at all).
 */
import { createInterface } from 'node:readline';
import { parseBrokerArgs, USAGE } from './host/cli-args';
import { describeLabStorage } from './host/lab-storage';
import { ClusterHost, type ClusterHostOptions } from './host/cluster-host';
import { runControlCommand } from './host/control-commands';
import { installLastResortHandlers } from './host/last-resort';
import { shutdownMessage } from './host/shutdown-message';
import { takeConnectFlag } from '../connect/cli-flag';
import { ConnectWorker } from '../connect/worker';

/** The process is gone this long after SIGINT/SIGTERM at the latest, whatever hangs. */
const EXIT_DEADLINE_MS = 1500;

async function runBroker(argv: string[]): Promise<number> {
  let options: ClusterHostOptions | 'help';
  let connectPort: number | undefined;
  try {
    // Issue 19: --connect [PORT] runs a Kafka Connect worker beside the cluster (src/connect).
    ({ argv, connectPort } = takeConnectFlag(argv));
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
    // info: connection limits and idle closures (coalesced); warn: failures that were contained.
    host = await ClusterHost.start({ ...options, log: (level, message) => level !== 'debug' && process.stderr.write(`${level}: ${message}\n`) });
  } catch (err) {
    process.stderr.write(`kafka-lab broker: ${(err as Error).message}\n`);
    return (err as Error).name === 'PortInUseError' ? 1 : 2;
  }
  process.stderr.write(`kafka-lab: ${options.brokers} brokers, seed ${host.seed}\n`);
  process.stderr.write(`kafka-lab: ${describeLabStorage(host)}\n`);
  if (host.portFallback) process.stderr.write(`kafka-lab: ${host.portFallback}\n`);
  const listener = host.security.listeners.find((l) => l.listener.saslMechanisms.length > 0)?.listener;
  if (listener && !(options.users?.length)) {
    process.stderr.write(`kafka-lab: the ${listener.securityProtocol} listener has no users yet: add --user name:password, or create them with AlterUserScramCredentials (kafka-configs --alter --add-config 'SCRAM-SHA-512=[password=…]' --entity-type users --entity-name …)\n`);
  }
  let connect: ConnectWorker | undefined;
  if (connectPort !== undefined) {
    try {
      if (host.security.listener.securityProtocol !== 'PLAINTEXT') throw new Error(`--connect needs a PLAINTEXT bootstrap listener (this one is ${host.security.listener.securityProtocol})`);
      connect = await ConnectWorker.start({ bootstrapServers: host.bootstrap.split(','), restPort: connectPort, log: (level, message) => process.stderr.write(`${level}: connect: ${message}\n`) });
    } catch (err) {
      const inUse = (err as NodeJS.ErrnoException).code === 'EADDRINUSE';
      process.stderr.write(`kafka-lab broker: ${inUse ? `the Connect REST port ${connectPort} is in use; choose another with --connect <port>` : `Connect worker: ${(err as Error).message}`}\n`);
      await host.close();
      return inUse ? 1 : 2;
    }
  }
  process.stdout.write(`kafka-lab ready bootstrap=${host.bootstrap}${host.clientSecuritySettings()}${connect ? ` connect=${connect.url}` : ''}\n`);

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
      process.stderr.write(`kafka-lab: ${shutdownMessage(signal, { brokers: host.runningBrokerCount, clientConnections: host.clientConnectionCount })}\n`);
      // Whatever hangs, the process is gone within 2 s of the signal.
      setTimeout(() => {
        process.stderr.write(`kafka-lab: still closing after ${EXIT_DEADLINE_MS} ms, exiting anyway\n`);
        resolve(0);
      }, EXIT_DEADLINE_MS).unref();
      (connect ? connect.close().catch(() => undefined) : Promise.resolve()).then(() => host.close()).then(() => {
        process.stderr.write('kafka-lab: stopped\n');
        resolve(0);
      }, () => resolve(1));
    };
    process.once('SIGINT', () => shutdown('SIGINT'));
    process.once('SIGTERM', () => shutdown('SIGTERM'));
  });
}

async function main(): Promise<void> {
  installLastResortHandlers({ name: 'kafka-lab broker' });
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
