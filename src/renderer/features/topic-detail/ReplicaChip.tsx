/** A replica chip: leader filled, in-sync outlined, out-of-sync red, offline struck through. */
import type { PartitionView } from '../../../shared';
import { replicaTooltip, type ReplicaState } from './replica-state';

export function ReplicaChip({ partition, state, onClick, selected }: { partition: PartitionView; state: ReplicaState; onClick?: () => void; selected?: boolean }) {
  const classes = ['chip-replica', `replica-${state.role}`, state.adding ? 'replica-adding' : '', state.removing ? 'replica-removing' : '', selected ? 'selected' : ''];
  return (
    <button type="button" className={classes.join(' ')} title={replicaTooltip(partition, state)} onClick={onClick}
      data-testid={`replica-${partition.partition}-${state.brokerId}`} data-role={state.role}>
      {state.brokerId}
      {state.role === 'leader' && <span className="chip-epoch">e{partition.leaderEpoch}</span>}
    </button>
  );
}
