/**
 * The Storage view (issue 15): disk use of the lab (DiskUsage), the chosen replica's segments
 * (ReplicaSegments) and the chosen segment's batches (SegmentInspector). Sizes and segments are
 * asked of the host every 2 s while the view is open (they are not in the pushed snapshot: a
 * replica's segment list is too much to push to every viewer).
 */
import { useEffect, useState } from 'react';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { DiskUsage } from './DiskUsage';
import { ReplicaSegments } from './ReplicaSegments';
import { SegmentInspector } from './SegmentInspector';
import { usePolled } from './use-polled';
import './storage.css';

/** How often sizes and segments are asked for while the view is open, ms. */
export const STORAGE_POLL_MS = 2000;

export function StorageView() {
  const store = useAppStoreApi();
  const replica = useApp((s) => s.storageReplica);
  const generation = useApp((s) => s.snapshot?.sim?.session?.generation ?? 0);
  const info = usePolled(() => store.client.getStorageInfo(), `info/${generation}`, STORAGE_POLL_MS, true);
  const replicaKey = replica ? `${replica.topic}/${replica.partition}/${replica.brokerId}/${generation}` : '';
  const described = usePolled(
    () => (replica ? store.client.describeReplicaStorage(replica.topic, replica.partition, replica.brokerId) : Promise.resolve(null)),
    replicaKey, replica ? STORAGE_POLL_MS : 0,
  );
  const [segment, setSegment] = useState<number | null>(null);
  useEffect(() => setSegment(null), [replicaKey]);
  const refreshAll = () => { info.refresh(); described.refresh(); };
  const result = described.value;
  return (
    <div className="storage-view" data-testid="storage-view">
      {info.error && <p className="inline-error" role="alert">{info.error}</p>}
      {info.value ? <DiskUsage info={info.value} onChanged={refreshAll} /> : !info.error && <p className="empty">Loading storage…</p>}
      {!replica && <p className="hint" data-testid="storage-pick-replica">Choose a replica above (or press Storage beside a replica on a topic&apos;s partition panel) to see its segments.</p>}
      {replica && result && !result.ok && (
        <p className="inline-error" role="alert" data-testid="replica-storage-error">{replica.topic}-{replica.partition} on broker {replica.brokerId}: {result.errorName}: {result.message}</p>
      )}
      {replica && result?.ok && <ReplicaSegments replica={result.value} selectedBaseOffset={segment} onSelect={setSegment} />}
      {replica && result?.ok && segment !== null && <SegmentInspector replica={replica} baseOffset={segment} />}
    </div>
  );
}
