import { describe, expect, it } from 'vitest';
import { formatEvent } from '../cluster/events/format-event';
import { replayTrace } from './trace';
import { COORDINATOR_SEED_EVERY, runSwarmSeed } from './swarm';

const SEEDS = Number(process.env.SWARM_SEEDS ?? 300);
const ONLY = process.env.SEED !== undefined ? [Number(process.env.SEED)] : null;

describe('swarm: random faults with acks=all producers (and on every 10th seed consumer groups and transactions), invariants after every event', () => {
  it(`holds the invariants for ${ONLY ? `seed ${ONLY[0]}` : `${SEEDS} seeds`}`, () => {
    const failures: string[] = [];
    let acked = 0;
    let committedTransactions = 0;
    for (const seed of ONLY ?? Array.from({ length: SEEDS }, (_, i) => i + 1)) {
      const r = runSwarmSeed(seed);
      acked += r.acked;
      committedTransactions += r.transactions?.committed ?? 0;
      if (r.violations.length) failures.push(`seed ${seed}: ${r.violations.slice(0, 3).join('; ')} — reproduce with SEED=${seed}`);
    }
    expect(failures).toEqual([]);
    expect(acked).toBeGreaterThan(0);
    if (!ONLY || ONLY[0]! % COORDINATOR_SEED_EVERY === 0) expect(committedTransactions).toBeGreaterThan(0);
  }, 240_000);

  it('replays a swarm run exactly from its exported trace', () => {
    const r = runSwarmSeed(7, { durationMs: 20_000, settleMs: 5_000 });
    const original = r.cluster.events.map((e) => formatEvent(e));
    const replayed = replayTrace(r.cluster.exportTrace()).events.map((e) => formatEvent(e));
    expect(replayed).toEqual(original);
    expect(original.length).toBeGreaterThan(10);
  });
});
