import { describe, expect, it } from 'vitest';
import { GroupCoordinator } from './group-coordinator';
import { TestCluster } from './test-cluster';
import { TestConsumer, encodeSubscription } from './test-consumer';
import type { JoinGroupRequest, JoinGroupResponse } from './types';

function setup(configs: Record<string, string> = {}) {
  const cluster = new TestCluster([1, 2, 3], { 'offsets.topic.num.partitions': '4', ...configs }, 42);
  const groups = new GroupCoordinator(cluster);
  cluster.listeners.push(groups);
  cluster.createTopic('orders', 6);
  expect(groups.findCoordinator(0, 'g').errorName).toBe('COORDINATOR_NOT_AVAILABLE');
  cluster.advance(1);
  return { cluster, groups };
}

function joinRequest(over: Partial<JoinGroupRequest> = {}): JoinGroupRequest {
  return {
    groupId: 'g', sessionTimeoutMs: 10_000, rebalanceTimeoutMs: 30_000, memberId: '', groupInstanceId: null, protocolType: 'consumer',
    protocols: [{ name: 'range', metadata: encodeSubscription(['orders']) }], clientId: 'c', clientHost: '/127.0.0.1',
    requireKnownMemberId: true, reason: null, ...over,
  };
}

const GROUP_EVENTS = ['group-state-changed', 'group-rebalance-started', 'group-stabilized', 'group-member-joined', 'group-member-left', 'group-member-evicted'];

