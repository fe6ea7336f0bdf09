/** "Storage": opens the Storage view at one replica's segments (issue 15). Reading only, so read-only viewers have it too. */
import { useAppStoreApi } from '../../store/store-context';

export function StorageButton({ topic, partition, brokerId, className = 'btn btn-small', label = 'Storage' }: { topic: string; partition: number; brokerId: number; className?: string; label?: string }) {
  const store = useAppStoreApi();
  return (
    <button type="button" className={className} onClick={() => store.getState().openStorage({ topic, partition, brokerId })}
      title={`Show the segment files of ${topic}-${partition} on broker ${brokerId} and their batches`} aria-label={`Storage of ${topic}-${partition} on broker ${brokerId}`}
      data-testid={`storage-${topic}-${partition}-${brokerId}`}>{label}</button>
  );
}
