/**
 * Leader epoch cache: for each leader epoch, the first offset appended in it (Kafka's
 * LeaderEpochFileCache, KIP-101/KIP-279). Answers OffsetForLeaderEpoch and drives follower
 * truncation after a leader change.
 */
export interface EpochEntry {
  epoch: number;
  startOffset: number;
}

export const UNDEFINED_EPOCH = -1;
export const UNDEFINED_EPOCH_OFFSET = -1;

export class LeaderEpochCache {
  entries: EpochEntry[] = [];

  latestEpoch(): number {
    return this.entries.length ? this.entries[this.entries.length - 1]!.epoch : UNDEFINED_EPOCH;
  }

  /** Records that `epoch` starts at `startOffset`; ignores epochs not newer than the latest. */
  assign(epoch: number, startOffset: number): void {
    const latest = this.entries[this.entries.length - 1];
    if (latest && latest.epoch >= epoch) return;
    this.entries.push({ epoch, startOffset });
  }

  /**
   * Loads `leader-epoch-checkpoint` entries in file order, as the LeaderEpochFileCache constructor
   * assigns each one: an entry with a negative epoch or offset is skipped (Kafka throws
   * IllegalArgumentException), one not newer than the latest is ignored (isUpdateNeeded), and a
   * non-monotonic one first removes the entries it contradicts: those with an epoch ≥ its epoch or a
   * start offset ≥ its start offset (maybeTruncateNonMonotonicEntries). The caller validates the result against
   * the log with truncateFromEnd(logEndOffset) and truncateFromStart(logStartOffset), as LogLoader.load does.
   */
  loadCheckpoint(entries: readonly EpochEntry[]): void {
    for (const e of entries) {
      if (e.epoch < 0 || e.startOffset < 0) continue;
      const latest = this.entries[this.entries.length - 1];
      if (latest && latest.epoch === e.epoch && e.startOffset >= latest.startOffset) continue;
      while (this.entries.length) {
        const last = this.entries[this.entries.length - 1]!;
        if (last.epoch >= e.epoch || last.startOffset >= e.startOffset) this.entries.pop();
        else break;
      }
      this.entries.push({ epoch: e.epoch, startOffset: e.startOffset });
    }
  }

  /** First offset of an epoch, or -1. */
  startOffsetOf(epoch: number): number {
    return this.entries.find((e) => e.epoch === epoch)?.startOffset ?? UNDEFINED_EPOCH_OFFSET;
  }

  /**
   * LeaderEpochFileCache.endOffsetFor: the largest epoch ≤ requested and the offset where the
   * next larger epoch starts (logEndOffset for the latest epoch). (-1, -1) when requested is newer
   * than every entry or undefined; (requested, firstStart) when it is older than every entry.
   */
  endOffsetFor(requestedEpoch: number, logEndOffset: number): { epoch: number; endOffset: number } {
    if (requestedEpoch === UNDEFINED_EPOCH || this.entries.length === 0) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    if (requestedEpoch === this.latestEpoch()) return { epoch: requestedEpoch, endOffset: logEndOffset };
    const higherIndex = this.entries.findIndex((e) => e.epoch > requestedEpoch);
    if (higherIndex < 0) return { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET };
    const higher = this.entries[higherIndex]!;
    if (higherIndex === 0) return { epoch: requestedEpoch, endOffset: higher.startOffset };
    return { epoch: this.entries[higherIndex - 1]!.epoch, endOffset: higher.startOffset };
  }

  /** Drops entries starting at or after offset (log truncated to offset). */
  truncateFromEnd(offset: number): void {
    while (this.entries.length && this.entries[this.entries.length - 1]!.startOffset >= offset) this.entries.pop();
  }

  /** Log start moved: entries wholly before it collapse so the first one starts at the new logStartOffset. */
  truncateFromStart(logStartOffset: number): void {
    while (this.entries.length > 1 && this.entries[1]!.startOffset <= logStartOffset) this.entries.shift();
    const first = this.entries[0];
    if (first && first.startOffset < logStartOffset) first.startOffset = logStartOffset;
  }
}