describe('classic group coordinator: join, sync, heartbeat', () => {
  it('answers a first v4+ join with MEMBER_ID_REQUIRED, then completes after group.initial.rebalance.delay.ms', () => {
    const { cluster, groups } = setup();
    const coordinator = groups.findCoordinator(0, 'g').nodeId;
    const answers: JoinGroupResponse[] = [];
    groups.joinGroup(coordinator, joinRequest(), (r) => answers.push(r));
    expect(answers[0]!.errorName).toBe('MEMBER_ID_REQUIRED');
    const memberId = answers[0]!.memberId;
    expect(memberId).toMatch(/^c-/);
    groups.joinGroup(coordinator, joinRequest({ memberId }), (r) => answers.push(r));
    cluster.advance(2999);
    expect(answers).toHaveLength(1);
    cluster.advance(1);
    expect(answers[1]).toMatchObject({ errorName: 'NONE', generationId: 1, protocolName: 'range', leader: memberId, memberId });
    expect(answers[1]!.members.map((m) => m.memberId)).toEqual([memberId]);
    expect(cluster.log(GROUP_EVENTS)).toEqual([
      `+1ms group-member-joined groupId=g memberId=${memberId} groupInstanceId=null clientId=c`,
      '+1ms group-state-changed groupId=g from=Empty to=PreparingRebalance generationId=0 coordinatorId=' + coordinator,
      `+1ms group-rebalance-started groupId=g generationId=0 reason=member ${memberId} joined memberCount=1`,
      '+3001ms group-state-changed groupId=g from=PreparingRebalance to=CompletingRebalance generationId=1 coordinatorId=' + coordinator,
    ]);
  });

  it('extends the initial delay while new members keep joining, then balances 3 consumers over 6 partitions', () => {
    const { cluster, groups } = setup();
    const consumers = [0, 1, 2].map((i) => new TestConsumer(cluster, groups, { groupId: 'g', clientId: `c${i}`, topics: ['orders'] }));
    consumers[0]!.start();
    cluster.advance(2000);
    consumers[1]!.start();
    cluster.advance(2000);
    consumers[2]!.start();
    cluster.advance(10_000);
    expect(consumers.map((c) => c.generationId)).toEqual([1, 1, 1]);
    expect(consumers.map((c) => c.assignment.flatMap((a) => a.partitions).length)).toEqual([2, 2, 2]);
    const stabilized = cluster.log(['group-stabilized']);
    expect(stabilized).toHaveLength(1);
    // Joins at +1, +2001, +4001. InitialDelayedJoin expires at +3001 and +6001 with a new member
    // added each time, so it waits another 3000 ms; at +9001 nobody new came: the join completes,
    // and the leader's assignment is stable once replicated (+2 ms).
    expect(cluster.log(['group-state-changed']).filter((l) => l.includes('to=CompletingRebalance'))[0]).toMatch(/^\+9001ms /);
    expect(stabilized[0]).toMatch(/^\+9003ms group-stabilized groupId=g generationId=1 protocol=roundrobin/);
  });

  it('evicts a silent member after session.timeout.ms and rebalances the others', () => {
    const { cluster, groups } = setup({ 'group.initial.rebalance.delay.ms': '0' });
    const consumers = [0, 1].map((i) => new TestConsumer(cluster, groups, { groupId: 'g', clientId: `c${i}`, topics: ['orders'], sessionTimeoutMs: 10_000 }));
    for (const c of consumers) c.start();
    cluster.advance(5000);
    expect(consumers.map((c) => c.assignment.flatMap((a) => a.partitions).length)).toEqual([3, 3]);
    const crashedAt = cluster.elapsed();
    consumers[1]!.crash();
    cluster.advance(20_000);
    const evicted = cluster.log(['group-member-evicted']);
    expect(evicted).toHaveLength(1);
    expect(evicted[0]).toContain(`memberId=${consumers[1]!.memberId}`);
    expect(evicted[0]).toContain('reason=session-timeout');
    const evictedAt = Number(/^\+(\d+)ms/.exec(evicted[0]!)![1]);
    expect(evictedAt - crashedAt).toBeLessThanOrEqual(10_000);
    expect(consumers[0]!.assignment.flatMap((a) => a.partitions)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(groups.describeGroups(consumers[0]!.coordinator(), ['g'])[0]).toMatchObject({ groupState: 'Stable', members: [{ memberId: consumers[0]!.memberId }] });
  });

  it('answers heartbeats with REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION and UNKNOWN_MEMBER_ID', () => {
    const { cluster, groups } = setup({ 'group.initial.rebalance.delay.ms': '0' });
    const a = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'a', topics: ['orders'] });
    a.start();
    cluster.advance(100);
    const broker = a.coordinator();
    const hb = (generationId: number, memberId: string) => groups.heartbeat(broker, { groupId: 'g', generationId, memberId, groupInstanceId: null });
    expect(hb(1, a.memberId)).toBe('NONE');
    expect(hb(0, a.memberId)).toBe('ILLEGAL_GENERATION');
    expect(hb(1, 'nobody')).toBe('UNKNOWN_MEMBER_ID');
    expect(groups.heartbeat(broker === 1 ? 2 : 1, { groupId: 'g', generationId: 1, memberId: a.memberId, groupInstanceId: null })).toBe('NOT_COORDINATOR');
    groups.joinGroup(broker, joinRequest({ protocols: [{ name: 'roundrobin', metadata: encodeSubscription(['orders']) }], requireKnownMemberId: false }), () => undefined);
    expect(hb(1, a.memberId)).toBe('REBALANCE_IN_PROGRESS');
  });

  it('refuses a member without a protocol in common: INCONSISTENT_GROUP_PROTOCOL', () => {
    const { cluster, groups } = setup({ 'group.initial.rebalance.delay.ms': '0' });
    const kafkajs = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'kafkajs', topics: ['orders'], protocols: ['RoundRobinAssigner'] });
    kafkajs.start();
    cluster.advance(100);
    const answers: JoinGroupResponse[] = [];
    groups.joinGroup(kafkajs.coordinator(), joinRequest({ clientId: 'rdkafka', protocols: [{ name: 'roundrobin', metadata: Buffer.alloc(0) }] }), (r) => answers.push(r));
    expect(answers[0]!.errorName).toBe('INCONSISTENT_GROUP_PROTOCOL');
    groups.joinGroup(kafkajs.coordinator(), joinRequest({ protocolType: 'connect', protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.alloc(0) }] }), (r) => answers.push(r));
    expect(answers[1]!.errorName).toBe('INCONSISTENT_GROUP_PROTOCOL');
  });

  it('lets a static member (KIP-345) rejoin a Stable group without a rebalance and fences its old memberId', () => {
    const { cluster, groups } = setup({ 'group.initial.rebalance.delay.ms': '0' });
    const a = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'a', topics: ['orders'], groupInstanceId: 'instance-a' });
    const b = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'b', topics: ['orders'], groupInstanceId: 'instance-b' });
    a.start();
    b.start();
    cluster.advance(5000);
    expect(a.generationId).toBe(1);
    const oldMemberId = b.memberId;
    const rebalancesBefore = cluster.log(['group-rebalance-started']).length;
    b.crash();
    const restarted = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'b', topics: ['orders'], groupInstanceId: 'instance-b' });
    restarted.start();
    cluster.advance(5000);
    expect(cluster.log(['group-rebalance-started'])).toHaveLength(rebalancesBefore);
    expect(restarted.memberId).not.toBe(oldMemberId);
    expect(restarted.generationId).toBe(1);
    expect(restarted.assignment).toEqual(b.assignment);
    expect(groups.heartbeat(a.coordinator(), { groupId: 'g', generationId: 1, memberId: oldMemberId, groupInstanceId: 'instance-b' })).toBe('FENCED_INSTANCE_ID');
    expect(cluster.log(['group-member-evicted'])).toEqual([
      expect.stringContaining(`memberId=${oldMemberId} groupInstanceId=instance-b reason=fenced-static-member`),
    ]);
  });

  it('removes members in a batch LeaveGroup (v3+) and goes Empty', () => {
    const { cluster, groups } = setup({ 'group.initial.rebalance.delay.ms': '0' });
    const a = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'a', topics: ['orders'], groupInstanceId: 'ia' });
    const b = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'b', topics: ['orders'] });
    a.start();
    b.start();
    cluster.advance(5000);
    const r = groups.leaveGroup(a.coordinator(), { groupId: 'g', members: [
      { memberId: '', groupInstanceId: 'ia', reason: null },
      { memberId: b.memberId, groupInstanceId: null, reason: 'shutting down' },
      { memberId: 'ghost', groupInstanceId: null, reason: null },
    ] });
    a.crash();
    b.crash();
    expect(r.members.map((m) => m.errorName)).toEqual(['NONE', 'NONE', 'UNKNOWN_MEMBER_ID']);
    cluster.advance(1000);
    expect(groups.describeGroups(a.coordinator(), ['g'])[0]!.groupState).toBe('Empty');
    expect(groups.listGroups(a.coordinator(), ['empty']).groups.map((g) => g.groupId)).toEqual(['g']);
    expect(groups.listGroups(a.coordinator(), ['Stable']).groups).toEqual([]);
  });

  it('evicts members that do not rejoin within the rebalance timeout', () => {
    const { cluster, groups } = setup({ 'group.initial.rebalance.delay.ms': '0' });
    const a = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'a', topics: ['orders'], rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 45_000, heartbeatIntervalMs: 3000 });
    const b = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'b', topics: ['orders'], rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 45_000 });
    a.start();
    b.start();
    cluster.advance(2000);
    b.crash();
    const c = new TestConsumer(cluster, groups, { groupId: 'g', clientId: 'c', topics: ['orders'], rebalanceTimeoutMs: 20_000, sessionTimeoutMs: 45_000 });
    c.start();
    cluster.advance(30_000);
    expect(cluster.log(['group-member-evicted'])).toEqual([expect.stringContaining('reason=rebalance-timeout')]);
    expect(a.generationId).toBe(2);
    expect(c.generationId).toBe(2);
  });
});
