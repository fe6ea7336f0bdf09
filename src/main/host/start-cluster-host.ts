/**
 * Starts the embedded cluster host for the shell and serve mode. `demo` (or a checkout where
 * the broker's host has not landed) runs the fake host instead, and says so.
 */
import type { ClusterHostLike, HostStartOptions } from './cluster-host-like';
import { FakeClusterHost } from './fake-cluster-host';

// A variable specifier keeps typecheck and bundling independent of the broker module while it
// is being written; replaced by a static import once src/broker/host/cluster-host.ts exists.
const clusterHostModule = '../../broker/host/cluster-host';

/** Starts the real ClusterHost, or the fake one when asked for or when the host is unavailable. */
export async function startClusterHost(options: HostStartOptions, demo: boolean): Promise<ClusterHostLike & { kind: 'embedded' | 'demo' }> {
  if (!demo) {
    try {
      const mod = (await import(clusterHostModule)) as { ClusterHost: { start(o: HostStartOptions): Promise<ClusterHostLike> } };
      return Object.assign(await mod.ClusterHost.start(options), { kind: 'embedded' as const });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND') throw error;
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      console.warn(`kafka-lab: the cluster host (src/broker/host) cannot load (${reason}); running the demo host, which has no Kafka listeners.`);
    }
  }
  return Object.assign(new FakeClusterHost({ brokers: options.brokers, basePort: options.basePort || 9092, seed: options.seed }), { kind: 'demo' as const });
}
