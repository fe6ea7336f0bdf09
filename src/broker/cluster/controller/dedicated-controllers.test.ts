import { describe, expect, it } from 'vitest';
import { SIM_EPOCH_MS } from '../../sim/clock';
import { runScenario } from '../../sim/scenario';
import { replayTrace } from '../../sim/trace';
import { formatEvent } from '../events/format-event';
import type { SimCluster } from '../cluster';
import { batchOf, produceOne } from '../testing';

const DUMP = process.env.DUMP === '1';
const CONTROLLERS = [{ nodeId: 3000 }, { nodeId: 3001 }, { nodeId: 3002 }];
const QUORUM = ['broker-stopped', 'broker-fenced', 'controller-elected', 'controller-lost', 'controller-node-changed', 'quorum-lost', 'quorum-restored', 'isr-shrunk', 'leader-elected', 'partition-offline'];

function createTopic(c: SimCluster, name: string, configs: Record<string, string> = {}, replicas = [1, 2, 3]): void {
  const r = c.createTopics(1, [{ name, numPartitions: -1, replicationFactor: -1, assignments: [{ partition: 0, brokerIds: replicas }], configs }], false);
  expect(r[0]!.errorName).toBe('NONE');
}

const stopBroker = (brokerId: number) => (c: SimCluster) => void c.command({ type: 'stop-broker', brokerId, controlled: false });

function lines(run: ReturnType<typeof runScenario>, types = QUORUM): string[] {
  const out = run.lines(types);
  if (DUMP) console.log(out.join('\n'));
  expect(run.checker.violations).toEqual([]);
  return out;
}

