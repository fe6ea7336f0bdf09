/**
 * Trace export and replay: a run is { seed, config, inputLog }; replaying the inputs at the same
 * (model event count, simulated time) into a fresh cluster built from the same seed and config
 * reproduces the identical event log. JSON form stores Buffers as { $buffer: base64 }.
 */
import type { ClusterTrace } from '../cluster/api';
import { createCluster, type SimCluster } from '../cluster/cluster';

export function replayTrace(trace: ClusterTrace, beforeRun?: (cluster: SimCluster) => void): SimCluster {
  // The original fit its input log budget; the replay keeps its whole log (it may be exported again).
  const cluster = createCluster({ ...trace.config, inputLogLimitBytes: Infinity });
  beforeRun?.(cluster);
  for (const entry of trace.inputLog) {
    cluster.sim.runToEventCount(entry.atEvent, entry.timeMs);
    cluster.applyInput(entry.input);
  }
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
