/**
 * Rates and processing times are JSON numbers: 30 records/s is a 33.3 ms interval and 0.5 ms per
 * record is valid. The model's clock is whole milliseconds (offset commit timestamps are int64 in
 * __consumer_offsets), so the engine must schedule on whole milliseconds; before, such a scenario
 * threw "cannot be converted to a BigInt" from the first offset commit.
 */
import { describe, expect, it } from 'vitest';
import type { ScenarioDocument } from '../../../shared/scenario-format';
import { runScenario } from '../run';

const doc: ScenarioDocument = {
  formatVersion: 1, name: 'fractional', title: 'fractional', summary: 'fractional', durationMs: 4000,
  cluster: { brokers: 1, controllers: 0 },
  topics: [{ name: 'jobs', partitions: 2, replicationFactor: 1 }],
  producers: [{ name: 'p', topic: 'jobs', ratePerSec: 30, maxRecords: 60 }],
  consumerGroups: [{ groupId: 'g', topics: ['jobs'], members: [{ name: 'm' }], processingMsPerRecord: 0.5, commit: 'after-processing', autoOffsetReset: 'earliest' }],
  lanes: [{ name: 'lane', title: 'p → g', producer: 'p', group: 'g' }],
  steps: [{ atMs: 0, title: 'go' }],
  expectations: [{ check: 'processed', lane: 'lane', eq: 60 }, { check: 'acknowledged', producer: 'p', eq: 60 }],
};

describe('fractional rates and processing times', () => {
  it('run on whole milliseconds and keep the rate (30 records/s: 60 records in about 2 s)', () => {
    const report = runScenario(doc);
    expect(report.expectations.map((e) => `${e.label}: ${e.actual}`)).toEqual(['lane lane processed = 60: 60', 'producer p acknowledged = 60: 60']);
    expect(report.passed).toBe(true);
  });
});
