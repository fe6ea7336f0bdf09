/**
 * `kafka-consumer-groups`: Kafka's ConsumerGroupCommand
 * (org.apache.kafka.tools.consumer.group.ConsumerGroupCommand) for classic consumer groups, as a
 * kafkajs Admin client: --list [--state], --describe (offsets, --members [--verbose], --state),
 * --reset-offsets (group-offsets.ts), --delete. Tables as ConsumerGroupCommand prints them
 * (`%-15s`-style columns widened to the longest value, `-` for a missing value); lag is
 * logEndOffset − committed offset. Errors as Kafka words them (`Consumer group 'g' does not
 * exist.`, `Consumer group 'g' has no active members.` on stderr).
 * The coordinator of --describe --state comes from FindCoordinator through protocol-client.ts.
 * Not here: --delete-offsets, --export/--from-file, consumer (KIP-848) and share groups.
 */
import { AssignerProtocol, type Admin, type GroupDescription } from 'kafkajs';
import type { Tool, ToolIo } from './io';
import { left } from './io';
import { resetOffsets, RESET_SPECS } from './group-offsets';
import { committedOffsets, topicOffsets } from './group-queries';
import { HELP_OPTION, requireOptions, UsageError, VERSION_OPTION, type OptionSpec, type ParsedOptions } from './options';
import { runTool } from './run-tool';
import { clientProperties, connectionSettings, kafkaClient, withAdmin } from './session';
import { openBootstrap, type ConnectionSettings } from './protocol-client';
import { errorName } from '../broker/protocol';

const SPECS: OptionSpec[] = [
  { name: 'bootstrap-server', arg: 'String: server to connect to', description: 'REQUIRED: The server(s) to connect to.' },
  { name: 'command-config', arg: 'String: command config property file', description: 'Property file containing configs to be passed to Admin Client and Consumer.' },
  { name: 'list', description: 'List all consumer groups.' },
  { name: 'describe', description: 'Describe consumer group and list offset lag (number of messages not yet processed) related to given group.' },
  { name: 'delete', description: 'Pass in groups to delete topic partition offsets and ownership information over the entire consumer group.' },
  { name: 'group', arg: 'String: consumer group', description: 'The consumer group we wish to act on.' },
  { name: 'all-groups', description: 'Apply to all consumer groups.' },
  { name: 'members', description: 'Describe members of the group. This option may be used with \'--describe\' and \'--bootstrap-server\' options only.' },
  { name: 'offsets', description: 'Describe the group and list all topic partitions in the group along with their offset lag. This is the default sub-action.' },
  { name: 'state', arg: 'String', description: 'When specified with \'--describe\', includes the state of the group. When specified with \'--list\', it displays the state of all groups.' },
  { name: 'verbose', description: 'Provide additional information, if any, when describing the group.' },
  { name: 'timeout', arg: 'Long: timeout (ms)', description: 'The timeout that can be set for some use cases. (default: 5000)' },
  ...RESET_SPECS,
  HELP_OPTION, VERSION_OPTION,
];

const ACTIONS = ['list', 'describe', 'delete', 'reset-offsets'];

export const consumerGroups: Tool = (argv, io) => runTool('kafka-consumer-groups', SPECS, normaliseStateArg(argv), io, '\nError: Executing consumer group command failed due to ', 'This tool helps to list all consumer groups, describe a consumer group, delete consumer group info, or reset consumer group offsets.', command);

/** --state may come without a value after --list / --describe (joptsimple's optional argument). */
function normaliseStateArg(argv: string[]): string[] {
  return argv.flatMap((a, i) => (a === '--state' && (i + 1 >= argv.length || argv[i + 1]!.startsWith('--')) ? ['--state='] : [a]));
}

async function command(options: ParsedOptions, io: ToolIo): Promise<number> {
  const actions = ACTIONS.filter((a) => options.has(a));
  if (actions.length !== 1) throw new UsageError('Command must include exactly one action: --list, --describe, --delete, --reset-offsets, --delete-offsets, --validate-regex');
  requireOptions(options, 'bootstrap-server');
  if ((options.has('describe') || options.has('delete') || options.has('reset-offsets')) && !options.has('group') && !options.has('all-groups')) {
    throw new UsageError(`Option [${actions[0]}] takes one of these options: [all-groups], [group]`);
  }
  const props = clientProperties(options, 'command-config');
  const settings = connectionSettings(options, props, 'kafka-consumer-groups');
  const kafka = kafkaClient(options, props, 'kafka-consumer-groups');
  return withAdmin(kafka, async (admin) => {
    const groupIds = options.has('all-groups') ? await consumerGroupIds(admin) : options.values('group');
    if (options.has('list')) return listGroups(admin, options, io);
    if (options.has('delete')) return deleteGroups(admin, groupIds, io);
    if (options.has('reset-offsets')) return resetOffsets(admin, groupIds, options, io);
    return describeGroups(admin, settings, groupIds, options, io);
  });
}

