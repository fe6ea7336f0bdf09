import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { replayTrace } from '../../sim/trace';
import { RequestFaultRules, type FaultableRequest } from './request-faults';

const request = (over: Partial<Omit<FaultableRequest, 'topics'>> & { topics?: { topic: string; partitions: number[] }[] } = {}): FaultableRequest => {
  const topics = over.topics ?? [];
  return { brokerId: 1, apiName: 'Produce', clientId: 'app', ...over, topics: () => topics };
};

describe('request fault rules', () => {
  it('refuses unknown APIs and errors, bad counts, delays and brokers with a sentence', () => {
    const rules = new RequestFaultRules();
    expect(rules.add({ apiName: 'Produse', action: { kind: 'disconnect' }, count: 1 }, [1])).toMatch(/Unknown Kafka API "Produse"/);
    expect(rules.add({ apiName: 'Produce', action: { kind: 'error', errorName: 'NOT_A_LEADER' }, count: 1 }, [1])).toMatch(/Unknown Kafka error "NOT_A_LEADER"/);
    expect(rules.add({ apiName: 'Produce', action: { kind: 'error', errorName: 'NONE' }, count: 1 }, [1])).toMatch(/Unknown Kafka error "NONE"/);
    expect(rules.add({ apiName: 'Produce', action: { kind: 'disconnect' }, count: 0 }, [1])).toBe('count must be 1..10000.');
    expect(rules.add({ apiName: 'Fetch', action: { kind: 'delay', delayMs: 0 }, count: 1 }, [1])).toBe('delayMs must be 1..300000.');
    expect(rules.add({ apiName: 'Fetch', action: { kind: 'disconnect' }, count: 1, brokerId: 9 }, [1, 2])).toBe('No broker 9.');
    expect(rules.add({ apiName: 'Fetch', action: { kind: 'disconnect' }, count: 1, partition: 0 }, [1])).toBe('A partition filter needs a topic.');
    expect(rules.size).toBe(0);
    // API names are matched without regard to case and stored as Kafka spells them.
    expect(rules.add({ apiName: 'joingroup', action: { kind: 'disconnect' }, count: 1 }, [1])).toMatchObject({ apiName: 'JoinGroup', faultId: 1 });
  });

  it('matches by API, broker, client.id, topic and partition; the oldest matching rule first; used up after count hits', () => {
    const rules = new RequestFaultRules();
    const a = rules.add({ apiName: 'Produce', action: { kind: 'error', errorName: 'NOT_LEADER_OR_FOLLOWER' }, count: 2, topic: 'orders', partition: 1 }, [1, 2]);
    const b = rules.add({ apiName: 'Produce', action: { kind: 'disconnect' }, count: 1, clientId: 'other', brokerId: 2 }, [1, 2]);
    if (typeof a === 'string' || typeof b === 'string') throw new Error('refused');
    expect(rules.match(request({ apiName: 'Fetch', topics: [{ topic: 'orders', partitions: [1] }] }))).toBeNull();
    expect(rules.match(request({ topics: [{ topic: 'orders', partitions: [0] }] }))).toBeNull();
    expect(rules.match(request({ topics: [{ topic: 'payments', partitions: [1] }] }))).toBeNull();
    expect(rules.match(request({ topics: [{ topic: 'payments', partitions: [1] }, { topic: 'orders', partitions: [0, 1] }] }))?.faultId).toBe(a.faultId);
    expect(rules.match(request({ clientId: 'other', brokerId: 1 }))).toBeNull();
    expect(rules.match(request({ clientId: 'other', brokerId: 2 }))?.faultId).toBe(b.faultId);
    expect(rules.hit(a.faultId)).toMatchObject({ remaining: 1, hits: 1 });
    expect(rules.hit(a.faultId)).toMatchObject({ remaining: 0, hits: 2 });
    expect(rules.view().map((r) => r.faultId)).toEqual([b.faultId]);
    expect(rules.hit(a.faultId)).toBeNull();
    expect(rules.clear(null).map((r) => r.faultId)).toEqual([b.faultId]);
  });

  it('a topic filter reads the request topics only when a rule of that API filters by topic', () => {
    const rules = new RequestFaultRules();
    rules.add({ apiName: 'Fetch', action: { kind: 'disconnect' }, count: 1, topic: 't' }, [1]);
    let reads = 0;
    const probe: FaultableRequest = { brokerId: 1, apiName: 'Produce', clientId: null, topics: () => { reads++; return []; } };
    expect(rules.match(probe)).toBeNull();
    expect(reads).toBe(0);
  });
});

