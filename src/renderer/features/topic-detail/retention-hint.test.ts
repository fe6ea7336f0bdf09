import { describe, expect, it } from 'vitest';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { formatDuration, retentionCheckLines, retentionRule } from './retention-hint';

describe('retention hint', () => {
  it('formats durations', () => {
    expect(formatDuration(192_000)).toBe('3m 12s');
    expect(formatDuration(604_800_000)).toBe('7d');
    expect(formatDuration(-5)).toBe('0s');
  });

  it('gives each hosting broker its next check and the interval', () => {
    const view = makeClusterView();
    const [b1, b2] = view.brokers;
    const brokers = [{ ...b1!, nextRetentionCheckMs: view.simTimeMs + 192_000 }, { ...b2!, nextRetentionCheckMs: null }];
    const configs = [{ brokerId: b1!.brokerId, configs: [{ name: 'log.retention.check.interval.ms', value: '300000', defaultValue: '300000', source: 'DEFAULT_CONFIG' as const, readOnly: true, sensitive: false, documentation: '' }] }];
    const lines = retentionCheckLines(brokers, new Set([b1!.brokerId, b2!.brokerId]), configs, view.simTimeMs).map((l) => l.text);
    expect(lines).toEqual([
      `broker ${b1!.brokerId}: next retention check in 3m 12s (log.retention.check.interval.ms = 300000, every 5m)`,
      `broker ${b2!.brokerId}: stopped, no retention check until it starts`,
    ]);
  });

  it('says what a check deletes with the topic\'s values, and that compacted topics lose nothing to retention', () => {
    const entry = (name: string, value: string) => ({ name, value, defaultValue: null, source: 'DEFAULT_CONFIG' as const, readOnly: false, sensitive: false, documentation: '' });
    const rule = retentionRule([entry('cleanup.policy', 'delete'), entry('retention.ms', '60000'), entry('retention.bytes', '-1'), entry('segment.bytes', '1073741824'), entry('segment.ms', '604800000')]).join(' ');
    expect(rule).toContain('whose newest record is older than retention.ms = 60000 (1m)');
    expect(rule).toContain('the active (newest) segment too once all its records are replicated');
    expect(rule).toContain('segment.ms = 604800000 (7d)');
    expect(retentionRule([entry('cleanup.policy', 'compact')])[0]).toContain('retention deletes nothing');
  });
});
