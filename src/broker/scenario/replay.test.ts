/**
 * A hosted scenario session with EXTERNAL inputs mixed in (a client's produce and a UI command,
 * through the public API from outside event processing) and a presenter's reveal, exported,
 * JSON round-tripped and opened again: the event logs are byte-identical, the engine's own client
 * calls are not in the input log, and a different seed gives a different log.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { batchOf, eventLines, leaderOf, produceOne } from '../cluster/testing';
import { attachCoordinators } from '../cluster/transactions/attach';
import { traceToJson } from '../sim/trace';
import { loadBuiltinScenario } from './builtins';
import { replaySession } from './replay';
import { attachScenario, scenarioClusterOptions } from './session';

function hostedSession(seed: number) {
  const parsed = loadBuiltinScenario('hello-kafka');
  if (!parsed.ok) throw new Error('hello-kafka is invalid');
  const doc = parsed.doc;
  const cluster = createCluster(scenarioClusterOptions(doc, seed));
  const { groups, transactions } = attachCoordinators(cluster);
  const session = attachScenario(cluster, doc, { seed, coordinators: { groups, transactions } });
  const start = session.startTimeMs;
  const external: (() => void)[] = [
    () => void produceOne(cluster, leaderOf(cluster, 'greetings', 1), 'greetings', 1, batchOf([{ key: 'kcat', value: 'typed by a user' }]), -1),
    () => void cluster.command({ type: 'alter-topic-config', topic: 'greetings', configs: { 'retention.ms': '3600000' } }),
  ];
  const pauses: number[] = [];
  // A host's driver: 250 ms wall-clock ticks, never past the next predict pause; the presenter reveals when paused.
  for (let t = 250; t <= doc.durationMs; t += 250) {
    const pause = session.nextPauseAtMs();
    cluster.runUntil(pause !== null ? Math.min(start + t, pause) : start + t);
    const pending = session.status().pendingPredict;
    if (pending) {
      pauses.push(cluster.now() - start);
      expect(session.reveal(pending.stepIndex)).toEqual({ ok: true });
      cluster.runUntil(start + t);
    }
    if (t === 3000 || t === 4500) external.shift()!();
  }
  cluster.runUntil(start + doc.durationMs);
  return { cluster, session, pauses };
}

describe('scenario sessions replay exactly', () => {
  it('export → JSON → replaySession gives the identical event log', () => {
    const { cluster, session, pauses } = hostedSession(5);
    expect(pauses).toEqual([2000]);
    expect(session.finished()).toBe(true);
    const trace = cluster.exportTrace();
    // Only what came from outside is an input: the external produce, the command and the reveal.
    expect(trace.inputLog.map((e) => (e.input.type === 'extension' ? `extension:${e.input.extension}` : e.input.type))).toEqual(['extension:scenario', 'produce', 'command']);
    expect(trace.scenario?.doc.name).toBe('hello-kafka');

    const replayed = replaySession(traceToJson(trace));
    const original = eventLines(cluster);
    expect(original.length).toBeGreaterThan(100);
    expect(replayed.eventLines().join('\n')).toBe(original.join('\n'));
    expect(replayed.scenario?.report().lanes).toEqual(session.report().lanes);
    expect(replayed.scenario?.status().steps[1]!.revealed).toBe(true);
  });

  it('a different seed gives a different event log (so the comparison can fail)', () => {
    const a = eventLines(hostedSession(5).cluster).join('\n');
    const b = eventLines(hostedSession(6).cluster).join('\n');
    expect(a).not.toBe(b);
  });

  it('refuses a file that is not a session, with a reason', () => {
    expect(() => replaySession('{"hello":1}')).toThrow(/needs seed, config.brokers, inputLog and endTimeMs/);
    expect(() => replaySession('nope')).toThrow(/^not a session file/);
  });
});
