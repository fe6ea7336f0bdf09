/**
 * Issue 19: Kafka's quickstart as written, through the built `kafka-lab` bin over real sockets:
 * `kafka-lab broker` started from the bin, then kafka-topics --create (3 partitions, RF 3) and
 * --describe, kafka-console-producer with keys, kafka-console-consumer --from-beginning with
 * print.key, kafka-consumer-groups --describe showing lag, --reset-offsets --to-earliest (dry run,
 * then --execute), --describe again; the same tools through `$KAFKA_HOME/bin/*.sh`; usage errors.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBin, startBroker, type BrokerProcess, type BuiltBin } from './testing/built-bin';

let bin: BuiltBin;
let broker: BrokerProcess;
beforeAll(async () => {
  bin = buildBin();
  // Consumers join at once (Kafka's 3 s initial rebalance delay would only slow the test).
  broker = await startBroker(bin, ['--port', '0', '--in-memory', '--seed', '19', '--config', 'group.initial.rebalance.delay.ms=0']);
}, 180_000);
afterAll(async () => {
  if (broker) expect(await broker.stop()).toBe(0);
  bin?.remove();
});

const TOPIC = 'quickstart-events';
const GROUP = 'quickstart-group';
const LINES = ['alice:signed up', 'bob:signed up', 'carol:signed up', 'alice:ordered a book', 'bob:ordered a pen', 'alice:paid'];

/** The rows of a consumer-groups --describe table (header excluded), as column arrays. */
function describeRows(stdout: string): string[][] {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '');
  expect(lines[0]!.split(/\s+/)).toEqual(['GROUP', 'TOPIC', 'PARTITION', 'CURRENT-OFFSET', 'LOG-END-OFFSET', 'LAG', 'CONSUMER-ID', 'HOST', 'CLIENT-ID']);
  return lines.slice(1).map((l) => l.trim().split(/\s+/));
}

