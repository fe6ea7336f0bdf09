/**
 * `kafka-configs`: Kafka's ConfigCommand (org.apache.kafka.tools.ConfigCommand) for topics and
 * brokers (--entity-type topics|brokers with --entity-name, or --topic / --broker; the
 * cluster-wide broker default is refused: kafkajs cannot name its resource): --describe [--all] prints `Dynamic configs for topic t are:` (or
 * `All configs for …`) and one `  name=value sensitive=false synonyms={SOURCE:name=value, …}` line
 * per config; --alter --add-config `k=v,k2=[a,b]` / --delete-config `k,k2` prints `Completed
 * updating config for topic t.` kafkajs has no IncrementalAlterConfigs, so an alter reads the
 * entity's dynamic configs and writes them back changed with AlterConfigs (what ConfigCommand did
 * before KIP-339); deleting a config that is not set is refused as Kafka refuses it (`Invalid
 * config(s): k`). Users, clients and groups are not supported here (kafkajs lacks their APIs).
 */
import { ConfigResourceTypes, type Admin } from 'kafkajs';
import type { Tool, ToolIo } from './io';
import { HELP_OPTION, requireOptions, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { runTool } from './run-tool';
import { clientProperties, kafkaClient, withAdmin } from './session';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: server to connect to', description: 'The Kafka servers to connect to.' },
  { name: 'command-config', arg: 'String: command config property file', description: 'Property file containing configs to be passed to Admin Client.' },
  { name: 'describe', description: 'List configs for the given entity.' },
  { name: 'alter', description: 'Alter the configuration for the entity.' },
  { name: 'all', description: 'List all configs for the given topic, broker, or broker-logger entity (includes static configuration when the entity type is brokers)' },
  { name: 'entity-type', arg: 'String', description: 'Type of entity (topics/brokers); users/clients/groups are not supported here' },
  { name: 'entity-name', arg: 'String', description: 'Name of entity (topic name/broker id)' },
  { name: 'entity-default', description: 'Default entity name for clients/users/brokers (applies to corresponding entity type)' },
  { name: 'topic', arg: 'String', description: "The topic's name." },
  { name: 'broker', arg: 'String', description: "The broker's ID." },
  { name: 'broker-defaults', description: 'The config defaults for all brokers.' },
  { name: 'add-config', arg: 'String', description: "Key Value pairs of configs to add. Square brackets can be used to group values which contain commas: 'k1=v1,k2=[v1,v2,v2],k3=v3'." },
  { name: 'delete-config', arg: 'String', description: 'config keys to remove \'k1,k2\'' },
  HELP_OPTION, VERSION_OPTION,
];

export const kafkaConfigs: Tool = (argv, io) => runTool('kafka-configs', SPECS, argv, io, 'Error while executing config command with args \'' + argv.join(' ') + '\'\n', 'This tool helps to manipulate and describe entity config for a topic, client, user, broker, broker-logger or group', run);

/** Kafka's ConfigEntry.ConfigSource by DescribeConfigs id. */
const SOURCES: Record<number, string> = {
  0: 'UNKNOWN', 1: 'DYNAMIC_TOPIC_CONFIG', 2: 'DYNAMIC_BROKER_CONFIG', 3: 'DYNAMIC_DEFAULT_BROKER_CONFIG', 4: 'STATIC_BROKER_CONFIG',
  5: 'DEFAULT_CONFIG', 6: 'DYNAMIC_BROKER_LOGGER_CONFIG', 7: 'CLIENT_METRICS_CONFIG', 8: 'GROUP_CONFIG',
};

/** `k1=v1,k2=[a,b],k3=v3` as ConfigCommand.parseConfigsToBeAdded reads it. */
export function parseAddConfig(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const pairs = text.match(/[^,=\s][^,=]*=(?:\[[^\]]*\]|[^,]*)/g) ?? [];
  if (pairs.join(',').replace(/\s/g, '') !== text.replace(/\s/g, '')) throw new UsageError(`Invalid entity config: all configs to be added must be in the format "key=val" (got ${text})`);
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim().replace(/^\[(.*)\]$/, '$1');
  }
  return out;
}

/** kafkajs refuses the empty resource name that means the cluster-wide broker default. */
const DEFAULT_BROKER_UNSUPPORTED = 'the cluster-wide broker default (--entity-default, --broker-defaults) is not supported here: kafkajs cannot name it; alter each broker with --entity-name <id>';

interface Entity { type: 'topics' | 'brokers'; name: string | null }

