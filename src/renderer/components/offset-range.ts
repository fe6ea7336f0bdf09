/**
 * Offset ranges as Kafka's code means them: half-open [from, to) — `from` included, `to` (the
 * next offset, like a logEndOffset) excluded. "offsets 3–6" for three records reads as four, so
 * every range is written with its bracket and its record count.
 */

/** "offsets [3, 6): 3 records"; when only some offsets of the span count, "2 records in offsets [3, 7)". */
export function offsetRangeText(fromOffset: number, toOffset: number, count = toOffset - fromOffset): string {
  const records = `${count} record${count === 1 ? '' : 's'}`;
  const range = `[${fromOffset}, ${toOffset})`;
  return count === toOffset - fromOffset ? `offsets ${range}: ${records}` : `${records} in offsets ${range}`;
}

/** The `reason` of a records-lost event in words. */
export function recordsLostReason(reason: string): string {
  switch (reason) {
    case 'unclean-election': return 'unclean leader election: the new leader never had them';
    case 'not-replicated-before-leader-change': return 'acknowledged with acks=0/1 but not replicated before the leader changed';
    case 'divergent-records-truncated': return 'truncated from a replica whose log diverged from the new leader\'s';
    case 'power-loss': return 'power loss: acknowledged but never fsynced, and no other replica had them';
    default: return reason;
  }
}
