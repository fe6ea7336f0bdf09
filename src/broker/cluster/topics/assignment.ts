/**
 * Replica assignment as Kafka's AdminUtils.assignReplicasToBrokers does it: a random start index
 * and a random shift for the second replica (from the seeded Random), rack-aware when every broker
 * has a rack (brokers alternated across racks, replicas spread over distinct racks first).
 */
import type { Random } from '../../sim/random';

export interface BrokerMetadata {
  brokerId: number;
  rack: string | null;
}

export type AssignmentResult = { ok: true; assignment: number[][] } | { ok: false; errorName: 'INVALID_REPLICATION_FACTOR' | 'INVALID_PARTITIONS'; message: string };

function replicaIndex(firstReplicaIndex: number, secondReplicaShift: number, replicaIdx: number, nBrokers: number): number {
  const shift = 1 + ((secondReplicaShift + replicaIdx) % (nBrokers - 1));
  return (firstReplicaIndex + shift) % nBrokers;
}

/** AdminUtils.getRackAlternatedBrokerList: brokers taken one per rack in turn, racks and brokers sorted. */
export function rackAlternatedBrokerList(brokers: BrokerMetadata[]): number[] {
  const byRack = new Map<string, number[]>();
  for (const b of [...brokers].sort((x, y) => x.brokerId - y.brokerId)) {
    const list = byRack.get(b.rack!) ?? [];
    list.push(b.brokerId);
    byRack.set(b.rack!, list);
  }
  const racks = [...byRack.keys()].sort();
  const cursors = new Map(racks.map((r) => [r, 0]));
  const out: number[] = [];
  let rackIndex = 0;
  while (out.length < brokers.length) {
    const rack = racks[rackIndex]!;
    const list = byRack.get(rack)!;
    const c = cursors.get(rack)!;
    if (c < list.length) {
      out.push(list[c]!);
      cursors.set(rack, c + 1);
    }
    rackIndex = (rackIndex + 1) % racks.length;
  }
  return out;
}

/**
 * Assigns `partitions` new partitions numbered from `startPartitionId` with the given replication
 * factor over the eligible (unfenced) brokers.
 */
export function assignReplicasToBrokers(random: Random, brokers: BrokerMetadata[], partitions: number, replicationFactor: number, startPartitionId = 0): AssignmentResult {
  if (partitions <= 0) return { ok: false, errorName: 'INVALID_PARTITIONS', message: 'Number of partitions must be larger than 0.' };
  if (replicationFactor <= 0) return { ok: false, errorName: 'INVALID_REPLICATION_FACTOR', message: 'Replication factor must be larger than 0.' };
  if (replicationFactor > brokers.length) {
    return { ok: false, errorName: 'INVALID_REPLICATION_FACTOR', message: `Replication factor: ${replicationFactor} larger than available brokers: ${brokers.length}.` };
  }
  const rackAware = brokers.every((b) => b.rack !== null);
  const arranged = rackAware ? rackAlternatedBrokerList(brokers) : [...brokers].map((b) => b.brokerId).sort((a, b) => a - b);
  const rackOf = new Map(brokers.map((b) => [b.brokerId, b.rack]));
  const numRacks = new Set(brokers.map((b) => b.rack)).size;
  const n = arranged.length;
  const startIndex = random.int(0, n - 1);
  let nextReplicaShift = random.int(0, n - 1);
  const assignment: number[][] = [];
  for (let i = 0; i < partitions; i++) {
    const partitionId = startPartitionId + i;
    if (partitionId > 0 && partitionId % n === 0) nextReplicaShift++;
    const first = (partitionId + startIndex) % n;
    const replicas = [arranged[first]!];
    if (!rackAware) {
      for (let j = 0; j < replicationFactor - 1; j++) replicas.push(arranged[replicaIndex(first, nextReplicaShift, j, n)]!);
    } else {
      const racksWithReplicas = new Set([rackOf.get(arranged[first]!)]);
      const brokersWithReplicas = new Set([arranged[first]!]);
      let k = 0;
      for (let j = 0; j < replicationFactor - 1; j++) {
        for (;;) {
          const broker = arranged[replicaIndex(first, nextReplicaShift * numRacks, k, n)]!;
          const rack = rackOf.get(broker);
          k++;
          if ((!racksWithReplicas.has(rack) || racksWithReplicas.size === numRacks) && (!brokersWithReplicas.has(broker) || brokersWithReplicas.size === n)) {
            replicas.push(broker);
            racksWithReplicas.add(rack);
            brokersWithReplicas.add(broker);
            break;
          }
        }
      }
    }
    assignment.push(replicas);
  }
  return { ok: true, assignment };
}