function entityOf(options: ParsedOptions): Entity {
  if (options.has('topic')) return { type: 'topics', name: options.value('topic')! };
  if (options.has('broker')) return { type: 'brokers', name: options.value('broker')! };
  if (options.has('broker-defaults')) throw new UsageError(DEFAULT_BROKER_UNSUPPORTED);
  const type = options.value('entity-type');
  if (type === undefined) throw new UsageError('--entity-type must be specified');
  if (type !== 'topics' && type !== 'brokers') {
    throw new UsageError(type === 'users' || type === 'clients' || type === 'groups' || type === 'broker-loggers' || type === 'client-metrics'
      ? `--entity-type ${type} is not supported here (kafkajs lacks its APIs): topics and brokers are`
      : `Invalid entity type ${type}, the entity type must be one of topics, clients, users, brokers, broker-loggers, client-metrics, groups`);
  }
  if (options.has('entity-default')) {
    if (type === 'topics') throw new UsageError('--entity-default is not a valid option for entity type topics');
    throw new UsageError(DEFAULT_BROKER_UNSUPPORTED);
  }
  return { type, name: options.value('entity-name') ?? null };
}

async function run(options: ParsedOptions, io: ToolIo): Promise<number> {
  if (Number(options.has('describe')) + Number(options.has('alter')) !== 1) throw new UsageError('Command must include exactly one action: --describe, --alter');
  requireOptions(options, 'bootstrap-server');
  const entity = entityOf(options);
  if (entity.type === 'brokers' && entity.name && !/^\d+$/.test(entity.name)) throw new UsageError(`The entity name for brokers must be a valid integer broker id, but it is: ${entity.name}`);
  if (options.has('alter') && entity.name === null) throw new UsageError('An entity name must be specified with --alter of topics, brokers');
  if (options.has('alter') && !options.has('add-config') && !options.has('delete-config')) throw new UsageError('At least one of --add-config or --delete-config must be specified with --alter');
  const kafka = kafkaClient(options, clientProperties(options, 'command-config'), 'kafka-configs');
  return withAdmin(kafka, async (admin) => (options.has('alter') ? alter(admin, entity, options, io) : describe(admin, entity, options.has('all'), io)));
}

const resourceType = (e: Entity) => (e.type === 'topics' ? ConfigResourceTypes.TOPIC : ConfigResourceTypes.BROKER);
/** The source an entity's own (dynamic) configs have. */
const dynamicSource = (e: Entity) => (e.type === 'topics' ? 1 : 2);
const entityLabel = (e: Entity, name: string) => (e.type === 'topics' ? `topic ${name}` : `broker ${name}`);

interface Entry { configName: string; configValue: string | null; configSource?: number; isSensitive: boolean; configSynonyms?: { configName: string; configValue: string | null; configSource: number }[] }

async function describe(admin: Admin, entity: Entity, all: boolean, io: ToolIo): Promise<number> {
  const names = entity.name !== null ? [entity.name] : entity.type === 'topics' ? (await admin.listTopics()).sort() : (await admin.describeCluster()).brokers.map((b) => String(b.nodeId)).sort((a, b) => Number(a) - Number(b));
  for (const name of names) {
    const { resources } = await admin.describeConfigs({ includeSynonyms: true, resources: [{ type: resourceType(entity), name }] });
    const entries = (resources[0]?.configEntries ?? []) as Entry[];
    const shown = all ? entries : entries.filter((e) => e.configSource === dynamicSource(entity));
    io.out(`${all ? 'All' : 'Dynamic'} configs for ${entityLabel(entity, name)} are:\n`);
    for (const e of [...shown].sort((a, b) => a.configName.localeCompare(b.configName))) {
      const value = e.isSensitive ? null : e.configValue;
      const synonyms = (e.configSynonyms ?? []).map((s) => `${SOURCES[s.configSource] ?? 'UNKNOWN'}:${s.configName}=${e.isSensitive ? null : s.configValue}`).join(', ');
      io.out(`  ${e.configName}=${value} sensitive=${e.isSensitive} synonyms={${synonyms}}\n`);
    }
  }
  return 0;
}

async function alter(admin: Admin, entity: Entity, options: ParsedOptions, io: ToolIo): Promise<number> {
  const add = options.has('add-config') ? parseAddConfig(options.value('add-config')!) : {};
  const remove = (options.value('delete-config') ?? '').split(',').map((k) => k.trim()).filter((k) => k !== '');
  const name = entity.name!;
  const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: resourceType(entity), name }] });
  const current = new Map(((resources[0]?.configEntries ?? []) as Entry[]).filter((e) => e.configSource === dynamicSource(entity)).map((e) => [e.configName, e.configValue ?? '']));
  const missing = remove.filter((k) => !current.has(k));
  if (missing.length) throw new Error(`Invalid config(s): ${missing.join(',')}`);
  for (const k of remove) current.delete(k);
  for (const [k, v] of Object.entries(add)) current.set(k, v);
  await admin.alterConfigs({ validateOnly: false, resources: [{ type: resourceType(entity), name, configEntries: [...current].map(([n, value]) => ({ name: n, value })) }] });
  io.out(`Completed updating config for ${entityLabel(entity, name)}.\n`);
  return 0;
}