describe('request faults in the model', () => {
  it('commands add and clear rules with events; each hit is an input that replays to the same events', () => {
    const c = createCluster({ seed: 7, brokers: [{ brokerId: 1 }, { brokerId: 2 }] });
    expect(c.command({ type: 'inject-request-fault', fault: { apiName: 'Produce', action: { kind: 'error', errorName: 'NOT_ENOUGH_REPLICAS' }, count: 2, clientId: 'app' } }))
      .toEqual({ ok: true, message: 'request fault 1: fail Produce NOT_ENOUGH_REPLICAS ×2 (client app)' });
    expect(c.command({ type: 'inject-request-fault', fault: { apiName: 'Nope', action: { kind: 'disconnect' }, count: 1 } })).toMatchObject({ ok: false, errorName: 'INVALID_REQUEST' });
    expect(c.takeRequestFault(request({ clientId: 'someone-else' }))).toBeNull();
    expect(c.takeRequestFault(request())).toEqual({ kind: 'error', errorName: 'NOT_ENOUGH_REPLICAS' });
    expect(c.snapshot().requestFaults).toMatchObject([{ faultId: 1, remaining: 1, hits: 1 }]);
    expect(c.takeRequestFault(request({ brokerId: 2 }))).toEqual({ kind: 'error', errorName: 'NOT_ENOUGH_REPLICAS' });
    expect(c.takeRequestFault(request())).toBeNull();
    expect(c.snapshot().requestFaults).toEqual([]);
    c.command({ type: 'inject-request-fault', fault: { apiName: 'Fetch', action: { kind: 'delay', delayMs: 500 }, count: 5 } });
    expect(c.command({ type: 'clear-request-faults', faultId: 99 })).toMatchObject({ ok: false, message: 'No request fault 99 (it may be used up).' });
    expect(c.command({ type: 'clear-request-faults' })).toEqual({ ok: true, message: '1 request fault removed' });

    const faultEvents = (cluster: { events: readonly { type: string }[] }) => cluster.events.filter((e) => e.type.startsWith('request-fault')).map(({ seq: _seq, ...e }: { seq?: number } & Record<string, unknown>) => e);
    expect(faultEvents(c)).toEqual([
      { type: 'request-fault-added', faultId: 1, description: 'fail Produce NOT_ENOUGH_REPLICAS ×2 (client app)', timeMs: expect.any(Number) },
      { type: 'request-fault-injected', faultId: 1, brokerId: 1, apiName: 'Produce', clientId: 'app', action: 'NOT_ENOUGH_REPLICAS', remaining: 1, timeMs: expect.any(Number) },
      { type: 'request-fault-injected', faultId: 1, brokerId: 2, apiName: 'Produce', clientId: 'app', action: 'NOT_ENOUGH_REPLICAS', remaining: 0, timeMs: expect.any(Number) },
      { type: 'request-fault-added', faultId: 2, description: 'delay Fetch 500 ms ×5', timeMs: expect.any(Number) },
      { type: 'request-fault-removed', faultIds: [2], timeMs: expect.any(Number) },
    ]);
    const replayed = replayTrace(JSON.parse(JSON.stringify(c.exportTrace())));
    expect(faultEvents(replayed)).toEqual(faultEvents(c));
  });
});
