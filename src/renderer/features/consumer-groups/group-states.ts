/** Plain definitions of the classic group coordinator's states (Kafka's GroupMetadata), for tooltips. */
import type { GroupState, GroupView } from '../../../shared/cluster-view';

export const groupStateDefinitions: Record<GroupState, string> = {
  Empty: 'Empty: no members. The group lingers while it has committed offsets (they expire offsets.retention.minutes after it became Empty). Kafka resets offsets only of an inactive group: Empty, or Dead.',
  PreparingRebalance: 'PreparingRebalance: a member joined, left or timed out; the coordinator waits for every member to send JoinGroup again. Consumption is paused.',
  CompletingRebalance: 'CompletingRebalance: everyone rejoined; the coordinator waits for the leader\'s assignment in SyncGroup.',
  Stable: 'Stable: every member has its partitions and heartbeats within session.timeout.ms.',
  Dead: 'Dead: the group has no members and no offsets (deleted or expired); its metadata is being removed.',
};

export const stateTone = (state: GroupState): string => (state === 'Stable' ? 'tone-good' : state === 'Empty' || state === 'Dead' ? '' : 'tone-warn');

/** A distinct colour per member, stable for a given member order. */
const palette = ['#2457c5', '#c2185b', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#8d6e63', '#5d4037', '#9e9d24', '#455a64'];

export function memberColours(group: GroupView): Map<string, string> {
  const ids = group.members.map((m) => m.memberId).sort();
  return new Map(ids.map((id, i) => [id, palette[i % palette.length]!]));
}

/** The member that owns a partition, from the members' decoded assignments. */
export function ownerOf(group: GroupView, topic: string, partition: number): string | null {
  for (const m of group.members) {
    if (m.assignment.some((a) => a.topic === topic && a.partitions.includes(partition))) return m.memberId;
  }
  return null;
}

export function formatDuration(ms: number): string {
  if (ms <= 0) return '0 s';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
