/**
 * Group invariant for tests and the swarm (ARCHITECTURE §2: invariants live outside the model):
 * committed offsets never move backwards without a reset. A reset is a commit with
 * generationId -1 (admin tools and simple consumers; the coordinator accepts those only while
 * the group is Empty), or the offset's deletion (OffsetDelete, DeleteGroups, retention).
 * Only each group's current coordinator (the controller's leader of its partition) is read: a
 * partitioned-off broker may still hold an older copy. Call check() after every event; it
 * returns readable violations (empty when all is well).
 */
import type { GroupCoordinator } from './group-coordinator';

export class CommittedOffsetsMonotonic {
  private readonly last = new Map<string, number>();

  check(groups: GroupCoordinator): string[] {
    const violations: string[] = [];
    const seen = new Set<string>();
    for (const { brokerId, group } of groups.currentGroups()) {
      for (const o of group.offsets.values()) {
        const key = `${group.groupId} ${o.topic}-${o.partition}`;
        seen.add(key);
        const previous = this.last.get(key);
        if (previous !== undefined && o.offset < previous && o.commitGenerationId >= 0 && !this.resetting.delete(key)) {
          violations.push(`committed offset of group ${group.groupId} on ${o.topic}-${o.partition} went back from ${previous} to ${o.offset} (coordinator ${brokerId}, generation ${o.commitGenerationId})`);
        }
        this.last.set(key, o.offset);
      }
    }
    // Offsets no coordinator holds were deleted (a reset) or are between coordinators (failover):
    // keep the last value so a reload that loses a commit is still caught, except after deletion.
    for (const key of [...this.last.keys()]) if (!seen.has(key) && this.deleted(groups, key)) this.last.delete(key);
    return violations;
  }

  /**
   * An application's consumer.seek() (a scenario's `seek` step) followed by a commit is a reset
   * too, one the coordinator cannot tell from a regression: the next move backwards of each of the
   * group's committed offsets on `topic` is accepted.
   */
  acceptReset(groupId: string, topic: string): void {
    for (const key of this.last.keys()) if (key.startsWith(`${groupId} ${topic}-`)) this.resetting.add(key);
  }

  /** Keys whose next move backwards is an accepted reset (acceptReset). */
  private readonly resetting = new Set<string>();

  private deleted(groups: GroupCoordinator, key: string): boolean {
    const groupId = key.slice(0, key.indexOf(' '));
    for (const { group } of groups.currentGroups()) if (group.groupId === groupId) return true;
    return false;
  }
}
