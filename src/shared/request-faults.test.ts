import { describe, expect, it } from 'vitest';
import { describeRequestFault, parseRequestFault } from './request-faults';

describe('request fault text form', () => {
  it('parses fail, delay and disconnect with a count and filters', () => {
    expect(parseRequestFault('fail', ['Produce', 'NOT_LEADER_OR_FOLLOWER', '3', 'topic=orders', 'partition=2', 'client=app-1', 'broker=2'])).toEqual({
      apiName: 'Produce', action: { kind: 'error', errorName: 'NOT_LEADER_OR_FOLLOWER' }, count: 3, topic: 'orders', partition: 2, clientId: 'app-1', brokerId: 2,
    });
    expect(parseRequestFault('delay', ['Fetch', '2000'])).toEqual({ apiName: 'Fetch', action: { kind: 'delay', delayMs: 2000 }, count: 1 });
    expect(parseRequestFault('disconnect', ['Metadata', '2'])).toEqual({ apiName: 'Metadata', action: { kind: 'disconnect' }, count: 2 });
  });

  it('says what is wrong with a malformed line', () => {
    expect(parseRequestFault('fail', ['Produce'])).toEqual({ error: expect.stringMatching(/Kafka error name/) });
    expect(parseRequestFault('fail', ['Produce', 'not_leader'])).toEqual({ error: expect.stringMatching(/in capitals/) });
    expect(parseRequestFault('delay', ['Fetch', 'soon'])).toEqual({ error: expect.stringMatching(/delay in ms/) });
    expect(parseRequestFault('fail', ['Produce', 'NOT_LEADER_OR_FOLLOWER', 'three'])).toEqual({ error: 'count must be a whole number, not "three"' });
    expect(parseRequestFault('fail', ['Produce', 'NOT_LEADER_OR_FOLLOWER', '1', '2'])).toEqual({ error: expect.stringMatching(/^usage:/) });
    expect(parseRequestFault('disconnect', ['Fetch', 'colour=red'])).toEqual({ error: 'unknown filter "colour" (topic=, partition=, client=, broker=)' });
    expect(parseRequestFault('disconnect', ['Fetch', 'broker=x'])).toEqual({ error: 'broker must be a whole number, not "x"' });
    expect(parseRequestFault('disconnect', ['Fetch', 'topic='])).toEqual({ error: 'topic= needs a value' });
    expect(parseRequestFault('disconnect', [])).toEqual({ error: expect.stringMatching(/^usage:/) });
  });

  it('describes a rule in one line', () => {
    expect(describeRequestFault({ apiName: 'Produce', action: { kind: 'error', errorName: 'NOT_LEADER_OR_FOLLOWER' }, count: 3, topic: 'orders', partition: 1, clientId: 'app', brokerId: 2 }))
      .toBe('fail Produce NOT_LEADER_OR_FOLLOWER ×3 (topic orders-1, client app, broker 2)');
    expect(describeRequestFault({ apiName: 'Fetch', action: { kind: 'delay', delayMs: 1500 }, count: 1 })).toBe('delay Fetch 1500 ms ×1');
  });
});