async function consumerGroupIds(admin: Admin): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups.filter((g) => g.protocolType === 'consumer' || g.protocolType === '').map((g) => g.groupId).sort();
}

async function listGroups(admin: Admin, options: ParsedOptions, io: ToolIo): Promise<number> {
  const ids = await consumerGroupIds(admin);
  if (!options.has('state')) {
    io.out(ids.map((id) => `${id}\n`).join(''));
    return 0;
  }
  const wanted = (options.value('state') ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  const { groups } = ids.length ? await admin.describeGroups(ids) : { groups: [] as GroupDescription[] };
  const rows = groups.filter((g) => wanted.length === 0 || wanted.includes(g.state.toLowerCase()));
  const width = Math.max(15, ...rows.map((g) => g.groupId.length)) + 10;
  io.out(`${left('GROUP', width)} ${left('STATE', 20)}\n`);
  for (const g of rows) io.out(`${left(g.groupId, width)} ${left(g.state, 20)}\n`);
  return 0;
}

async function deleteGroups(admin: Admin, groupIds: string[], io: ToolIo): Promise<number> {
  const failures: string[] = [];
  try {
    await admin.deleteGroups(groupIds);
  } catch (err) {
    const groups = (err as { groups?: { groupId: string; error?: { message?: string } }[] }).groups;
    if (!groups) throw err;
    for (const g of groups) failures.push(`* Group '${g.groupId}' could not be deleted due to: ${g.error?.message ?? 'an unknown error'}`);
  }
  const quoted = groupIds.map((g) => `'${g}'`).join(', ');
  if (failures.length === 0) io.out(`Deletion of requested consumer groups (${quoted}) was successful.\n`);
  else io.out(`Deletion of some consumer groups failed:\n${failures.join('\n')}\n`);
  return failures.length === 0 ? 0 : 1;
}

/** A member's partitions from its assignment (ConsumerProtocolAssignment, decoded by kafkajs's public AssignerProtocol). */
export function memberPartitions(assignment: Buffer): { topic: string; partition: number }[] {
  if (!assignment || assignment.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(assignment);
  return Object.entries(decoded?.assignment ?? {}).flatMap(([topic, partitions]) => (partitions as number[]).map((partition) => ({ topic, partition })));
}

/** Kafka's shouldPrintMemberState: false (after saying why) when there is nothing to print. */
function shouldPrint(group: GroupDescription | undefined, groupId: string, rows: number, io: ToolIo): boolean {
  const state = group?.state ?? 'Dead';
  if (state === 'Dead') io.out(`\nError: Consumer group '${groupId}' does not exist.\n`);
  else if (state === 'Empty') io.err(`\nConsumer group '${groupId}' has no active members.\n`);
  else if (state === 'PreparingRebalance' || state === 'CompletingRebalance') io.err(`\nWarning: Consumer group '${groupId}' is rebalancing.\n`);
  return state !== 'Dead' && rows > 0;
}

async function describeGroups(admin: Admin, settings: ConnectionSettings, groupIds: string[], options: ParsedOptions, io: ToolIo): Promise<number> {
  const { groups } = await admin.describeGroups(groupIds);
  const byId = new Map(groups.map((g) => [g.groupId, g]));
  for (const groupId of [...groupIds].sort()) {
    const group = byId.get(groupId);
    if (options.has('members') && !options.has('offsets')) describeMembers(group, groupId, options.has('verbose'), io);
    else if (options.has('state') && !options.has('offsets')) describeState(group, groupId, group && group.state !== 'Dead' ? await coordinatorOf(settings, groupId) : '-', io);
    else await describeOffsets(admin, group, groupId, io);
  }
  return 0;
}

function describeMembers(group: GroupDescription | undefined, groupId: string, verbose: boolean, io: ToolIo): void {
  // As ConsumerGroupCommand.printMembers: the header is printed even when there is no member to list.
  const members = (group?.members ?? []).map((m) => ({ id: m.memberId, host: m.clientHost, clientId: m.clientId, partitions: memberPartitions(m.memberAssignment) }));
  shouldPrint(group, groupId, members.length, io);
  const w = { group: Math.max(15, groupId.length), id: Math.max(15, ...members.map((m) => m.id.length)), host: Math.max(15, ...members.map((m) => m.host.length)), client: Math.max(15, ...members.map((m) => m.clientId.length)) };
  const assignmentOf = (ps: { topic: string; partition: number }[]) => {
    const byTopic = new Map<string, number[]>();
    for (const p of ps) byTopic.set(p.topic, [...(byTopic.get(p.topic) ?? []), p.partition]);
    return ps.length === 0 ? '-' : [...byTopic].map(([t, list]) => `${t}:${list.sort((a, b) => a - b).join(',')}`).sort().join(';');
  };
  const row = (g: string, id: string, host: string, client: string, n: string) => `${left(g, w.group)} ${left(id, w.id)} ${left(host, w.host)} ${left(client, w.client)} ${left(n, 15)} `;
  io.out(`\n${row('GROUP', 'CONSUMER-ID', 'HOST', 'CLIENT-ID', '#PARTITIONS')}${verbose ? 'ASSIGNMENT' : ''}\n`);
  for (const m of members) io.out(`${row(groupId, m.id, m.host, m.clientId, String(m.partitions.length))}${verbose ? assignmentOf(m.partitions) : ''}\n`);
}

/** The group's coordinator as `host:port  (id)` (FindCoordinator v3 through protocol-client.ts: kafkajs does not expose it). */
async function coordinatorOf(settings: ConnectionSettings, groupId: string): Promise<string> {
  const connection = await openBootstrap(settings);
  try {
    const found = await connection.call<{ errorCode: number; nodeId: number; host: string; port: number; errorMessage: string | null }>(10, 3, { key: groupId, keyType: 0 });
    if (found.errorCode !== 0) throw new Error(found.errorMessage ?? errorName(found.errorCode));
    return `${found.host}:${found.port}  (${found.nodeId})`;
  } finally {
    connection.close();
  }
}

function describeState(group: GroupDescription | undefined, groupId: string, coordinator: string, io: ToolIo): void {
  if (!shouldPrint(group, groupId, 1, io)) return;
  const g = group!;
  const gw = Math.max(15, groupId.length);
  const cw = Math.max(25, coordinator.length);
  const line = (a: string, b: string, c: string, d: string, e: string) => `\n${left(a, gw)} ${left(b, cw)} ${left(c, 20)} ${left(d, 20)} ${e}`;
  io.out(`${line('GROUP', 'COORDINATOR (ID)', 'ASSIGNMENT-STRATEGY', 'STATE', '#MEMBERS')}${line(groupId, coordinator, g.protocol || '-', g.state, String(g.members.length))}\n`);
}

interface OffsetRow { topic: string; partition: number; offset: string | null; logEndOffset: string | null; consumerId: string; host: string; clientId: string }

async function describeOffsets(admin: Admin, group: GroupDescription | undefined, groupId: string, io: ToolIo): Promise<void> {
  const committed = group && group.state !== 'Dead' ? await committedOffsets(admin, groupId) : new Map();
  const rows: OffsetRow[] = [];
  const assigned = new Set<string>();
  const members = [...(group?.members ?? [])].map((m) => ({ m, partitions: memberPartitions(m.memberAssignment) })).filter((x) => x.partitions.length > 0)
    .sort((a, b) => b.partitions.length - a.partitions.length);
  const ends = await topicOffsets(admin, [...members.flatMap((x) => x.partitions.map((p) => p.topic)), ...[...committed.values()].map((c) => c.topic)]);
  const byTopicPartition = (a: OffsetRow, b: OffsetRow) => a.topic.localeCompare(b.topic) || a.partition - b.partition;
  const rowOf = (topic: string, partition: number, consumerId: string, host: string, clientId: string): OffsetRow => ({
    topic, partition, offset: committed.get(`${topic}:${partition}`)?.offset ?? null, logEndOffset: ends.get(`${topic}:${partition}`)?.high ?? null, consumerId, host, clientId,
  });
  for (const { m, partitions } of members) {
    const own = partitions.map((p) => { assigned.add(`${p.topic}:${p.partition}`); return rowOf(p.topic, p.partition, m.memberId, m.clientHost, m.clientId); });
    rows.push(...own.sort(byTopicPartition));
  }
  rows.push(...[...committed.values()].filter((c) => !assigned.has(`${c.topic}:${c.partition}`)).map((c) => rowOf(c.topic, c.partition, '-', '-', '-')).sort(byTopicPartition));
  if (!shouldPrint(group, groupId, rows.length, io)) return;
  const w = { group: Math.max(15, groupId.length), topic: Math.max(15, ...rows.map((r) => r.topic.length)), id: Math.max(15, ...rows.map((r) => r.consumerId.length)), host: Math.max(15, ...rows.map((r) => r.host.length)) };
  const line = (cells: string[]) => `\n${left(cells[0]!, w.group)} ${left(cells[1]!, w.topic)} ${left(cells[2]!, 10)} ${left(cells[3]!, 15)} ${left(cells[4]!, 15)} ${left(cells[5]!, 15)} ${left(cells[6]!, w.id)} ${left(cells[7]!, w.host)} ${cells[8]}`;
  let out = line(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
  for (const r of rows) {
    const lag = r.offset !== null && r.logEndOffset !== null ? String(BigInt(r.logEndOffset) - BigInt(r.offset)) : '-';
    out += line([groupId, r.topic, String(r.partition), r.offset ?? '-', r.logEndOffset ?? '-', lag, r.consumerId, r.host, r.clientId]);
  }
  io.out(`${out}\n`);
}
