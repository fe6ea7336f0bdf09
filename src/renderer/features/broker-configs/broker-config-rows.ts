/** Pure helpers of the broker configs view: which entries to show and how a resource is named. */
import type { ConfigEntryView } from '../../../shared';

export type ConfigModeFilter = 'all' | 'dynamic' | 'static';

/** Entries whose name contains `filter` (case-insensitive), dynamic ones (editable) or static ones (read-only) only when asked. */
export function visibleBrokerConfigs(configs: ConfigEntryView[], filter: string, mode: ConfigModeFilter): ConfigEntryView[] {
  const needle = filter.trim().toLowerCase();
  return configs.filter((c) => (needle === '' || c.name.toLowerCase().includes(needle)) && (mode === 'all' || (mode === 'dynamic') === !c.readOnly));
}

export function scopeLabel(brokerId: number | null): string {
  return brokerId === null ? 'Cluster-wide default (resource "")' : `Broker ${brokerId}`;
}
