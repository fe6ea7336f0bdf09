/**
 * Arguments of `kafka-lab broker` (src/broker/cli.ts), parsed with node:util parseArgs. Kept apart
 * from the entry point so tests can check them without starting a process.
 */
import { LAB_NUM_PARTITIONS } from '../cluster/config/lab-defaults';
import { parseArgs } from 'node:util';
import type { ClusterHostOptions } from './cluster-host';
import { validateBrokerConfig } from './broker-config';
import { MAX_DEDICATED_CONTROLLERS } from '../../shared/cluster-shape';
import { resolveLabStorage } from './data-dir';
import { applySecurityArgs, SECURITY_ARG_OPTIONS, SECURITY_USAGE } from './security-args';
import { CONNECT_USAGE } from '../../connect/cli-flag';

export const USAGE = `Usage: kafka-lab broker [options]

Starts a simulated multi-broker Kafka cluster speaking the Kafka wire protocol on 127.0.0.1
(or --broker-host). Broker ids are 1..N (or from --first-broker-id) on consecutive ports from --port.

Options:
  --brokers <n>              number of brokers (default 3)
  --first-broker-id <n>      node.id of the first broker, the others counting up (default 1; 0 numbers
                             them 0..N-1, as many docker setups and client test suites assume; ≤ 1000)
  --controllers <n>          dedicated KRaft controller nodes (process.roles=controller, node ids
                             3000..), which then form the quorum apart from the brokers: stopping
                             brokers never costs the quorum. 0 (default) = combined mode
                             (process.roles=broker,controller): the first up-to-3 brokers are voters
  --port <port>              port of the first broker; the i-th listens on port+i-1 (default 9092; 0 = ephemeral
                             ports). When one is taken, the brokers take the next free consecutive
                             ports and stderr says which port was in use and which were chosen
  --partitions <n>           num.partitions for auto-created topics (default 3, the lab's; Kafka's is 1)
  --replication-factor <n>   default.replication.factor for auto-created topics (default: min(3, brokers))
  --racks <a,b,…>            broker.rack of the brokers, round-robin: broker i gets the ((i-1) mod n)th
                             name (rack-aware replica assignment; with --config replica.selector.class=
                             org.apache.kafka.common.replica.RackAwareReplicaSelector, consumers with
                             client.rack fetch from a replica in their rack, KIP-392)
  --seed <n>                 seed of the simulation (default: random, printed at start)
  --speed <x>                simulated ms per wall-clock ms (default 1)
  --config <key=value>       broker config, repeatable (e.g. --config min.insync.replicas=2).
                             Connection limits as in Kafka: max.connections (default 1000 per
                             broker here, Kafka's is unlimited: all brokers share this process),
                             max.connections.per.ip, max.connections.per.ip.overrides,
                             connections.max.idle.ms (default 600000)
  --broker-host <addr>       address the broker listeners bind (default 127.0.0.1); 0.0.0.0 lets
                             other machines connect (a workshop room) and needs --advertised-host
                             and a SASL listener (--security-protocol SASL_SSL --user …), unless
                             --allow-unauthenticated-brokers: without SASL anyone who can connect
                             can create/delete topics and read and write every record
  --advertised-host <host>   host name or IP clients are told to connect to, in Metadata,
                             FindCoordinator, DescribeCluster and the bootstrap line (Kafka's
                             advertised.listeners host; default: --broker-host). Must be an address
                             the clients can reach, e.g. this machine's LAN IP
  --data-dir <dir>           root of the labs' data (default: the per-user data directory,
                             ~/.local/share/kafka-lab on Linux, ~/Library/Application Support/
                             kafka-lab on macOS, %APPDATA%/kafka-lab on Windows;
                             $KAFKA_LAB_DATA_DIR overrides it). Printed at start
  --lab <name>               the lab to open or create under the data root (default "default"):
                             its topics, configs, records and committed offsets survive restarts,
                             in Kafka's own log directory layout and file formats
  --in-memory                keep nothing on disk (a throwaway cluster, lost when the process stops)
${SECURITY_USAGE}
  --keep-input-log           keep the whole input log however long the session runs, so it can
                             always be exported and replayed (default: kept up to 256 MiB, 64 MiB
                             for a lab on disk, then dropped to bound memory, and export is no
                             longer possible)
${CONNECT_USAGE}
  -h, --help                 show this help

Once ready it prints: kafka-lab ready bootstrap=127.0.0.1:9092,...
(with security: ... security.protocol=SASL_SSL ssl.ca.location=<the CA's PEM file>)
(with several listeners, per listener: ... listener.<NAME>.bootstrap=… listener.<NAME>.security.protocol=…)
(with --connect: ... connect=http://127.0.0.1:8083)
Commands on stdin (one per line): stop <id> (controlled shutdown), kill <id> (crash), power-loss <id>
(crash + each replica drops its records above its flushed offset, see flush.messages), start <id>,
isolate <id> / heal <id> (cut from the other brokers, still reachable by clients), status, help;
with --controllers the same verbs take a controller node id (stop, kill and power-loss stop it)

Data lives in the lab's directory (one log directory per broker, broker-<id>/, in Kafka's on-disk
format) unless --in-memory; disk grows with what retention keeps (default 7 days); bound it with
--config log.retention.ms=<ms> or --config log.retention.bytes=<bytes> (per partition). To start a
lab afresh, stop it and delete its directory, or use the UI's "reset lab".`;

/** A bad command line; the CLI prints the message and the usage and exits 2. */
export class UsageError extends Error {}

function parseIntOption(name: string, raw: string | undefined, fallback: number, min: number): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min) throw new UsageError(`--${name} must be at least ${min}, got ${value}`);
  return value;
}