describe('Kafka quickstart with the kafka-lab tools', () => {
  it('creates, describes, produces with keys, consumes from the beginning, shows lag and resets offsets', async () => {
    const bs = ['--bootstrap-server', broker.bootstrap.split(',')[0]!];
    const create = await bin.run(['kafka-topics', '--create', '--topic', TOPIC, '--partitions', '3', '--replication-factor', '3', ...bs]);
    expect(create).toMatchObject({ code: 0, stdout: `Created topic ${TOPIC}.\n` });
    const again = await bin.run(['kafka-topics', '--create', '--topic', TOPIC, ...bs]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`Error while executing topic command : Topic '${TOPIC}' already exists.\n`);

    const describeTopic = await bin.run(['kafka-topics', '--describe', '--topic', TOPIC, ...bs]);
    expect(describeTopic.code).toBe(0);
    const [head, ...partitions] = describeTopic.stdout.trimEnd().split('\n');
    expect(head).toMatch(new RegExp(`^Topic: ${TOPIC}\tTopicId: [A-Za-z0-9_-]{22}\tPartitionCount: 3\tReplicationFactor: 3\tConfigs: $`));
    expect(partitions.map((l) => l.replace(/Leader: \d\tReplicas: [\d,]+\tIsr: [\d,]+/, 'L'))).toEqual([0, 1, 2].map((p) => `\tTopic: ${TOPIC}\tPartition: ${p}\tL\tElr: N/A\tLastKnownElr: N/A`));
    for (const line of partitions) {
      const [, leader, replicas, isr] = /Leader: (\d)\tReplicas: ([\d,]+)\tIsr: ([\d,]+)/.exec(line)!;
      expect(replicas!.split(',').sort()).toEqual(['1', '2', '3']);
      expect(isr!.split(',').sort()).toEqual(['1', '2', '3']);
      expect(replicas!.split(',')).toContain(leader);
    }
    const underReplicated = await bin.run(['kafka-topics', '--describe', '--under-replicated-partitions', ...bs]);
    expect(underReplicated).toMatchObject({ code: 0, stdout: '' });

    const produce = await bin.run(['kafka-console-producer', '--topic', TOPIC, '--property', 'parse.key=true', '--property', 'key.separator=:', '--producer-property', 'acks=all', ...bs], `${LINES.join('\n')}\n`);
    expect(produce).toMatchObject({ code: 0, stdout: '' });

    const consumeAll = await bin.run(['kafka-console-consumer', '--topic', TOPIC, '--from-beginning', '--property', 'print.key=true', '--max-messages', '6', ...bs]);
    expect(consumeAll.code).toBe(0);
    expect(consumeAll.stderr).toContain('Processed a total of 6 messages');
    const printed = consumeAll.stdout.trimEnd().split('\n');
    expect([...printed].sort()).toEqual(LINES.map((l) => l.replace(':', '\t')).sort());
    // Kafka's partitioner keeps one key's records in one partition, in order.
    expect(printed.filter((l) => l.startsWith('alice\t'))).toEqual(['alice\tsigned up', 'alice\tordered a book', 'alice\tpaid']);

    // A group reads four of the six records and commits them: the describe shows a lag of two.
    const consumeSome = await bin.run(['kafka-console-consumer', '--topic', TOPIC, '--group', GROUP, '--from-beginning', '--max-messages', '4', '--property', 'print.partition=true', '--property', 'print.offset=true', ...bs]);
    expect(consumeSome.code).toBe(0);
    expect(consumeSome.stdout.trimEnd().split('\n')).toHaveLength(4);
    for (const line of consumeSome.stdout.trimEnd().split('\n')) expect(line).toMatch(/^Partition:[0-2]\tOffset:\d+\t.+$/);

    const describeLag = await bin.run(['kafka-consumer-groups', '--describe', '--group', GROUP, ...bs]);
    expect(describeLag.code).toBe(0);
    expect(describeLag.stderr).toContain(`Consumer group '${GROUP}' has no active members.`);
    const lagRows = describeRows(describeLag.stdout);
    const sum = (rows: string[][], column: number) => rows.reduce((s, r) => s + Number(r[column]), 0);
    expect(lagRows.every((r) => r[0] === GROUP && r[1] === TOPIC && Number(r[5]) === Number(r[4]) - Number(r[3]) && r.slice(6).join() === '-,-,-')).toBe(true);
    expect(sum(lagRows, 3)).toBe(4);
    const state = await bin.run(['kafka-consumer-groups', '--describe', '--group', GROUP, '--state', ...bs]);
    // ConsumerGroupCommand.printStates: `%-16s %-25s %-20s %-20s %s` here (the group name is 16 long).
    const coordinator = /\n\S+ (127\.0\.0\.1:\d+ {2}\([1-3]\))/.exec(state.stdout)?.[1];
    expect(coordinator).toBeDefined();
    expect(state.stdout).toBe(`\n${'GROUP'.padEnd(16)} ${'COORDINATOR (ID)'.padEnd(25)} ${'ASSIGNMENT-STRATEGY'.padEnd(20)} ${'STATE'.padEnd(20)} #MEMBERS\n${GROUP} ${coordinator!.padEnd(25)} ${'-'.padEnd(20)} ${'Empty'.padEnd(20)} 0\n`);
    const endOffsets = await bin.run(['kafka-get-offsets', '--topic', TOPIC, ...bs]);
    expect(endOffsets.code).toBe(0);
    const ends = new Map(endOffsets.stdout.trimEnd().split('\n').map((l) => { const [, p, o] = l.split(':'); return [p!, Number(o)]; }));
    expect([...ends.values()].reduce((a, b) => a + b, 0)).toBe(6);
    expect(sum(lagRows, 5)).toBe(lagRows.reduce((s, r) => s + ends.get(r[2]!)!, 0) - 4);

    const dryRun = await bin.run(['kafka-consumer-groups', '--reset-offsets', '--to-earliest', '--group', GROUP, '--topic', TOPIC, ...bs]);
    expect(dryRun.code).toBe(0);
    const resetTable = (p: number) => `${'quickstart-group'.padEnd(16)} ${TOPIC.padEnd(17)} ${String(p).padEnd(10)} 0`;
    expect(dryRun.stdout).toBe(`\n${'GROUP'.padEnd(16)} ${'TOPIC'.padEnd(17)} ${'PARTITION'.padEnd(10)} NEW-OFFSET\n${[0, 1, 2].map(resetTable).join('\n')}\n`);
    expect(sum(describeRows((await bin.run(['kafka-consumer-groups', '--describe', '--group', GROUP, ...bs])).stdout), 3)).toBe(4);

    const execute = await bin.run(['kafka-consumer-groups', '--reset-offsets', '--to-earliest', '--execute', '--group', GROUP, '--topic', TOPIC, ...bs]);
    expect(execute).toMatchObject({ code: 0, stdout: dryRun.stdout });
    const afterReset = describeRows((await bin.run(['kafka-consumer-groups', '--describe', '--group', GROUP, ...bs])).stdout);
    expect(afterReset.map((r) => [r[2], r[3], r[4], r[5]])).toEqual([0, 1, 2].map((p) => [String(p), '0', String(ends.get(String(p))), String(ends.get(String(p)))]));

    // The group reads everything again from the reset offsets.
    const reread = await bin.run(['kafka-console-consumer', '--topic', TOPIC, '--group', GROUP, '--max-messages', '6', ...bs]);
    expect(reread.stdout.trimEnd().split('\n').sort()).toEqual(LINES.map((l) => l.split(':')[1]).sort());
    const caughtUp = describeRows((await bin.run(['kafka-consumer-groups', '--describe', '--group', GROUP, ...bs])).stdout);
    expect(caughtUp.map((r) => r[5])).toEqual(['0', '0', '0']);

    const list = await bin.run(['kafka-consumer-groups', '--list', ...bs]);
    expect(list.stdout.split('\n')).toContain(GROUP);
    const deleted = await bin.run(['kafka-consumer-groups', '--delete', '--group', GROUP, ...bs]);
    expect(deleted).toMatchObject({ code: 0, stdout: `Deletion of requested consumer groups ('${GROUP}') was successful.\n` });
    const gone = await bin.run(['kafka-consumer-groups', '--describe', '--group', GROUP, ...bs]);
    expect(gone.stdout).toBe(`\nError: Consumer group '${GROUP}' does not exist.\n`);
  }, 240_000);

  it('runs the same tools through $KAFKA_HOME/bin/kafka-*.sh', async () => {
    const home = await bin.run(['kafka-home']);
    expect(home.code).toBe(0);
    const kafkaHome = home.stdout.trim();
    const script = (name: string) => join(kafkaHome, 'bin', `${name}.sh`);
    const { run } = await import('../broker/wire/conformance/tools');
    const bs = ['--bootstrap-server', broker.bootstrap];
    const created = await run(script('kafka-topics'), ['--create', '--topic', 'from-scripts', '--partitions', '2', '--replication-factor', '1', ...bs]);
    expect(created).toMatchObject({ code: 0, stdout: 'Created topic from-scripts.\n' });
    const altered = await run(script('kafka-topics'), ['--alter', '--topic', 'from-scripts', '--partitions', '4', ...bs]);
    expect(altered.code).toBe(0);
    const listed = await run(script('kafka-topics'), ['--list', ...bs]);
    expect(listed.stdout.split('\n')).toContain('from-scripts');
    const described = await run(script('kafka-topics'), ['--describe', '--topic', 'from-scripts', ...bs]);
    expect(described.stdout).toMatch(/^Topic: from-scripts\tTopicId: \S+\tPartitionCount: 4\tReplicationFactor: 1\t/);
    const produced = await run(script('kafka-console-producer'), ['--topic', 'from-scripts', ...bs], { input: 'x\ny\n' });
    expect(produced.code).toBe(0);
    const offsets = await run(script('kafka-get-offsets'), ['--topic', 'from-scripts', '--time', 'earliest', ...bs]);
    expect(offsets.stdout).toBe([0, 1, 2, 3].map((p) => `from-scripts:${p}:0\n`).join(''));
    const deleted = await run(script('kafka-topics'), ['--delete', '--topic', 'from-scripts', ...bs]);
    expect(deleted.code).toBe(0);
  }, 120_000);

  it('answers bad command lines as Kafka\'s tools do: the message, the option table, exit 1', async () => {
    const unknown = await bin.run(['kafka-topics', '--zookeeper', 'localhost:2181', '--list']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n').slice(0, 3)).toEqual(['zookeeper is not a recognized option', `${'Option'.padEnd(41)}Description`, `${'------'.padEnd(41)}-----------`]);
    const noAction = await bin.run(['kafka-topics', '--bootstrap-server', broker.bootstrap]);
    expect(noAction.code).toBe(1);
    expect(noAction.stderr).toMatch(/^Command must include exactly one action: --list, --describe, --create, --alter or --delete\n/);
    const offsetWithoutPartition = await bin.run(['kafka-console-consumer', '--bootstrap-server', broker.bootstrap, '--topic', 't', '--offset', '3']);
    expect(offsetWithoutPartition.code).toBe(1);
    expect(offsetWithoutPartition.stderr).toMatch(/^The partition is required when offset is specified\.\n/);
    const missingTopic = await bin.run(['kafka-topics', '--describe', '--topic', 'no-such-topic', '--bootstrap-server', broker.bootstrap]);
    expect(missingTopic).toMatchObject({ code: 1, stderr: "Error while executing topic command : Topic 'no-such-topic' does not exist as expected\n" });
    const unknownTool = await bin.run(['kafka-nonsense']);
    expect(unknownTool.code).toBe(1);
    expect(unknownTool.stderr).toContain('kafka-lab: unknown command "kafka-nonsense"');
  }, 120_000);
});
