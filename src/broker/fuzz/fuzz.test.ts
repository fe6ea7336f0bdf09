/**
 * The semantic fuzzer as part of `npm test` (issue 11): a fixed seed and a few thousand hostile
 * but well-formed cases against a 3-broker ClusterHost, every family but the KNOWN_OPEN ones.
 * Invariants (runner.ts): no uncaught exception or unhandled rejection, no background task or
 * handler throwing, every response well-formed and in order, the well-behaved client producing,
 * consuming and committing after every round, rss under the stated bound. A failure prints
 * `reproduce with SEED=…` with its round, cases and family; `npm run fuzz -- --seconds N` runs
 * longer with other seeds.
 */
import { describe, expect, it } from 'vitest';
import { createHandlerRegistry } from '../wire/handlers';
import { allFamilies, type Family } from './families';
import { CaseViolation } from './families/family';
import { GOOD_TOPIC } from './hostile';
import { KNOWN_OPEN } from './known-open';
import { DEFAULT_RSS_BOUND_BYTES, runFuzz } from './runner';

const SEED = Number(process.env.SEED ?? 20261207);
const CASES = Number(process.env.FUZZ_CASES ?? 2000);

describe(`semantic fuzzer (SEED=${SEED})`, () => {
  it(`keeps the cluster up and a good client working through ${CASES} hostile cases of every API`, async () => {
    const skip = KNOWN_OPEN.map((k) => k.family);
    const { stats, failures } = await runFuzz({ seed: SEED, cases: CASES, skip });
    console.log(stats.summary());
    expect(failures.map((f) => `[${f.invariant}] ${f.reproduce}\n${f.detail}`)).toEqual([]);
    expect(stats.cases).toBe(CASES);
    // Coverage: every family not known open ran, and every served API answered at every version.
    const expected = allFamilies(createHandlerRegistry().advertised()).map((f) => f.name).filter((name) => !skip.includes(name));
    expect([...stats.byFamily.keys()].sort()).toEqual(expected.sort());
    expect(stats.unansweredVersions()).toEqual([]);
    // Some requests must get past validation, or the cases only test the first check of each handler.
    expect(stats.errors.get('NONE') ?? 0).toBeGreaterThan(CASES / 2);
    expect(stats.goodRecords).toBeGreaterThan(0);
    // The runner fails any run above DEFAULT_RSS_BOUND_BYTES; this short one must stay far below it.
    expect(stats.peakRss).toBeLessThan(DEFAULT_RSS_BOUND_BYTES);
    expect(stats.peakRss).toBeLessThan(512 * 1024 * 1024);
  }, 180_000);
});

describe('the fuzzer’s invariants can fail', () => {
  it('reports a good client that stops working, and rss above the bound, with the seed, round and family', async () => {
    const deleteGoodTopic: Family = {
      name: 'delete-good-topic',
      weight: 1,
      apiKeys: [20],
      async run(io) {
        await io.call(20, { topicNames: [GOOD_TOPIC], timeoutMs: 1000 }, { version: 4 });
      },
    };
    const { failures } = await runFuzz({ seed: 7, cases: 4, casesPerRound: 4, families: [deleteGoodTopic], rssBoundBytes: 1, restartBrokerEvery: 0, goodClientDeadlineMs: 2000 });
    expect(failures.map((f) => f.invariant).sort()).toEqual(['good-client', 'memory']);
    expect(failures[0]!.reproduce).toBe('reproduce with SEED=7 (round 0, cases 0-3, family delete-good-topic)');
  }, 60_000);

  it('reports a case whose answer is not Kafka\'s (CaseViolation) as an outcome failure', async () => {
    const wrongAnswer: Family = {
      name: 'wrong-answer',
      weight: 1,
      apiKeys: [18],
      async run(io) {
        const answer = await io.call(18, { clientSoftwareName: 'fuzz', clientSoftwareVersion: '1' }, { version: 3 });
        if (answer.kind === 'response' && answer.body.errorCode === 0) throw new CaseViolation('ApiVersions answered NONE where this family insists on an error');
      },
    };
    const { failures } = await runFuzz({ seed: 8, cases: 2, casesPerRound: 2, lanes: 1, families: [wrongAnswer], restartBrokerEvery: 0 });
    expect(failures.map((f) => f.invariant)).toEqual(['outcome', 'outcome']);
    expect(failures[0]!.detail).toBe('ApiVersions answered NONE where this family insists on an error');
  }, 60_000);
});
