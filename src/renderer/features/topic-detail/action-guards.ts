/**
 * Why a failover control would be refused, decided from the view before it is sent, so the UI
 * never offers an action the controller must reject (the words name Kafka's own error).
 */
import type { BrokerView, PartitionView } from '../../../shared';

const stateWords: Record<BrokerView['state'], string> = {
  running: 'running',
  stopped: 'stopped',
  isolated: 'isolated (cut off from the network)',
  fenced: 'fenced by the controller',
};

/**
 * null when preferred-leader election can run; otherwise why not. Kafka elects the preferred
 * replica only if it is alive (unfenced) and in the ISR, else answers PREFERRED_LEADER_NOT_AVAILABLE;
 * when it already leads, ELECTION_NOT_NEEDED.
 */
export function preferredElectionBlocker(p: PartitionView, brokers: readonly BrokerView[]): string | null {
  const id = p.preferredLeader;
  if (p.leader === id) return `Broker ${id} already leads: Kafka would answer ELECTION_NOT_NEEDED.`;
  const broker = brokers.find((b) => b.brokerId === id);
  if (!broker) return `Broker ${id} is not in the cluster: Kafka would answer PREFERRED_LEADER_NOT_AVAILABLE.`;
  if (broker.state !== 'running') return `Broker ${id} is ${stateWords[broker.state]}: Kafka would answer PREFERRED_LEADER_NOT_AVAILABLE. Start or heal it first.`;
  if (!p.inSyncReplicas.includes(id)) {
    return `Broker ${id} is not in the ISR [${p.inSyncReplicas.join(', ')}]: leading it would lose acknowledged records, so Kafka answers PREFERRED_LEADER_NOT_AVAILABLE. Wait until it catches up and rejoins the ISR.`;
  }
  return null;
}

export type ReassignCheck = { error: string } | { replicas: number[]; warning: string | null };

/**
 * The replica list typed into the reassign form: an error for what the controller would refuse
 * (INVALID_REPLICA_ASSIGNMENT: empty, duplicates, a broker id that is not registered), and a
 * warning for targets that are down (accepted, but the move waits for them).
 */
export function checkReassignment(text: string, brokers: readonly BrokerView[]): ReassignCheck {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  const ids = brokers.map((b) => b.brokerId).sort((a, b) => a - b);
  const known = `known brokers: ${ids.join(', ')}`;
  if (parts.length === 0) return { error: `List at least one broker id, comma-separated (${known}).` };
  const bad = parts.find((s) => !/^\d+$/.test(s));
  if (bad !== undefined) return { error: `"${bad}" is not a broker id (${known}).` };
  const replicas = parts.map(Number);
  const unknown = replicas.filter((r) => !ids.includes(r));
  if (unknown.length > 0) return { error: `${unknown.length === 1 ? `Broker ${unknown[0]} does` : `Brokers ${unknown.join(', ')} do`} not exist (${known}); the controller would answer INVALID_REPLICA_ASSIGNMENT.` };
  const dup = replicas.find((r, i) => replicas.indexOf(r) !== i);
  if (dup !== undefined) return { error: `Broker ${dup} is listed twice: each broker holds at most one replica.` };
  const down = replicas.map((r) => brokers.find((b) => b.brokerId === r)!).filter((b) => b.state !== 'running');
  const warning = down.length === 0 ? null
    : `${down.map((b) => `broker ${b.brokerId} is ${stateWords[b.state]}`).join(', ')}: the reassignment is accepted but cannot finish until ${down.length === 1 ? 'it is' : 'they are'} back and caught up.`;
  return { replicas, warning };
}

/** The replica an unclean election would pick (KRaft PartitionChangeBuilder: the first live replica in replica order), or null. */
export function uncleanCandidate(p: PartitionView, brokers: readonly BrokerView[]): number | null {
  return p.replicas.find((id) => brokers.find((b) => b.brokerId === id)?.state === 'running') ?? null;
}

/**
 * null when ElectLeaders UNCLEAN can elect a leader; otherwise why not, in Kafka's answer: a
 * partition that has a leader gets ELECTION_NOT_NEEDED, one without a live replica
 * ELIGIBLE_LEADERS_NOT_AVAILABLE.
 */
export function uncleanElectionBlocker(p: PartitionView, brokers: readonly BrokerView[]): string | null {
  if (p.leader >= 0) return `Broker ${p.leader} leads: an unclean election is for an offline partition only, so Kafka would answer ELECTION_NOT_NEEDED.`;
  if (uncleanCandidate(p, brokers) === null) return `No replica of this partition is on a running broker: Kafka would answer ELIGIBLE_LEADERS_NOT_AVAILABLE. Start one of brokers ${p.replicas.join(', ')} first.`;
  return null;
}

/**
 * What an unclean election would cost, from the replicas' logEndOffsets in the view: the
 * candidate's logEndOffset and the furthest logEndOffset of any replica (records in between are
 * lost). The model reports the exact count of acknowledged records lost as `records-lost`.
 */
export function uncleanElectionCost(p: PartitionView, candidate: number): { candidateLogEndOffset: number; furthestLogEndOffset: number } {
  const candidateLogEndOffset = p.replicaStates.find((r) => r.brokerId === candidate)?.logEndOffset ?? 0;
  const furthestLogEndOffset = Math.max(candidateLogEndOffset, ...p.replicaStates.map((r) => r.logEndOffset));
  return { candidateLogEndOffset, furthestLogEndOffset };
}
