/**
 * The brokers' configs for the ClusterView, as DescribeConfigs on BROKER resources reports them
 * (src/broker/cluster/client/admin.ts): one entry list per broker and one for the cluster-wide
 * default (brokerId null). Rebuilt only when a dynamic broker config changed (the store's version)
 * or the set of brokers did, so snapshots hand out the same arrays and the host's diff skips them.
 */
import type { BrokerConfigsView } from '../../../shared/cluster-view';
import type { ClusterCore } from '../core';

const cache = new WeakMap<ClusterCore, { version: number; brokerIds: string; views: BrokerConfigsView[] }>();

export function brokerConfigsView(core: ClusterCore): BrokerConfigsView[] {
  const brokerIds = [...core.brokers.keys()].join(',');
  const hit = cache.get(core);
  if (hit && hit.version === core.configs.version && hit.brokerIds === brokerIds) return hit.views;
  const views: BrokerConfigsView[] = [
    ...[...core.brokers.values()].map((b) => ({ brokerId: b.brokerId, configs: core.configs.describeBroker(b.brokerId, null, b.rack) })),
    { brokerId: null, configs: core.configs.describeBroker(-1, null, null) },
  ];
  cache.set(core, { version: core.configs.version, brokerIds, views });
  return views;
}

/** The broker's next retention check (simulated ms), null while it is stopped. */
export function nextRetentionCheckMs(core: ClusterCore, brokerId: number): number | null {
  const b = core.broker(brokerId);
  if (!b || !b.running) return null;
  return b.nextTaskRunMs.get('log-retention') ?? null;
}
