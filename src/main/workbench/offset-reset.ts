/**
 * Offset reset for a consumer group, as kafka-consumer-groups.sh --reset-offsets does it: a
 * preview (current committed offset → new offset per partition, within [logStartOffset,
 * highWatermark]) and an apply through kafkajs admin.setOffsets. Kafka only lets an Empty (or
 * Dead) group's offsets be reset: members would overwrite them with their next commit, and the
 * broker answers UNKNOWN_MEMBER_ID / REBALANCE_IN_PROGRESS to a commit from outside the
 * generation. We refuse first, with the reason; kafkajs refuses too.
 */
import type { Admin } from 'kafkajs';
import type { OffsetResetRequest, OffsetResetResult, OffsetResetRow, OffsetResetTarget } from '../../shared/workbench-contract';
import { kafkaErrorName } from './error-explainer';

/** States in which Kafka accepts an offset reset for the group. */
const resettableStates = new Set(['Empty', 'Dead']);

/** The new offset for one partition; `atTimestamp` is ListOffsets' answer (−1: no record that late). */
export function targetOffset(target: OffsetResetTarget, low: number, high: number, atTimestamp: number | undefined): number {
  switch (target.kind) {
    case 'earliest': return low;
    case 'latest': return high;
    case 'offset': return Math.min(Math.max(Math.floor(target.offset), low), high);
    case 'timestamp': return atTimestamp === undefined || atTimestamp < 0 ? high : Math.min(Math.max(atTimestamp, low), high);
  }
}

export function refusalReason(groupId: string, state: string, members: number): string {
  return `Group ${groupId} is ${state} with ${members} member${members === 1 ? '' : 's'}: Kafka resets offsets only while a group is Empty, because running members would overwrite them with their next commit. Stop its consumers (or wait for session.timeout.ms after they die), then apply.`;
}

export async function offsetReset(admin: Admin, request: OffsetResetRequest, apply: boolean): Promise<OffsetResetResult> {
  let groupState: string | null = null;
  let rows: OffsetResetRow[] = [];
  try {
    const { groups } = await admin.describeGroups([request.groupId]);
    const group = groups[0];
    groupState = group?.state ?? 'Dead';
    const bounds = await admin.fetchTopicOffsets(request.topic);
    const wanted = request.partitions && request.partitions.length > 0 ? new Set(request.partitions) : null;
    const committed = await admin.fetchOffsets({ groupId: request.groupId, topics: [request.topic] });
    const current = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    const byTimestamp = request.target.kind === 'timestamp'
      ? new Map((await admin.fetchTopicOffsetsByTimestamp(request.topic, request.target.timestampMs)).map((o) => [o.partition, Number(o.offset)]))
      : null;
    rows = bounds
      .filter((b) => !wanted || wanted.has(b.partition))
      .map((b) => {
        const low = Number(b.low);
        const high = Number(b.high);
        return { partition: b.partition, currentOffset: current.get(b.partition) ?? -1, newOffset: targetOffset(request.target, low, high, byTimestamp?.get(b.partition)), logStartOffset: low, highWatermark: high };
      })
      .sort((a, b) => a.partition - b.partition);
    if (!resettableStates.has(groupState)) {
      const reason = refusalReason(request.groupId, groupState, group?.members.length ?? 0);
      return apply ? { ok: false, errorName: 'NON_EMPTY_GROUP', message: reason, groupState, rows } : { ok: true, applied: false, groupState, rows };
    }
    if (!apply) return { ok: true, applied: false, groupState, rows };
    if (rows.length === 0) return { ok: false, errorName: 'UNKNOWN_TOPIC_OR_PARTITION', message: `No partition of ${request.topic} matches.`, groupState, rows };
    await admin.setOffsets({ groupId: request.groupId, topic: request.topic, partitions: rows.map((r) => ({ partition: r.partition, offset: String(r.newOffset) })) });
    return { ok: true, applied: true, groupState, rows };
  } catch (error) {
    const { errorName, message } = kafkaErrorName(error);
    // kafkajs's own refusal ("must have no running instances") carries no Kafka error name.
    const refused = /no running instances/.test(message);
    return { ok: false, errorName: refused ? 'NON_EMPTY_GROUP' : errorName, message: refused ? refusalReason(request.groupId, groupState ?? 'active', 0) : message, groupState, rows };
  }
}
