/**
 * The sentence that explains a KRaft quorum's health, shared by the model's logs, the timeline and
 * the overview: "no majority of voters: 1 of 3 reachable (voters 2, 3 stopped)". A Raft leader needs more
 * than half the voters (KIP-595); without one no controller is active and metadata cannot change.
 */

export interface QuorumFacts {
  voters: readonly number[];
  hasMajority: boolean;
  reachableVoters: readonly number[];
  stoppedVoters: readonly number[];
  cutOffVoters: readonly number[];
}

/** "no majority of voters: 1 of 3 reachable (voters 3001, 3002 stopped)" — the sentence the timeline and the overview use. */
export function describeQuorum(status: QuorumFacts): string {
  const k = status.reachableVoters.length;
  const n = status.voters.length;
  const named = (ids: readonly number[]) => `voter${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;
  const why = [
    status.stoppedVoters.length ? `${named(status.stoppedVoters)} stopped` : '',
    status.cutOffVoters.length ? `${named(status.cutOffVoters)} cut off` : '',
  ].filter(Boolean).join('; ');
  const head = status.hasMajority ? `majority of voters: ${k} of ${n} reachable` : `no majority of voters: ${k} of ${n} reachable`;
  return why ? `${head} (${why})` : head;
}
