/**
 * librdkafka consumer groups: `kcat -G` (balanced consumer, auto-commit on close) consumes part
 * of a topic and a second `kcat -G` of the same group reads exactly the rest; confluent-kafka-
 * python runs a two-member group with synchronous commits, then a new member continues from the
 * committed offsets; static members (group.instance.id, KIP-345) come back without a rebalance;
 * a librdkafka member is refused by a kafkajs group (no common assignor). librdkafka enables
 * groups only when FindCoordinator, OffsetCommit/Fetch and the four group APIs are advertised.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, waitFor } from './harness';
import { groupView, kafkaFor, startGroupHost } from './groups-harness';
import { itWith, KCAT, missingConfluentKafka, missingKcat, PYTHON, run, runPython } from './tools';

describe('librdkafka consumer groups', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startGroupHost(91);
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKcat, 'kcat -G consumes and commits; the next kcat -G of the group continues there', async () => {
    await createTopic(host, 'grp-kcat', 3, 3);
    const values = Array.from({ length: 300 }, (_, i) => `kc-${i}`);
    const produced = await run(KCAT, ['-b', host.bootstrap, '-P', '-t', 'grp-kcat', '-K', ':', '-X', 'enable.idempotence=true'], { input: values.map((v, i) => `k${i}:${v}\n`).join('') });
    expect(produced.code, produced.stderr).toBe(0);
    const consume = (extra: string[]) => run(KCAT, ['-b', host.bootstrap, '-G', 'g-kcat', 'grp-kcat', '-q', '-f', '%s\n',
      '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100', '-X', 'session.timeout.ms=6000', '-X', 'heartbeat.interval.ms=300', ...extra], { timeoutMs: 60_000 });
    const first = await consume(['-c', '120']);
    expect(first.code, first.stderr).toBe(0);
    const firstValues = first.stdout.trim().split('\n');
    expect(firstValues).toHaveLength(120);
    expect(groupView(host, 'g-kcat')!.offsets.reduce((n, o) => n + o.committedOffset, 0)).toBe(120);

    const second = await consume(['-e']);
    expect(second.code, second.stderr).toBe(0);
    const secondValues = second.stdout.trim().split('\n');
    expect(secondValues).toHaveLength(180);
    expect(new Set([...firstValues, ...secondValues])).toEqual(new Set(values));
    expect(groupView(host, 'g-kcat')!.offsets.reduce((n, o) => n + o.committedOffset, 0)).toBe(300);
  }, 90_000);

  itWith(missingConfluentKafka, 'confluent-kafka-python: a two-member group commits; a new member continues from the committed offsets', async () => {
    await createTopic(host, 'grp-confluent', 4, 3);
    const script = readFileSync(join(__dirname, 'groups-confluent-kafka-python.py'), 'utf8');
    const out = JSON.parse(await runPython(script, [host.bootstrap, 'grp-confluent', '400'], 120_000));
    expect(out.errors).toEqual([]);
    expect(out.unflushed).toBe(0);
    expect(out.assignments.map((a: number[]) => a.length)).toEqual([2, 2]);
    expect([...out.assignments[0], ...out.assignments[1]].sort()).toEqual([0, 1, 2, 3]);
    expect(out.groups).toContain('g-confluent');
    expect(out.firstRun).toBe(200);
    // Each record was committed synchronously before the next poll, so no record reaches two
    // members, not even across the rebalance when the second member joins.
    expect(out.firstRunDistinct).toBe(200);
    expect(out.rereadFromFirstRun).toBe(0);
    expect(out.secondRun).toBe(200);
    expect(out.all).toBe(400);
    expect(out.committedTotal).toBe(400);
  }, 120_000);

  itWith(missingConfluentKafka, 'confluent-kafka-python static members (KIP-345) come back without a rebalance', async () => {
    await createTopic(host, 'grp-static', 4, 3);
    const child = spawn(PYTHON, ['-c', readFileSync(join(__dirname, 'groups-static-member.py'), 'utf8'), host.bootstrap, 'grp-static'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lines: { phase: string; assignment?: number[] }[] = [];
    let stderr = '';
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        lines.push(JSON.parse(buffered.slice(0, nl)));
        buffered = buffered.slice(nl + 1);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
    try {
      const phase = (name: string) => lines.find((l) => l.phase === name);
      await waitFor('static member a closed', () => phase('a-closed'), 60_000).catch((e) => { throw new Error(`${e.message}\n${stderr}`); });
      const before = groupView(host, 'g-static')!;
      // Closing a static member sends no LeaveGroup: it stays in the Stable group until its session times out.
      expect(before.state).toBe('Stable');
      expect(before.members.map((m) => m.groupInstanceId).sort()).toEqual(['static-a', 'static-b']);
      child.stdin.write('\n');
      await waitFor('static member a back', () => phase('b-after'), 60_000).catch((e) => { throw new Error(`${e.message}\n${stderr}`); });
      expect(phase('a-after')!.assignment).toEqual(phase('a-before')!.assignment);
      expect(phase('b-after')!.assignment).toEqual(phase('b-before')!.assignment);
      expect([...phase('a-before')!.assignment!, ...phase('b-before')!.assignment!].sort()).toEqual([0, 1, 2, 3]);
      // Same generation: the coordinator replaced the member id of instance static-a without a rebalance.
      expect(groupView(host, 'g-static')!.generationId).toBe(before.generationId);
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  itWith(missingKcat, 'a librdkafka member cannot join a kafkajs group: no common protocol (INCONSISTENT_GROUP_PROTOCOL)', async () => {
    await createTopic(host, 'grp-mixed', 2, 3);
    const consumer = kafkaFor(host, 'groups-mixed').consumer({ groupId: 'g-mixed', sessionTimeout: 6000, heartbeatInterval: 300 });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: 'grp-mixed', fromBeginning: true });
      await consumer.run({ eachMessage: async () => {} });
      await waitFor('kafkajs group Stable', () => groupView(host, 'g-mixed')?.state === 'Stable', 20_000);
      // kafkajs offers RoundRobinAssigner, librdkafka range/roundrobin: Kafka refuses the join, as here.
      const kcat = await run(KCAT, ['-b', host.bootstrap, '-G', 'g-mixed', 'grp-mixed', '-q', '-X', 'session.timeout.ms=6000'], { timeoutMs: 4000 });
      expect(kcat.stderr).toMatch(/Inconsistent group protocol/i);
      expect(groupView(host, 'g-mixed')!.members).toHaveLength(1);
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);
});
