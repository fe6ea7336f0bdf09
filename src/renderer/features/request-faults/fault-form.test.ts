import { describe, expect, it } from 'vitest';
import { checkFaultDraft, emptyFaultDraft } from './fault-form';

describe('request fault form', () => {
  it('turns a valid draft into the spec sent, filters only when given', () => {
    expect(checkFaultDraft(emptyFaultDraft)).toEqual({ spec: { apiName: 'Produce', action: { kind: 'error', errorName: 'NOT_LEADER_OR_FOLLOWER' }, count: 3 } });
    expect(checkFaultDraft({ ...emptyFaultDraft, kind: 'delay', delayMs: ' 1500 ', count: '2', topic: 'orders', partition: '0', clientId: ' app ', brokerId: '2' })).toEqual({
      spec: { apiName: 'Produce', action: { kind: 'delay', delayMs: 1500 }, count: 2, topic: 'orders', partition: 0, clientId: 'app', brokerId: 2 },
    });
    expect(checkFaultDraft({ ...emptyFaultDraft, kind: 'disconnect', delayMs: 'ignored' })).toEqual({ spec: { apiName: 'Produce', action: { kind: 'disconnect' }, count: 3 } });
  });

  it('marks each bad field and sends nothing', () => {
    expect(checkFaultDraft({ ...emptyFaultDraft, count: '0' })).toEqual({ errors: { count: 'A whole number of requests, 1 to 10,000' } });
    expect(checkFaultDraft({ ...emptyFaultDraft, count: '2.5', kind: 'delay', delayMs: '400000' })).toEqual({ errors: { count: 'A whole number of requests, 1 to 10,000', delayMs: 'Whole milliseconds, 1 to 300,000' } });
    expect(checkFaultDraft({ ...emptyFaultDraft, partition: '1' })).toEqual({ errors: { partition: 'Choose a topic first: a partition is of a topic' } });
    expect(checkFaultDraft({ ...emptyFaultDraft, topic: 't', partition: '-1' })).toEqual({ errors: { partition: 'A partition number, or empty for any' } });
  });
});