export function parseBrokerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ClusterHostOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      brokers: { type: 'string' },
      'first-broker-id': { type: 'string' },
      controllers: { type: 'string' },
      port: { type: 'string' },
      partitions: { type: 'string' },
      'replication-factor': { type: 'string' },
      seed: { type: 'string' },
      racks: { type: 'string' },
      speed: { type: 'string' },
      config: { type: 'string', multiple: true },
      'broker-host': { type: 'string' },
      'advertised-host': { type: 'string' },
      // [cluster model owner, follow-up 7] keep the full input log (export of long sessions).
      'keep-input-log': { type: 'boolean' },
      // Issue 15: where the lab's data lives.
      'data-dir': { type: 'string' },
      lab: { type: 'string' },
      'in-memory': { type: 'boolean' },
      ...SECURITY_ARG_OPTIONS,
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const brokers = parseIntOption('brokers', values.brokers, 3, 1);
  const firstBrokerId = parseIntOption('first-broker-id', values['first-broker-id'], 1, 0);
  // Dedicated controllers are numbered from 3000 (cluster-host.ts DEDICATED_CONTROLLER_BASE_ID).
  if (firstBrokerId > 1000) throw new UsageError(`--first-broker-id must be at most 1000, got ${firstBrokerId}`);
  const controllers = parseIntOption('controllers', values.controllers, 0, 0);
  if (controllers > MAX_DEDICATED_CONTROLLERS) throw new UsageError(`--controllers must be at most ${MAX_DEDICATED_CONTROLLERS} (Kafka recommends 3 or 5 voters), got ${controllers}`);
  const basePort = parseIntOption('port', values.port, 9092, 0);
  if (basePort !== 0 && basePort + brokers - 1 > 65535) throw new UsageError(`--port ${basePort} leaves no room for ${brokers} brokers`);
  const brokerConfig: Record<string, string> = {};
  for (const entry of values.config ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--config expects key=value, got "${entry}"`);
    brokerConfig[entry.slice(0, eq).trim()] = entry.slice(eq + 1).trim();
  }
  const listenHost = hostOption('broker-host', values['broker-host']);
  const advertisedHost = hostOption('advertised-host', values['advertised-host']);
  if (advertisedHost !== undefined && WILDCARD.has(advertisedHost)) throw new UsageError(`--advertised-host must be an address clients can connect to, not the wildcard ${advertisedHost}`);
  if (listenHost !== undefined && WILDCARD.has(listenHost) && advertisedHost === undefined) {
    throw new UsageError(`--broker-host ${listenHost} listens on every interface; add --advertised-host <this machine's name or LAN IP> so clients know where to connect`);
  }
  if (values['in-memory'] && (values['data-dir'] !== undefined || values.lab !== undefined)) throw new UsageError('--in-memory keeps nothing on disk; drop --data-dir and --lab, or drop --in-memory');
  let storage;
  try {
    storage = resolveLabStorage({ dataDir: values['data-dir'], lab: values.lab, inMemory: values['in-memory'] }, env);
  } catch (e) {
    throw new UsageError(`--lab: ${(e as Error).message}`);
  }
  let security: ReturnType<typeof applySecurityArgs>;
  try {
    security = applySecurityArgs(values, brokerConfig, listenHost);
  } catch (err) {
    throw new UsageError((err as Error).message, { cause: err });
  }
  const configError = validateBrokerConfig(brokerConfig);
  if (configError) throw new UsageError(configError);
  const rackNames = values.racks === undefined ? [] : values.racks.split(',').map((r) => r.trim());
  if (values.racks !== undefined && rackNames.some((r) => !/^[A-Za-z0-9._-]+$/.test(r))) throw new UsageError(`--racks expects comma-separated rack names (letters, digits, . _ -), got "${values.racks}"`);
  const speed = values.speed === undefined ? 1 : Number(values.speed);
  if (!(speed > 0) || !Number.isFinite(speed)) throw new UsageError(`--speed must be a positive number, got "${values.speed}"`);
  return {
    brokers,
    ...(firstBrokerId !== 1 ? { firstBrokerId } : {}),
    ...(controllers > 0 ? { controllers } : {}),
    basePort,
    // As serve mode: a taken port moves the range on (said on stderr) instead of failing the start.
    portFallback: basePort !== 0,
    seed: values.seed === undefined ? undefined : parseIntOption('seed', values.seed, 0, 0),
    brokerConfig,
    defaultPartitions: parseIntOption('partitions', values.partitions, LAB_NUM_PARTITIONS, 1),
    defaultReplicationFactor: parseIntOption('replication-factor', values['replication-factor'], Math.min(3, brokers), 1),
    speed,
    ...(values['keep-input-log'] ? { keepFullInputLog: true } : {}),
    ...(rackNames.length > 0 ? { racks: Array.from({ length: brokers }, (_, i) => rackNames[i % rackNames.length]!) } : {}),
    ...(storage ? { storage } : {}),
    ...(listenHost !== undefined ? { listenHost } : {}),
    ...(advertisedHost !== undefined ? { advertisedHost } : {}),
    ...(security.users.length > 0 ? { users: security.users } : {}),
    ...(security.tlsDir !== undefined ? { tlsDir: security.tlsDir } : {}),
  };
}

const WILDCARD = new Set(['0.0.0.0', '::']);

/** A host name, IPv4 or IPv6 address: no spaces, no port, no scheme. */
export function hostOption(name: string, raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (!/^[A-Za-z0-9.:_-]+$/.test(raw) || /^\d+$/.test(raw)) throw new UsageError(`--${name} must be a host name or IP address, got "${raw}"`);
  return raw;
}
