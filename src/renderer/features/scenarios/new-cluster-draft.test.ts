import { describe, expect, it } from 'vitest';
import { draftFieldOf, emptyNewClusterDraft, readNewClusterDraft } from './new-cluster-draft';

describe('readNewClusterDraft', () => {
  it('turns a valid draft into a request: racks round-robin, seed, broker configs', () => {
    const { request, errors } = readNewClusterDraft({ brokers: '4', racks: '2', controllers: '3', seed: '42', brokerConfig: 'min.insync.replicas=2\n# a comment\n\nunclean.leader.election.enable = true' });
    expect(errors).toEqual({});
    expect(request).toEqual({
      brokers: 4, controllers: 3, racks: ['rack-a', 'rack-b', 'rack-a', 'rack-b'], seed: 42,
      brokerConfig: { 'min.insync.replicas': '2', 'unclean.leader.election.enable': 'true' },
    });
    expect(readNewClusterDraft(emptyNewClusterDraft)).toEqual({ request: { brokers: 3, controllers: 0, racks: [] }, errors: {} });
  });

  it('names each bad field in the words the host uses', () => {
    const { errors } = readNewClusterDraft({ brokers: 'three', racks: 'two', controllers: '0', seed: '-4', brokerConfig: 'min.insync.replicas' });
    expect(errors.brokers).toBe('brokers must be a whole number from 1 to 32, got three');
    expect(errors.racks).toMatch(/^racks must be a whole number from 0/);
    expect(errors.seed).toBe('seed must be a whole number from 0 to 2147483648, got -4');
    expect(errors.brokerConfig).toBe('each line is name=value, got "min.insync.replicas"');
    expect(readNewClusterDraft({ ...emptyNewClusterDraft, brokers: '40' }).errors.brokers).toBe('brokers must be a whole number from 1 to 32, got 40');
  });

  it('maps host field errors to form fields', () => {
    expect(draftFieldOf('brokerConfig.min.insync.replicas')).toBe('brokerConfig');
    expect(draftFieldOf('controllers')).toBe('controllers');
  });
});

describe('racks', () => {
  it('may not exceed the broker count', () => {
    expect(readNewClusterDraft({ ...emptyNewClusterDraft, brokers: '2', racks: '3' }).errors.racks).toBe('racks must be a whole number from 0 (no broker.rack) to the broker count, got 3');
  });
});