describe('dedicated KRaft controllers (process.roles=controller)', () => {
  it('stopping two of three brokers leaves the quorum up: brokers are fenced, the ISR shrinks, acks=all gets NOT_ENOUGH_REPLICAS', () => {
    const holder: { result: ReturnType<typeof produceOne>['result'] }[] = [];
    const run = runScenario({
      seed: 21, brokers: 3, controllers: CONTROLLERS, untilMs: 15_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', { 'min.insync.replicas': '2' }) },
        { atMs: 1000, run: stopBroker(2) },
        { atMs: 1000, run: stopBroker(3) },
        { atMs: 12_000, run: (c) => void holder.push(produceOne(c, 1, 'orders', 0, batchOf([{ value: 'v' }]), -1)) },
      ],
    });
    expect(lines(run)).toEqual([
      't=0 controller-elected controller=3000 epoch=1',
      't=0 leader-elected orders-0 leader=1 epoch=0 (initial)',
      't=1000 broker-stopped broker=2',
      't=1000 broker-stopped broker=3',
      't=9000 broker-fenced broker=2 (session timeout)',
      't=9000 isr-shrunk orders-0 removed=[2] isr=[1,3]',
      't=9000 broker-fenced broker=3 (session timeout)',
      't=9000 isr-shrunk orders-0 removed=[3] isr=[1]',
    ]);
    const view = run.cluster.snapshot().controller;
    expect(view.processRoles).toBe('dedicated');
    expect(view.voters).toEqual([3000, 3001, 3002]);
    expect(view.quorum).toEqual({ hasMajority: true, reachableVoters: [3000, 3001, 3002], stoppedVoters: [], cutOffVoters: [], lostSinceMs: null });
    expect(holder[0]!.result?.errorName).toBe('NOT_ENOUGH_REPLICAS');
  });

  it('controllers are not brokers: Metadata and DescribeCluster list brokers only and name a live broker as controllerId', () => {
    const run = runScenario({ seed: 22, brokers: 3, controllers: CONTROLLERS, untilMs: 2000, steps: [] });
    const md = run.cluster.metadata(2, [], false);
    expect(md.brokers.map((b) => b.brokerId)).toEqual([1, 2, 3]);
    expect(md.controllerId).toBe(2);
    expect(run.cluster.describeCluster(1).brokers.map((b) => b.brokerId)).toEqual([1, 2, 3]);
    expect(run.cluster.describeCluster(1).controllerId).toBe(1);
  });

  it('stopping the active controller moves it by Raft election; losing two of three says why, and the return is reported', () => {
    const run = runScenario({
      seed: 23, brokers: 3, controllers: CONTROLLERS, untilMs: 35_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders') },
        { atMs: 1000, run: (c) => void c.command({ type: 'stop-controller', nodeId: 3000 }) },
        { atMs: 6000, run: (c) => void c.command({ type: 'isolate-controller', nodeId: c.core.controller.activeControllerId! }) },
        { atMs: 8000, run: stopBroker(3) },
        { atMs: 20_000, run: (c) => void c.command({ type: 'start-controller', nodeId: 3000 }) },
      ],
    });
    const out = lines(run);
    expect(out.slice(0, 4)).toEqual([
      't=0 controller-elected controller=3000 epoch=1',
      't=0 leader-elected orders-0 leader=1 epoch=0 (initial)',
      't=1000 controller-node-changed nodeId=3000 change=stopped',
      't=1000 controller-lost controller=3000 epoch=1',
    ]);
    // Elected after controller.quorum.election.timeout.ms plus its random part.
    expect(out[4]).toMatch(/^t=(\d+) controller-elected controller=300[12] epoch=2$/);
    const second = Number(/controller=(\d+)/.exec(out[4]!)![1]);
    const other = second === 3001 ? 3002 : 3001;
    expect(out.slice(5, 8)).toEqual([
      `t=6000 controller-node-changed nodeId=${second} change=isolated`,
      `t=6000 controller-lost controller=${second} epoch=2`,
      `t=6000 quorum-lost voters=[3000,3001,3002] reachable=[${other}] stopped=[3000] cutOff=[${second}]`,
    ]);
    // No controller: the stopped broker is never fenced, its partition keeps its (dead) leader's ISR.
    const at = (l: string) => Number(/^t=(\d+)/.exec(l)![1]);
    expect(out.filter((l) => at(l) >= 7000 && at(l) < 20_000)).toEqual(['t=8000 broker-stopped broker=3']);
    expect(out[out.indexOf('t=20000 controller-node-changed nodeId=3000 change=started') + 1]).toMatch(/^t=2\d{4} controller-elected controller=(3000|3001|3002) epoch=3$/);
    expect(out.find((l) => l.includes('quorum-restored'))).toMatch(/quorum-restored controllerId=\d+ controllerEpoch=3 lostForMs=1\d{4}$/);
    expect(out.some((l) => l.includes('broker-fenced broker=3'))).toBe(true);
  });

  it('refuses broker ids for controllers and controller commands in combined mode', () => {
    expect(() => runScenario({ seed: 1, brokers: 3, controllers: [{ nodeId: 3 }], untilMs: 0, steps: [] })).toThrow(/apart from the broker ids/);
    const run = runScenario({ seed: 1, brokers: 3, untilMs: 0, steps: [] });
    const r = run.cluster.command({ type: 'stop-controller', nodeId: 1 });
    expect(r).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(!r.ok && r.message).toMatch(/combined mode/);
  });
});

