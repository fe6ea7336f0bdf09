/**
 * Starts the embedded cluster host for the shell and serve mode; `demo` runs the fake host
 * instead (no Kafka listeners), for UI work without the simulation.
 */
import { ClusterHost } from '../../broker/host/cluster-host';
import type { ClusterHostLike, HostStartOptions } from './cluster-host-like';
import { FakeClusterHost } from './fake-cluster-host';

export type StartedHost = ClusterHostLike & { kind: 'embedded' | 'demo' };

/** Starts the real ClusterHost, or the fake one when `demo` is set. */
export async function startClusterHost(options: HostStartOptions, demo: boolean): Promise<StartedHost> {
  if (demo) return Object.assign(new FakeClusterHost({ brokers: options.brokers, basePort: options.basePort || 9092, seed: options.seed }), { kind: 'demo' as const });
  const host: ClusterHostLike = await ClusterHost.start(options);
  return Object.assign(host, { kind: 'embedded' as const });
}
