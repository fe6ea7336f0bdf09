/**
 * Issue 19: the admin tools through the built bin against an embedded cluster over real sockets:
 * kafka-topics' partition reports (--under-replicated-partitions, --under-min-isr-partitions,
 * --unavailable-partitions) with a broker stopped, kafka-leader-election once it is back,
 * --alter --partitions and --delete;
 * kafka-configs on a topic; kafka-delete-records and kafka-get-offsets; kafka-dump-log's errors.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../broker/host/cluster-host';
import { startHost, topicView, waitFor } from '../broker/wire/conformance/harness';
import { buildBin, type BuiltBin } from './testing/built-bin';

let bin: BuiltBin;
let host: ClusterHost;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kafka-lab-tools-admin-'));
  bin = buildBin();
  host = await startHost({ seed: 192 });
}, 180_000);
afterAll(async () => {
  await host?.close();
  bin?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const bs = () => ['--bootstrap-server', host.bootstrap];
async function ok(args: string[], input?: string): Promise<string> {
  const result = await bin.run([...args, ...bs()], input);
  if (result.code !== 0) throw new Error(`${args.join(' ')} exited ${result.code}: ${result.stderr}`);
  return result.stdout;
}

describe('admin tools', () => {
  it('kafka-configs describes and alters a topic\'s dynamic configs', async () => {
    expect(await ok(['kafka-topics', '--create', '--topic', 'configured', '--partitions', '1', '--replication-factor', '3', '--config', 'retention.ms=100000'])).toBe('Created topic configured.\n');
    expect(await ok(['kafka-configs', '--describe', '--entity-type', 'topics', '--entity-name', 'configured']))
      .toBe('Dynamic configs for topic configured are:\n  retention.ms=100000 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:retention.ms=100000, DEFAULT_CONFIG:log.retention.ms=604800000}\n');
    expect(await ok(['kafka-configs', '--alter', '--topic', 'configured', '--add-config', 'min.insync.replicas=2,cleanup.policy=[compact,delete]'])).toBe('Completed updating config for topic configured.\n');
    expect(await ok(['kafka-configs', '--alter', '--topic', 'configured', '--delete-config', 'retention.ms'])).toBe('Completed updating config for topic configured.\n');
    expect(await ok(['kafka-configs', '--describe', '--topic', 'configured'])).toBe([
      'Dynamic configs for topic configured are:',
      '  cleanup.policy=compact,delete sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:cleanup.policy=compact,delete, DEFAULT_CONFIG:log.cleanup.policy=delete}',
      '  min.insync.replicas=2 sensitive=false synonyms={DYNAMIC_TOPIC_CONFIG:min.insync.replicas=2, DEFAULT_CONFIG:min.insync.replicas=1}',
      '',
    ].join('\n'));
    const notSet = await bin.run(['kafka-configs', '--alter', '--topic', 'configured', '--delete-config', 'retention.ms', ...bs()]);
    expect(notSet.code).toBe(1);
    expect(notSet.stderr).toContain('Invalid config(s): retention.ms');
    const users = await bin.run(['kafka-configs', '--describe', '--entity-type', 'users', ...bs()]);
    expect(users.code).toBe(1);
    expect(users.stderr).toMatch(/^--entity-type users is not supported here/);
  }, 120_000);

  it('kafka-delete-records moves the logStartOffset; kafka-get-offsets reads both ends', async () => {
    await ok(['kafka-topics', '--create', '--topic', 'trimmed', '--partitions', '2', '--replication-factor', '3']);
    await ok(['kafka-console-producer', '--topic', 'trimmed', '--property', 'parse.key=true'], 'a\t1\na\t2\na\t3\nb\t4\nb\t5\nb\t6\nc\t7\n');
    const latest = await ok(['kafka-get-offsets', '--topic', 'trimmed']);
    const ends = latest.trimEnd().split('\n').map((l) => Number(l.split(':')[2]));
    expect(ends.reduce((a, b) => a + b, 0)).toBe(7);
    const file = join(dir, 'offsets.json');
    writeFileSync(file, JSON.stringify({ partitions: [{ topic: 'trimmed', partition: 0, offset: 1 }, { topic: 'trimmed', partition: 1, offset: -1 }], version: 1 }));
    expect(await ok(['kafka-delete-records', '--offset-json-file', file]))
      .toBe(`Executing records delete operation\nRecords delete operation completed:\npartition: trimmed-0\tlow_watermark: 1\npartition: trimmed-1\tlow_watermark: ${ends[1]}\n`);
    expect(await ok(['kafka-get-offsets', '--topic', 'trimmed', '--time', '-2'])).toBe(`trimmed:0:1\ntrimmed:1:${ends[1]}\n`);
    expect(await ok(['kafka-get-offsets', '--topic-partitions', 'trimmed:0'])).toBe(`trimmed:0:${ends[0]}\n`);
  }, 120_000);

  it('kafka-topics reports under-replicated, under-min-isr and unavailable partitions with a broker stopped', async () => {
    await ok(['kafka-topics', '--create', '--topic', 'strict', '--partitions', '3', '--replication-factor', '3', '--config', 'min.insync.replicas=3']);
    await ok(['kafka-topics', '--create', '--topic', 'on-broker-3', '--replica-assignment', '3,3']);
    expect(await ok(['kafka-topics', '--describe', '--under-replicated-partitions'])).toBe('');
    const stopped = await host.execute({ type: 'stop-broker', brokerId: 3, controlled: true });
    expect(stopped.ok).toBe(true);
    await waitFor('broker 3 out of every ISR', () => topicView(host, 'strict')?.partitions.every((p) => !p.inSyncReplicas.includes(3)));
    const partitionLines = (out: string) => out.trimEnd().split('\n').filter((l) => l !== '').map((l) => /Topic: (\S+)\tPartition: (\d+)\tLeader: (\w+)/.exec(l)!.slice(1, 4).join(' '));
    // The brokers learn the new ISRs and leaders from the controller a moment later: poll the tool until they have.
    const report = async (flag: string) => partitionLines(await ok(['kafka-topics', '--describe', flag, '--topic', 'strict|on-broker-3']));
    for (let attempt = 0; ; attempt++) {
      const [under, unavailable] = [await report('--under-replicated-partitions'), await report('--unavailable-partitions')];
      if (under.length === 3 && unavailable.length === 2) break;
      if (attempt === 60) throw new Error(`never saw broker 3 gone: under-replicated ${under.join('; ')}, unavailable ${unavailable.join('; ')}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // strict has lost a replica of three; on-broker-3's single replica keeps its ISR (as KRaft keeps the last one) but has no leader.
    expect((await report('--under-replicated-partitions')).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['strict 0', 'strict 1', 'strict 2']);
    expect((await report('--under-min-isr-partitions')).map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual(['on-broker-3 0', 'on-broker-3 1', 'strict 0', 'strict 1', 'strict 2']);
    expect(await report('--unavailable-partitions')).toEqual(['on-broker-3 0 none', 'on-broker-3 1 none']);
    const everything = partitionLines(await ok(['kafka-topics', '--describe', '--unavailable-partitions']));
    expect(everything).toEqual(['on-broker-3 0 none', 'on-broker-3 1 none']);
    expect((await host.execute({ type: 'start-broker', brokerId: 3 })).ok).toBe(true);
    await waitFor('broker 3 back in every ISR', () => topicView(host, 'strict')?.partitions.every((p) => p.inSyncReplicas.length === 3));

    // Broker 3 is back but leads nothing of strict: a preferred election gives it back the partitions it is first replica of.
    const preferredOf3 = topicView(host, 'strict')!.partitions.filter((p) => p.preferredLeader === 3 && p.leader !== 3).map((p) => p.partition);
    expect(preferredOf3.length).toBeGreaterThan(0);
    const elected = await ok(['kafka-leader-election', '--election-type', 'preferred', '--topic', 'strict', '--partition', String(preferredOf3[0])]);
    expect(elected).toBe(`Successfully completed leader election (PREFERRED) for partitions strict-${preferredOf3[0]}\n`);
    await waitFor('broker 3 leads again', () => topicView(host, 'strict')!.partitions[preferredOf3[0]!]!.leader === 3);
    const again = await ok(['kafka-leader-election', '--election-type', 'PREFERRED', '--topic', 'strict', '--partition', String(preferredOf3[0])]);
    expect(again).toBe(`Valid replica already elected for partitions strict-${preferredOf3[0]}\n`);
    const badType = await bin.run(['kafka-leader-election', '--election-type', 'random', '--all-topic-partitions', ...bs()]);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toMatch(/^Unknown election type: random\n/);
  }, 120_000);

  it('kafka-topics --alter --partitions grows a topic and --delete removes it; kafka-dump-log names a bad file', async () => {
    await ok(['kafka-topics', '--create', '--topic', 'growing', '--partitions', '1', '--replication-factor', '1']);
    expect(await ok(['kafka-topics', '--alter', '--topic', 'growing', '--partitions', '3'])).toBe('');
    expect((await ok(['kafka-topics', '--describe', '--topic', 'growing'])).split('\n')[0]).toMatch(/^Topic: growing\tTopicId: \S+\tPartitionCount: 3\tReplicationFactor: 1\tConfigs: /);
    const shrink = await bin.run(['kafka-topics', '--alter', '--topic', 'growing', '--partitions', '2', ...bs()]);
    expect(shrink.code).toBe(1);
    expect(shrink.stderr).toMatch(/^Error while executing topic command : .*3.*2|^Error while executing topic command : .*partition/i);
    expect(await ok(['kafka-topics', '--delete', '--topic', 'growing'])).toBe('');
    await waitFor('growing deleted', () => topicView(host, 'growing') === undefined);
    expect((await ok(['kafka-topics', '--list'])).split('\n')).not.toContain('growing');
    const dump = await bin.run(['kafka-dump-log', '--files', join(dir, 'missing.log')]);
    expect(dump.code).toBe(1);
    expect(dump.stderr).toBe(`dump-log: ${join(dir, 'missing.log')}: no such file\n`);
  }, 120_000);
});