describe('combined mode (process.roles=broker,controller)', () => {
  it('stopping two brokers that are voters loses the quorum: "no majority of voters: 1 of 3 reachable"', () => {
    const run = runScenario({
      seed: 24, brokers: 3, untilMs: 12_000,
      steps: [{ atMs: 0, run: (c) => createTopic(c, 'orders', { 'min.insync.replicas': '2' }) }, { atMs: 1000, run: stopBroker(2) }, { atMs: 1000, run: stopBroker(3) }],
    });
    expect(lines(run)).toEqual([
      't=0 controller-elected controller=1 epoch=1',
      't=0 leader-elected orders-0 leader=1 epoch=0 (initial)',
      't=1000 broker-stopped broker=2',
      't=1000 broker-stopped broker=3',
      't=1000 controller-lost controller=1 epoch=1',
      't=1000 quorum-lost voters=[1,2,3] reachable=[1] stopped=[2,3] cutOff=[]',
    ]);
    const view = run.cluster.snapshot().controller;
    expect(view.processRoles).toBe('combined');
    expect(view.nodes!.map((n) => `${n.nodeId}:${n.processRoles}:${n.state}`)).toEqual(['1:broker,controller:running', '2:broker,controller:stopped', '3:broker,controller:stopped']);
    expect(view.quorum).toMatchObject({ hasMajority: false, reachableVoters: [1], stoppedVoters: [2, 3], lostSinceMs: SIM_EPOCH_MS + 1000 });
  });

  it('while the quorum is lost, existing leaders still take acks=1 writes, acks=all waits for an ISR that cannot shrink, and metadata changes time out', () => {
    const results: Record<string, ReturnType<typeof produceOne>> = {};
    const run = runScenario({
      seed: 25, brokers: 3, untilMs: 40_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', { 'min.insync.replicas': '2' }, [1, 2, 3]) },
        { atMs: 1000, run: stopBroker(2) },
        { atMs: 1000, run: stopBroker(3) },
        // Kafka: brokers keep serving with the metadata they have (KIP-631: only the controller fences);
        // the leader's AlterPartition cannot reach a controller, so the ISR stays [1,2,3] and the
        // highWatermark stays where it was: acks=all ends in REQUEST_TIMED_OUT, not NOT_ENOUGH_REPLICAS.
        { atMs: 2000, run: (c) => { results.acks1 = produceOne(c, 1, 'orders', 0, batchOf([{ value: 'acks=1' }]), 1); } },
        { atMs: 2000, run: (c) => { results.acksAll = produceOne(c, 1, 'orders', 0, batchOf([{ value: 'acks=all' }]), -1, 5000); } },
        {
          atMs: 3000, run: (c) => {
            const created = c.createTopics(1, [{ name: 'payments', numPartitions: 1, replicationFactor: 1, assignments: [], configs: {} }], false);
            expect(created[0]!.errorName).toBe('REQUEST_TIMED_OUT');
          },
        },
      ],
    });
    expect(results.acks1!.result).toMatchObject({ errorName: 'NONE', baseOffset: 0 });
    expect(results.acksAll!.result?.errorName).toBe('REQUEST_TIMED_OUT');
    expect(run.cluster.core.controller.topics.get('orders')!.partitions[0]!.isr).toEqual([1, 2, 3]);
    expect(run.cluster.events.filter((e) => e.type === 'broker-fenced' || e.type === 'isr-shrunk' || e.type === 'leader-elected').length).toBe(1);
  });

  it('a cut link between a running broker and the active controller fences the broker; the run replays exactly', () => {
    const run = runScenario({
      seed: 26, brokers: 3, controllers: CONTROLLERS, untilMs: 20_000,
      steps: [
        { atMs: 0, run: (c) => createTopic(c, 'orders', {}, [2, 1, 3]) },
        { atMs: 1000, run: (c) => void c.command({ type: 'set-link', fromBrokerId: 2, toBrokerId: 3000, latencyMs: 0, lossRate: 0, cut: true }) },
      ],
    });
    expect(lines(run, ['broker-fenced', 'leader-elected', 'link-changed'])).toEqual([
      't=0 leader-elected orders-0 leader=2 epoch=0 (initial)',
      't=1000 link-changed 2<->3000 latency=1 loss=0 cut',
      't=9000 broker-fenced broker=2 (session timeout)',
      't=9000 leader-elected orders-0 leader=1 epoch=1 (broker-failure)',
    ]);
    expect(run.cluster.isBrokerRunning(2)).toBe(true);
    const replayed = replayTrace(run.cluster.exportTrace()).events.map((e) => formatEvent(e));
    expect(replayed).toEqual(run.cluster.events.map((e) => formatEvent(e)));
  });
});
