/**
 * `npm run serve -- --brokers 3 [--controllers 3] --port 9092 --ui-port 8080 [--host 0.0.0.0] [--token T]
 *   [--broker-host 0.0.0.0] [--advertised-host <name-or-ip>]` (USAGE below, `--help`)
 *
 * Runs the embedded cluster and serves the UI to browsers. Prints one readiness line
 * (`kafka-lab serve ready url=… bootstrap=…`) that scripts and the e2e fixture wait for.
 */
import { networkInterfaces } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { hostOption } from '../../broker/host/cli-args';
import { resolveLabStorage } from '../../broker/host/data-dir';
import { MAX_DEDICATED_CONTROLLERS } from '../../shared/cluster-shape';
import { validateBrokerConfig } from '../../broker/host/broker-config';
import type { ClusterView } from '../../shared';
import { HostSession } from '../host/host-session';
import { ScenarioControl } from '../host/scenario-control';
import { startClusterHost } from '../host/start-cluster-host';
import type { WorkbenchCommands } from '../../shared/workbench-contract';
import { buildRenderer, rendererBuildIsStale } from './renderer-build';
import { startServeServer } from './serve-server';
import { RemoteService } from '../remote/remote-service';
import { MemoryProfileStore } from '../remote/profile-store';
import { installLastResortHandlers } from '../../broker/host/last-resort';
import { describePortFallback } from '../../broker/host/port-binding';
import { describeToken, resolveToken } from './token-store';
import { shutdownMessage } from '../../broker/host/shutdown-message';
import { applySecurityArgs, SECURITY_ARG_OPTIONS, SECURITY_USAGE } from '../../broker/host/security-args';
import { attendeeTable, attendeeUsers } from '../../broker/host/attendees';
import { hostPort, readyListenerFields } from '../../broker/host/listener-endpoints';
import type { ListenerSecurityView } from '../../shared/listener-view';
import type { LabClientConnection } from '../../shared/listener-view';

installLastResortHandlers({ name: 'kafka-lab serve' });

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

const USAGE = `Usage: npm run serve -- [options]

Runs the embedded Kafka cluster and serves the Kafka Lab UI to browsers.

Options:
  --brokers <n>              number of brokers (default 3)
  --controllers <n>          dedicated KRaft controller nodes (process.roles=controller, node ids
                             3000..), which form the quorum apart from the brokers. 0 (default) =
                             combined mode (process.roles=broker,controller): the first up-to-3
                             brokers are also the voters, so stopping two of them loses the quorum
  --port <port>              port of broker 1; broker i listens on port+i-1 (default 9092, the next
                             free ports if taken; 0 = ephemeral ports)
  --ui-port <port>           port of the UI (default 8080, the next free port if taken)
  --host <addr>              address the UI binds (default 127.0.0.1); 0.0.0.0 shows the UI to the
                             room: viewers without the token get a read-only view of the cluster
                             (no commands, no record contents); the token (plain HTTP) gives full
                             control, records included
  --token <t>                access token for the controls, for this run (not stored)
  --new-token                replace the stored access token by a new random one (old URLs stop
                             giving control). Without --token the token is kept in
                             $XDG_CONFIG_HOME/kafka-lab/settings.json (~/.config/kafka-lab, mode
                             0600; $KAFKA_LAB_CONFIG_DIR overrides the folder), so the URL stays
                             the same across restarts
  --broker-host <addr>       address the Kafka listeners bind (default 127.0.0.1); 0.0.0.0 lets
                             anyone who can reach this machine connect to the brokers, which have
                             NO authentication: they can create/delete topics, read and write
                             every record
  --advertised-host <host>   host name or IP the brokers tell clients to connect to (Metadata,
                             FindCoordinator, DescribeCluster, bootstrap); default: --broker-host,
                             or this machine's LAN IPv4 address when --broker-host is 0.0.0.0
  --data-dir <dir>           root of the labs' data (default: the per-user data directory,
                             ~/.local/share/kafka-lab on Linux; $KAFKA_LAB_DATA_DIR overrides it)
  --lab <name>               the lab to open or create there (default "default"): topics, configs,
                             records and committed offsets survive restarts, in Kafka's own formats
  --in-memory                keep nothing on disk (a throwaway cluster)
  --seed <n>                 seed of the simulation
  --speed <x>                simulated ms per wall-clock ms (default 1)
  --config <key=value>       broker config, repeatable (e.g. --config replica.lag.time.max.ms=5000)
${SECURITY_USAGE}
  --attendees <n>            with a SASL listener: make SCRAM users attendee-01..attendee-<n> with
                             random passwords and print them once as a table to hand out
  --demo                     run the fake host (no Kafka listeners), for UI work
  --no-build                 do not rebuild the UI even if out/renderer is stale
  -h, --help                 show this help

Workshop room: npm run serve -- --host 0.0.0.0 --broker-host 0.0.0.0 --token <secret> \
                 --security-protocol SASL_SSL --sasl-mechanism SCRAM-SHA-512 --attendees 20
  (--broker-host 0.0.0.0 without a SASL listener is refused unless --allow-unauthenticated-brokers)

Data lives in the lab's directory, in Kafka's on-disk format (printed at start), unless
--in-memory; "New cluster…", scenarios and recordings run in memory. Disk grows with what
retention keeps (default retention.ms is 7 days); set retention.ms / retention.bytes on busy topics.
`;

