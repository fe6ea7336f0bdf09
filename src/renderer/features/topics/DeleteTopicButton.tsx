/** Delete with an inline confirmation, and the cluster's refusal shown in place. */
import { memo, useState } from 'react';
import { useAppStoreApi } from '../../store/store-context';
import { LiveActions } from '../time-travel/LiveActions';

/** Memoised: it sits in every visible topic row, and rows re-render on most snapshots. */
export const DeleteTopicButton = memo(function DeleteTopicButton({ topic, internal = false, onDeleted }: { topic: string; internal?: boolean; onDeleted?: () => void }) {
  const store = useAppStoreApi();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    const result = await store.getState().execute({ type: 'delete-topic', topic });
    if (result.ok) {
      setConfirming(false);
      onDeleted?.();
    } else setError(`${result.errorName}: ${result.message}`);
  };
  // Internal topics cannot be deleted (the cluster refuses with INVALID_REQUEST, as Kafka's kafka-topics tool does).
  if (internal) return <button type="button" className="btn btn-small btn-disabled" aria-disabled title={`${topic} is a Kafka internal topic: it is not allowed to be deleted (the coordinators keep their state in it).`} data-testid={`delete-topic-${topic}`}>Delete</button>;
  if (error) return <span className="inline-error" role="alert" title={error} onClick={() => setError(null)}>{error}</span>;
  if (!confirming) return <LiveActions><button type="button" className="btn btn-small" onClick={() => setConfirming(true)} data-testid={`delete-topic-${topic}`}>Delete</button></LiveActions>;
  return (
    <span className="confirm"><LiveActions>
      <button type="button" className="btn btn-small btn-danger" onClick={remove} data-testid={`confirm-delete-${topic}`}>Delete {topic}?</button>
      <button type="button" className="btn btn-small" onClick={() => setConfirming(false)}>Keep</button>
    </LiveActions></span>
  );
});
