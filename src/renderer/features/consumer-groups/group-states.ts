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

const palette = ['#2457c5', '#c2185b', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f', '#8d6e63', '#5d4037', '#9e9d24', '#455a64'];

/** What the page remembers of one group's colours: member key → palette slot, and when each slot was last handed out. */
export interface ColourMemory {
  slots: Map<string, number>;
  handedOut: Map<number, number>;
  /** memberId → key, so a past generation's members (rebalance history) find their colour. */
  keys: Map<string, string>;
  clock: number;
}

const memories = new Map<string, ColourMemory>();

/**
 * A colour per member that stays the same across generations (issue 12). Sorting memberIds and
 * colouring by position (the old way) repainted every member when one joined or left.
 *
 * Keyed by `groupInstanceId` for static members (KIP-345: the same consumer across restarts), else
 * by `memberId`: the coordinator keeps a dynamic member's memberId across rebalances while it stays
 * in the group (Kafka's GroupMetadata; JoinGroup with the known memberId), and a consumer that
 * restarts gets a new one — it is a new member, and gets a new colour. Not clientId + host: many
 * clients share a client.id (kafkajs' default is "kafkajs", librdkafka's "rdkafka") and every local
 * consumer has the same host.
 *
 * A member keeps the palette slot it got first; a new member takes a slot no current member holds,
 * preferring one never handed out, else the one handed out longest ago (so a newcomer rarely wears
 * the colour of the member it replaced). Remembered per group for the page's lifetime; `memory`
 * is for tests.
 */
export function memberColours(group: GroupView, memory: ColourMemory = memoryOf(group.groupId)): Map<string, string> {
  const key = (m: GroupView['members'][number]) => m.groupInstanceId !== null ? `static:${m.groupInstanceId}` : `member:${m.memberId}`;
  const held = new Set<number>();
  for (const m of group.members) {
    memory.keys.set(m.memberId, key(m));
    const slot = memory.slots.get(key(m));
    if (slot !== undefined) held.add(slot);
  }
  const out = new Map<string, string>();
  // New members in memberId order, so two viewers opening at once agree.
  for (const m of [...group.members].sort((a, b) => a.memberId.localeCompare(b.memberId))) {
    let slot = memory.slots.get(key(m));
    if (slot === undefined || (held.has(slot) && [...out.values()].includes(palette[slot]!))) {
      slot = freeSlot(held, memory);
      memory.slots.set(key(m), slot);
      memory.handedOut.set(slot, memory.clock++);
    }
    held.add(slot);
    out.set(m.memberId, palette[slot]!);
  }
  return out;
}

/** The colour a member had (also one of a past generation), or null if this page never saw it. */
export function rememberedColour(groupId: string, memberId: string): string | null {
  const memory = memories.get(groupId);
  const key = memory?.keys.get(memberId);
  const slot = key === undefined ? undefined : memory!.slots.get(key);
  return slot === undefined ? null : palette[slot]!;
}

export function newColourMemory(): ColourMemory {
  return { slots: new Map(), handedOut: new Map(), keys: new Map(), clock: 0 };
}

function memoryOf(groupId: string): ColourMemory {
  let memory = memories.get(groupId);
  if (!memory) memories.set(groupId, (memory = newColourMemory()));
  return memory;
}

function freeSlot(held: Set<number>, memory: ColourMemory): number {
  let best = -1;
  let bestAge = Infinity;
  for (let slot = 0; slot < palette.length; slot++) {
    if (held.has(slot)) continue;
    const age = memory.handedOut.get(slot) ?? -1;
    if (age < bestAge) {
      best = slot;
      bestAge = age;
    }
  }
  // More members than colours: colours repeat, by memberId order.
  return best >= 0 ? best : held.size % palette.length;
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
