/**
 * Partition leader election as the KRaft controller does it (PartitionChangeBuilder):
 * clean — the first replica in replica order that is in the ISR and eligible (registered, unfenced,
 * not shutting down); unclean — when allowed, the first eligible replica in replica order, with the
 * ISR reset to it alone; otherwise no leader (-1) and the ISR left as is.
 */
import type { PartitionState } from '../metadata';

export interface LeaderChoice {
  leader: number;
  isr: number[];
  unclean: boolean;
}

export function chooseLeader(state: PartitionState, isEligible: (brokerId: number) => boolean, allowUnclean: boolean, exclude: number[] = []): LeaderChoice {
  const ok = (id: number) => isEligible(id) && !exclude.includes(id);
  const target = state.replicas.filter((r) => !state.removingReplicas.includes(r));
  const order = [...target, ...state.replicas.filter((r) => state.removingReplicas.includes(r))];
  const clean = order.find((id) => state.isr.includes(id) && ok(id));
  if (clean !== undefined) return { leader: clean, isr: [...state.isr], unclean: false };
  if (allowUnclean) {
    const unclean = order.find(ok);
    if (unclean !== undefined) return { leader: unclean, isr: [unclean], unclean: true };
  }
  return { leader: -1, isr: [...state.isr], unclean: false };
}

/** The ISR without a broker, keeping the last member (KRaft never empties the ISR, KIP-841/KIP-966 background). */
export function isrWithout(isr: readonly number[], brokerId: number): number[] {
  const next = isr.filter((id) => id !== brokerId);
  return next.length === 0 ? [...isr] : next;
}
