/**
 * Trace export and replay: a run is { seed, config, inputLog }; replaying the inputs at the same
 * (model event count, simulated time) into a fresh cluster built from the same seed and config
 * reproduces the identical event log. JSON form stores Buffers as { $buffer: base64 }.
 */
import type { ClusterTrace } from '../cluster/api';
import { createCluster, type SimCluster } from '../cluster/cluster';
import type { CoordinatorPair } from '../cluster/transactions/coordinator-inputs';
import { attachScenario, type ScenarioSession } from '../scenario/session';

/**
 * Replays a trace into a fresh cluster. `beforeRun` attaches what the original host attached at
 * creation (the coordinators); it returns them when the trace carries a scenario, which is then
 * re-attached (attachScenario) after the inputs logged before it, at the same model event —
 * its clients and steps regenerate from (scenario, seed); the logged inputs are the external ones.
 *
 * `sampler` watches the replay as it goes (the app's Open session fills the time-travel history
 * with it): called at the start, every `intervalMs` of simulated time, just before and just after
 * every logged command (a fault clicked in the original), and at the end. Sampling runs the model
 * to a moment (`runUntil`) strictly before the next input's time, where the original had already
 * processed every earlier event, so the replayed event log is unchanged (replay.test.ts).
 */
export interface ReplaySampler {
  /** Simulated ms between periodic samples (> 0). */
  intervalMs: number;
  sample(cluster: SimCluster, reason: 'start' | 'interval' | 'event' | 'before-command'): void;
}

export function replayTrace(trace: ClusterTrace, beforeRun?: (cluster: SimCluster) => CoordinatorPair | void, onScenario?: (session: ScenarioSession) => void, sampler?: ReplaySampler): SimCluster {
  // The original fit its input log budget; the replay keeps its whole log (it may be exported again).
  const cluster = createCluster({ ...trace.config, inputLogLimitBytes: Infinity });
  const coordinators = beforeRun?.(cluster) ?? undefined;
  const scenario = trace.scenario;
  const intervalMs = sampler && sampler.intervalMs > 0 ? sampler.intervalMs : Infinity;
  let nextSampleMs = cluster.now() + intervalMs;
  sampler?.sample(cluster, 'start');
  /** Periodic samples strictly before `limitMs` (the next input's time: its earlier events ran in the original too). */
  const sampleUpTo = (limitMs: number): void => {
    if (!sampler) return;
    while (nextSampleMs < limitMs) {
      cluster.runUntil(nextSampleMs);
      sampler.sample(cluster, 'interval');
      nextSampleMs += intervalMs;
    }
  };
  const attach = () => {
    if (!scenario) return;
    sampleUpTo(scenario.timeMs);
    if (!coordinators && cluster.core.extensions.length > 0) throw new Error('replaying a scenario: beforeRun must return the coordinators it attached');
    cluster.sim.runToEventCount(scenario.atEvent, scenario.timeMs);
    onScenario?.(attachScenario(cluster, scenario.doc, { seed: scenario.seed, ...(coordinators ? { coordinators } : {}) }));
  };
  trace.inputLog.forEach((entry, i) => {
    if (i === scenario?.inputIndex) attach();
    sampleUpTo(entry.timeMs);
    cluster.sim.runToEventCount(entry.atEvent, entry.timeMs);
    if (entry.input.type === 'command') sampler?.sample(cluster, 'before-command');
    cluster.applyInput(entry.input);
    if (entry.input.type === 'command') sampler?.sample(cluster, 'event');
  });
  if (scenario && scenario.inputIndex >= trace.inputLog.length) attach();
  sampleUpTo(trace.endTimeMs);
  cluster.runUntil(trace.endTimeMs);
  return cluster;
}

export function traceToJson(trace: ClusterTrace): string {
  return JSON.stringify(trace, function (this: unknown, _key, value: unknown) {
    if (value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)) {
      return { $buffer: Buffer.from((value as { data: number[] }).data).toString('base64') };
    }
    if (value instanceof Uint8Array) return { $buffer: Buffer.from(value).toString('base64') };
    return value;
  });
}

export function traceFromJson(json: string): ClusterTrace {
  return JSON.parse(json, (_key, value: unknown) => {
    if (value && typeof value === 'object' && typeof (value as { $buffer?: unknown }).$buffer === 'string') return Buffer.from((value as { $buffer: string }).$buffer, 'base64');
    return value;
  }) as ClusterTrace;
}
