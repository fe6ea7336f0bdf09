/**
 * kafkajs 2.2.4 consumer groups (JoinGroup v5, SyncGroup v3, Heartbeat v3, LeaveGroup v3,
 * OffsetCommit v5, OffsetFetch v4, FindCoordinator v2): a balanced assignment for 3 members on
 * 6 partitions, a rebalance when one member leaves and when one crashes (session timeout), and
 * committed offsets that survive a restart of the whole group with no record skipped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic, waitFor } from './harness';
import { groupView, kafkaFor, produceNumbered, startGroupHost } from './groups-harness';

interface Member { consumer: Consumer; partitions: number[]; values: string[] }

describe('kafkajs consumer groups', () => {
  let host: ClusterHost;
  let kafka: Kafka;
  let producer: Producer;
  const members: Member[] = [];

  async function startMember(groupId: string, topic: string, opts: { sessionTimeout?: number } = {}): Promise<Member> {
    const consumer = kafka.consumer({ groupId, sessionTimeout: opts.sessionTimeout ?? 6000, heartbeatInterval: 300, rebalanceTimeout: 10_000, maxWaitTimeInMs: 200 });
    const member: Member = { consumer, partitions: [], values: [] };
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      member.partitions = [...(e.payload.memberAssignment[topic] ?? [])].sort((a, b) => a - b);
    });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ autoCommitInterval: 200, eachMessage: async ({ message }) => void member.values.push(message.value!.toString()) });
    members.push(member);
    return member;
  }

  beforeAll(async () => {
    host = await startGroupHost(61);
    kafka = kafkaFor(host, 'groups-kafkajs');
    producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
  });
  afterAll(async () => {
    for (const m of members) await m.consumer.disconnect().catch(() => {});
    await producer?.disconnect();
    await host?.close();
  });

  it('balances 6 partitions over 3 members and rebalances when one leaves', async () => {
    await createTopic(host, 'grp-balance', 6, 3);
    await produceNumbered(producer, 'grp-balance', 'b', 0, 600);
    const group = [await startMember('g-balance', 'grp-balance'), await startMember('g-balance', 'grp-balance'), await startMember('g-balance', 'grp-balance')];
    await waitFor('3 members with 2 partitions each', () => group.every((m) => m.partitions.length === 2), 30_000);
    expect(group.flatMap((m) => m.partitions).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    const view = await waitFor('Stable group view', () => { const g = groupView(host, 'g-balance'); return g?.state === 'Stable' && g.members.length === 3 ? g : undefined; });
    expect(view.protocol).toBe('RoundRobinAssigner');
    await waitFor('600 records consumed', () => group.reduce((n, m) => n + m.values.length, 0) >= 600, 20_000);

    const leaving = group[2]!;
    const leftAt = Date.now();
    await leaving.consumer.disconnect();
    members.splice(members.indexOf(leaving), 1);
    await waitFor('2 members with 3 partitions each', () => group.slice(0, 2).every((m) => m.partitions.length === 3), 20_000);
    // LeaveGroup rebalances at once: well within the 6 s session timeout.
    expect(Date.now() - leftAt).toBeLessThan(6000);
    expect(group.slice(0, 2).flatMap((m) => m.partitions).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  }, 60_000);

  it('evicts a crashed member after its session timeout and rebalances', async () => {
    await createTopic(host, 'grp-crash', 6, 3);
    const survivor = await startMember('g-crash', 'grp-crash', { sessionTimeout: 3000 });
    await waitFor('survivor assigned', () => survivor.partitions.length === 6, 20_000);
    const child = spawnMember(host.bootstrap, 'g-crash', 'grp-crash', 3000);
    try {
      await waitFor('crashing member assigned', () => child.assignments.at(-1)?.length === 3 && survivor.partitions.length === 3, 30_000);
      const memberId = child.memberId!;
      child.process.kill('SIGKILL');
      const crashedAt = Date.now();
      await waitFor('survivor owns all 6 partitions again', () => survivor.partitions.length === 6, 20_000);
      const elapsed = Date.now() - crashedAt;
      // No LeaveGroup was sent: the coordinator waits for the 3 s session timeout, then rebalances.
      expect(elapsed).toBeGreaterThan(2000);
      expect(elapsed).toBeLessThan(3000 + 4000);
      expect(groupView(host, 'g-crash')!.members.map((m) => m.memberId)).not.toContain(memberId);
    } finally {
      child.process.kill('SIGKILL');
    }
  }, 60_000);

  it('keeps committed offsets across a restart of the whole group: no record skipped', async () => {
    await createTopic(host, 'grp-restart', 6, 3);
    await produceNumbered(producer, 'grp-restart', 'r', 0, 600);
    const first = [await startMember('g-restart', 'grp-restart'), await startMember('g-restart', 'grp-restart')];
    await waitFor('first run consumed 600', () => first.reduce((n, m) => n + m.values.length, 0) >= 600, 30_000);
    for (const m of first) {
      await m.consumer.disconnect();
      members.splice(members.indexOf(m), 1);
    }
    const admin = kafka.admin();
    await admin.connect();
    try {
      const committed = await admin.fetchOffsets({ groupId: 'g-restart', topics: ['grp-restart'] });
      expect(committed[0]!.partitions.reduce((n, p) => n + Number(p.offset), 0)).toBe(600);
      await waitFor('group Empty', () => groupView(host, 'g-restart')?.state === 'Empty');
      expect(groupView(host, 'g-restart')!.totalLag).toBe(0);
      await produceNumbered(producer, 'grp-restart', 'r', 600, 900);
      // Lag in the ClusterView: highWatermark − committed offset, summed over the partitions.
      await waitFor('lag of the 300 new records', () => groupView(host, 'g-restart')?.totalLag === 300);
      const second = [await startMember('g-restart', 'grp-restart'), await startMember('g-restart', 'grp-restart')];
      await waitFor('second run consumed the 300 new records', () => second.reduce((n, m) => n + m.values.length, 0) >= 300, 30_000);
      await waitFor('lag back to 0', () => groupView(host, 'g-restart')?.totalLag === 0);
      const seen = new Set([...first, ...second].flatMap((m) => m.values));
      for (let i = 0; i < 900; i++) expect(seen.has(`r-${i}`), `r-${i}`).toBe(true);
      // The second run starts at the committed offsets: it reads none of the first 600 again.
      expect(second.flatMap((m) => m.values).filter((v) => Number(v.slice(2)) < 600)).toEqual([]);
    } finally {
      await admin.disconnect();
    }
  }, 60_000);
});

function spawnMember(bootstrap: string, groupId: string, topic: string, sessionTimeoutMs: number): { process: ChildProcess; assignments: number[][]; memberId: string | null } {
  const child = spawn(process.execPath, [join(__dirname, 'groups-member.cjs'), bootstrap, groupId, topic, String(sessionTimeoutMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const state = { process: child, assignments: [] as number[][], memberId: null as string | null };
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let nl;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, nl)) as { memberId: string; partitions: number[] };
      buffered = buffered.slice(nl + 1);
      state.memberId = line.memberId;
      state.assignments.push(line.partitions);
    }
  });
  return state;
}
