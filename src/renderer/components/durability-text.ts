/**
 * Issue 15: the words for the power-loss fault and the flushed offset, one source for every place
 * that offers the fault (overview cards, cluster map, partition panel) or shows the offset.
 */

/** Tooltip of every "Power loss" button: what it does, exactly. */
export const POWER_LOSS_TITLE =
  'Power loss: the broker crashes as with Kill, and the OS page cache goes with it. Each of its replicas loses every record above its flushed offset ' +
  '(what flush.messages / flush.ms, a segment roll or a clean stop had not fsynced; Kafka\'s defaults leave flushing to the OS). ' +
  'Records another replica holds come back when the broker restarts and catches up; records only this broker had are lost.';

/** Why the flushed offset matters, and why Kafka does not fsync by default. */
export const FLUSHED_OFFSET_EXPLANATION =
  'Flushed offset (Kafka\'s recovery point): records below it were fsynced to disk; those above it are in the OS page cache, which survives a process crash (Kill) ' +
  'but not a power loss. Kafka\'s defaults never fsync on their own (flush.messages and flush.ms are unset): Kafka relies on replication with acks=all instead — ' +
  'an acknowledged record is on every in-sync replica, so one broker losing power loses nothing acknowledged.';
