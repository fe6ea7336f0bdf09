/**
 * The retention hint of a topic: when each broker's next retention check runs and what it will
 * delete, in Kafka's rule (UnifiedLog.deleteOldSegments, src/broker/cluster/log/retention.ts):
 * at each check, every log.retention.check.interval.ms, segments go oldest first while their
 * newest record is older than retention.ms (or the log is over retention.bytes), only below the
 * highWatermark; the active segment too once its records are all replicated. So a segment goes
 * only when its newest record has expired: while a producer keeps writing, the active segment
 * always holds a fresh record, and records leave only once their segment rolled (segment.bytes or
 * segment.ms, checked when a record is appended).
 */
import type { BrokerConfigsView, BrokerView, ConfigEntryView } from '../../../shared';

/** "3m 12s", "7d", "1h 5m", "45s", "0s"; negative → "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  let s = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(s / 86_400); s -= d * 86_400;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean) as string[];
  return parts.length === 0 ? '0s' : parts.slice(0, 2).join(' ');
}

export interface RetentionCheckLine {
  brokerId: number;
  /** ms until the check, null when the broker is stopped or does not say. */
  inMs: number | null;
  intervalMs: number | null;
  text: string;
}

/** One line per broker hosting the topic: "broker 1: next retention check in 3m 12s (log.retention.check.interval.ms = 300000)". */
export function retentionCheckLines(brokers: BrokerView[], hostIds: ReadonlySet<number>, brokerConfigs: BrokerConfigsView[] | undefined, simTimeMs: number): RetentionCheckLine[] {
  return brokers.filter((b) => hostIds.has(b.brokerId)).map((b) => {
    const raw = brokerConfigs?.find((c) => c.brokerId === b.brokerId)?.configs.find((c) => c.name === 'log.retention.check.interval.ms')?.value;
    const intervalMs = raw === undefined || raw === null ? null : Number(raw);
    const interval = intervalMs === null ? '' : ` (log.retention.check.interval.ms = ${intervalMs}, every ${formatDuration(intervalMs)})`;
    if (b.nextRetentionCheckMs === undefined) return { brokerId: b.brokerId, inMs: null, intervalMs, text: `broker ${b.brokerId}: retention checks every ${interval || 'log.retention.check.interval.ms'}` };
    if (b.nextRetentionCheckMs === null) return { brokerId: b.brokerId, inMs: null, intervalMs, text: `broker ${b.brokerId}: stopped, no retention check until it starts${interval}` };
    const inMs = b.nextRetentionCheckMs - simTimeMs;
    return { brokerId: b.brokerId, inMs, intervalMs, text: `broker ${b.brokerId}: next retention check in ${formatDuration(inMs)}${interval}` };
  });
}

const value = (configs: ConfigEntryView[], name: string) => configs.find((c) => c.name === name)?.value ?? null;

function human(name: string, raw: string | null): string {
  if (raw === null) return `${name} = ?`;
  const n = Number(raw);
  if (name.endsWith('.ms') && Number.isFinite(n) && n >= 0 && n < 9e15) return `${name} = ${raw} (${formatDuration(n)})`;
  return `${name} = ${raw}`;
}

/** What the next checks will delete for this topic, with its own config values. */
export function retentionRule(configs: ConfigEntryView[]): string[] {
  const policy = value(configs, 'cleanup.policy') ?? 'delete';
  if (!policy.split(',').map((p) => p.trim()).includes('delete')) {
    return [`cleanup.policy = ${policy}: retention deletes nothing in this topic; the log cleaner compacts it instead.`];
  }
  const retentionMs = value(configs, 'retention.ms');
  const retentionBytes = value(configs, 'retention.bytes');
  const lines = [
    retentionMs === '-1'
      ? 'retention.ms = -1: no time limit.'
      : `Each check deletes whole segments, oldest first, whose newest record is older than ${human('retention.ms', retentionMs)} — only records below the highWatermark; the active (newest) segment too once all its records are replicated (Kafka rolls a new one first).`,
    retentionBytes === '-1' || retentionBytes === null ? 'retention.bytes = -1: no size limit.' : `It also deletes the oldest segments while a partition's log stays above retention.bytes = ${retentionBytes} without them.`,
    `A segment goes only when its newest record has expired: while a producer keeps writing, the active segment always holds a fresh record, so records leave only after their segment rolls at ${human('segment.bytes', value(configs, 'segment.bytes'))} or ${human('segment.ms', value(configs, 'segment.ms'))} (checked when a record is appended). For a quick demo, lower segment.ms together with retention.ms.`,
  ];
  return lines;
}