const { values } = parseArgs({
  options: {
    brokers: { type: 'string', default: '3' },
    controllers: { type: 'string', default: '0' },
    port: { type: 'string', default: '9092' },
    'ui-port': { type: 'string', default: '8080' },
    host: { type: 'string', default: '127.0.0.1' },
    token: { type: 'string' },
    'new-token': { type: 'boolean', default: false },
    seed: { type: 'string' },
    speed: { type: 'string' },
    demo: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'broker-host': { type: 'string' },
    'advertised-host': { type: 'string' },
    config: { type: 'string', multiple: true },
    'data-dir': { type: 'string' },
    lab: { type: 'string' },
    'in-memory': { type: 'boolean', default: false },
    ...SECURITY_ARG_OPTIONS,
    attendees: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

function fail(message: string): never {
  console.error(`kafka-lab serve: ${message}`);
  process.exit(2);
}

function integer(name: string, text: string | undefined, min: number, max: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min || n > max) fail(`--${name} must be an integer in ${min}..${max}, got ${text}`);
  return n;
}

if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const brokers = integer('brokers', values.brokers, 1, 32);
const controllers = integer('controllers', values.controllers, 0, MAX_DEDICATED_CONTROLLERS);
if (controllers > 0 && values.demo) fail('--controllers needs the embedded cluster; --demo runs the fake host, which has combined voters only');
const listenHost = hostArg('broker-host', values['broker-host']);
const wildcardBrokers = listenHost === '0.0.0.0' || listenHost === '::';
const advertisedHost = hostArg('advertised-host', values['advertised-host']) ?? (wildcardBrokers ? lanAddress() : undefined);
if (advertisedHost === '0.0.0.0' || advertisedHost === '::') fail(`--advertised-host must be an address clients can connect to, not the wildcard ${advertisedHost}`);
const basePort = integer('port', values.port, 0, 65535);
const uiPort = integer('ui-port', values['ui-port'], 0, 65535);
const loopback = ['127.0.0.1', 'localhost', '::1'].includes(values.host!);
// Every viewer without the token is read-only; on a shared network the token is the only thing
// between a workshop attendee and the stop-broker button, so it is never empty.
if (values.token !== undefined && values['new-token']) fail('--token and --new-token exclude each other: --token uses the given token for this run, --new-token rotates the stored one');
const resolvedToken = (() => {
  try {
    return resolveToken({ explicit: values.token, rotate: values['new-token'] });
  } catch (error) {
    fail((error as Error).message);
  }
})();
const token = resolvedToken.token;
const brokerConfig: Record<string, string> = {};
for (const entry of values.config ?? []) {
  const eq = entry.indexOf('=');
  if (eq <= 0) fail(`--config expects key=value, got "${entry}"`);
  brokerConfig[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
}
const security = (() => {
  try {
    return applySecurityArgs(values, brokerConfig, listenHost);
  } catch (error) {
    fail((error as Error).message);
  }
})();
const configError = validateBrokerConfig(brokerConfig);
if (configError) fail(`--config: ${configError}`);
if (values['in-memory'] && (values['data-dir'] !== undefined || values.lab !== undefined)) fail('--in-memory keeps nothing on disk; drop --data-dir and --lab, or drop --in-memory');
const labStorage = (() => {
  if (values.demo) return null;
  try {
    return resolveLabStorage({ dataDir: values['data-dir'], lab: values.lab, inMemory: values['in-memory'] });
  } catch (error) {
    fail(`--lab: ${(error as Error).message}`);
  }
})();
const attendeeCount = values.attendees === undefined ? 0 : integer('attendees', values.attendees, 1, 500);
if (attendeeCount > 0 && !security.securityProtocols.some((p) => p.startsWith('SASL_'))) fail('--attendees makes SASL users: add --security-protocol SASL_SSL (or SASL_PLAINTEXT)');
const attendees = attendeeUsers(attendeeCount);
const users = [...security.users, ...attendees];

async function main(): Promise<void> {
  if (!values['no-build'] && (await rendererBuildIsStale(projectRoot))) {
    console.log('kafka-lab serve: building the UI (out/renderer is missing or older than its sources)…');
    await buildRenderer(projectRoot);
  }
  const baseOptions = {
    brokers,
    ...(controllers > 0 ? { controllers } : {}),
    basePort,
    portFallback: basePort !== 0,
    seed: values.seed === undefined ? undefined : integer('seed', values.seed, 0, 2 ** 31),
    speed: values.speed === undefined ? undefined : Number(values.speed),
    ...(listenHost !== undefined ? { listenHost } : {}),
    ...(advertisedHost !== undefined ? { advertisedHost } : {}),
    ...(Object.keys(brokerConfig).length > 0 ? { brokerConfig } : {}),
    ...(labStorage ? { storage: labStorage } : {}),
    ...(users.length > 0 ? { users } : {}),
    ...(security.tlsDir !== undefined ? { tlsDir: security.tlsDir } : {}),
  };
  // Issue 13: the session swaps the cluster under the UI ("New cluster…", scenarios, recordings).
  const session = await HostSession.start({
    baseOptions,
    startHost: (options) => startClusterHost(options, values.demo!),
    startWorkbench: async (host) => (host.kind === 'embedded' ? startWorkbench(host.bootstrap, () => host.snapshot().groups, host.labClientConnection) : null),
    noWorkbenchReason: (host) => (host.kind === 'demo' ? 'the demo host has no Kafka listeners' : 'the workbench did not load (see the server log)'),
  });
  const cluster = session.host;
  const hub = session.hub;
  const server = await startServeServer({
    host: values.host!, port: uiPort, portFallback: uiPort !== 0, token, rendererDir: resolve(projectRoot, 'out/renderer'), cluster, hub,
    workbench: session.workbench, session: new ScenarioControl(session).commands, labReset: () => session.resetLab(),
    // Issue 17: serve mode has no keychain: profiles and their secrets stay in this process's memory.
    remote: new RemoteService(new MemoryProfileStore()),
  });
  const brokerPorts = cluster.portFallback;
  if (brokerPorts) console.log(`kafka-lab serve: ${brokerPorts}`);
  if (session.started.kind === 'embedded') console.log(`kafka-lab serve: ${labStorage ? `lab "${labStorage.labName}" at ${labStorage.labDir}` : 'data in memory only (--in-memory): nothing is kept when the process stops'}`);
  const uiPorts = describePortFallback('the UI', uiPort, [server.port], server.portsInUse);
  if (uiPorts) console.log(`kafka-lab serve: ${uiPorts}`);
  console.log(`kafka-lab serve: ${describeToken(resolvedToken)}`);
  const shownHost = loopback ? values.host! : values.host === '0.0.0.0' ? lanAddress() : values.host!;
  const base = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${server.port}/`;
  console.log(`kafka-lab serve ready url=${base}?token=${token} readonly-url=${base} bootstrap=${cluster.bootstrap} seed=${cluster.seed} host=${session.started.kind}${security.securityProtocol === 'PLAINTEXT' ? '' : ` security.protocol=${security.securityProtocol}${cluster.snapshot().listenerSecurity?.caLocation ? ` ssl.ca.location=${cluster.snapshot().listenerSecurity!.caLocation}` : ''}`}${serveListenerFields(cluster.snapshot().listenerSecurity)}`);
  // Issue 16: attendees log in on the first SASL listener (with several listeners it need not be the first one).
  const attendeeListener = cluster.snapshot().listenerSecurity?.listeners.find((l) => l.securityProtocol.startsWith('SASL_'));
  if (attendees.length > 0 && attendeeListener) console.log(attendeeTable(attendees, attendeeListener.endpoints.map((e) => hostPort(e.host, e.port)).join(','), attendeeListener.securityProtocol, attendeeListener.sslClientAuth !== null ? (cluster.snapshot().listenerSecurity?.caLocation ?? null) : null, attendeeListener.saslMechanisms.includes('SCRAM-SHA-512') ? 'SCRAM-SHA-512' : attendeeListener.saslMechanisms.join(',')));
  if (!loopback) console.log(`kafka-lab serve: listening on ${values.host}; share ${base} for a read-only view (the cluster, no commands, no record contents), keep the token for the trainer.`);
  if (wildcardBrokers && security.securityProtocols.some((p) => !p.startsWith('SASL_'))) console.log(`kafka-lab serve: a Kafka listener on ${listenHost} has no authentication: anyone who can reach this machine can create and delete topics and read and write every record.`);

  let closing = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (closing) {
      // A second Ctrl-C while closing: the user wants out now.
      console.log(`kafka-lab serve: ${signal} again, exiting now`);
      process.exit(130);
    }
    closing = true;
    const brokersRunning = cluster.runningBrokerCount ?? cluster.snapshot().brokers.filter((b) => b.state === 'running').length;
    console.log(`kafka-lab serve: ${shutdownMessage(signal, { brokers: brokersRunning, clientConnections: cluster.clientConnectionCount ?? 0, viewers: server.viewerCount() })}`);
    // Whatever hangs (a client that never lets go), the process is gone within 2 s.
    setTimeout(() => {
      console.log('kafka-lab serve: still closing after 1.5 s, exiting anyway');
      process.exit(0);
    }, 1500).unref();
    hub.close();
    await server.close();
    await session.close();
    console.log('kafka-lab serve: stopped');
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void shutdown(signal));
  process.on('SIGTERM', (signal) => void shutdown(signal));
}

/**
 * The workbench (producing, consuming, browsing) runs kafkajs clients against the cluster. Loaded
 * lazily: if it cannot load, the cluster views still serve, and the line below says what is missing.
 */
async function startWorkbench(bootstrap: string, groups: () => ClusterView['groups'], connection?: LabClientConnection): Promise<(WorkbenchCommands & { close(): Promise<void> }) | null> {
  try {
    const { Workbench } = await import('../workbench/workbench');
    return new Workbench({ bootstrap, groups, ...(connection ? { connection } : {}) });
  } catch (error) {
    console.warn(`kafka-lab serve: the workbench cannot load (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); producing and consuming from the UI are unavailable.`);
    return null;
  }
}

function hostArg(name: string, raw: string | undefined): string | undefined {
  try {
    return hostOption(name, raw);
  } catch (error) {
    fail((error as Error).message);
  }
}

function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const address of list ?? []) if (address.family === 'IPv4' && !address.internal) return address.address;
  }
  return '127.0.0.1';
}

main().catch((error) => fail(error instanceof Error ? error.message : String(error)));

/** Issue 16: with several listeners, each one's `listener.<NAME>.bootstrap=…` fields (as `kafka-lab broker` prints them). */
function serveListenerFields(view: ListenerSecurityView | undefined): string {
  if (!view) return '';
  return readyListenerFields(view.listeners, new Map(view.listeners.map((l) => [l.name, l.sslClientAuth !== null ? view.caLocation : null])));
}
