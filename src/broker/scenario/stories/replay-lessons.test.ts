/**
 * Lessons that use the client actions hello-kafka does not (a zombie producer's crash, restart and
 * resume; a tombstone; a group seek; member crashes and static rejoins; dedicated controllers
 * stopped and started), played as the app plays them — a host driver that stops at each predict
 * question until the presenter reveals — and exported, replay to the identical event log and the
 * same measured outcomes: a trainer can ship any of them to a room as a recording.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { eventLines } from '../../cluster/testing';
import { attachCoordinators } from '../../cluster/transactions/attach';
import { traceToJson } from '../../sim/trace';
import { loadBuiltinScenario } from '../builtins';
import { replaySession } from '../replay';
import { attachScenario, scenarioClusterOptions } from '../session';

const LESSONS = ['zombie-producer-fenced', 'compaction-and-tombstones', 'replay-from-offset', 'static-membership', 'controller-failover-and-quorum-loss'];

function hosted(name: string) {
  const parsed = loadBuiltinScenario(name);
  if (!parsed.ok) throw new Error(`${name} is invalid`);
  const doc = parsed.doc;
  const seed = doc.seed ?? 1;
  const cluster = createCluster(scenarioClusterOptions(doc, seed));
  const session = attachScenario(cluster, doc, { seed, coordinators: attachCoordinators(cluster) });
  const start = session.startTimeMs;
  let reveals = 0;
  for (let t = 500; t <= doc.durationMs; t += 500) {
    const pause = session.nextPauseAtMs();
    cluster.runUntil(pause !== null ? Math.min(start + t, pause) : start + t);
    const pending = session.status().pendingPredict;
    if (pending) {
      expect(session.reveal(pending.stepIndex)).toEqual({ ok: true });
      reveals++;
      cluster.runUntil(start + t);
    }
  }
  return { cluster, session, reveals, predicts: doc.steps.filter((s) => s.predict).length };
}

describe('built-in lessons replay exactly from an exported session', () => {
  for (const name of LESSONS) {
    it(name, () => {
      const { cluster, session, reveals, predicts } = hosted(name);
      expect(reveals).toBe(predicts);
      expect(session.report().passed).toBe(true);
      const replayed = replaySession(traceToJson(cluster.exportTrace()));
      expect(replayed.eventLines().join('\n')).toBe(eventLines(cluster).join('\n'));
      expect(replayed.scenario?.report().expectations.map((e) => `${e.label}=${e.actual}`)).toEqual(session.report().expectations.map((e) => `${e.label}=${e.actual}`));
    }, 60_000);
  }
});
