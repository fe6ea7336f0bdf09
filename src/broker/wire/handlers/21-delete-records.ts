// DeleteRecords (key 21), versions 0-2: advances each partition's logStartOffset (offset -1 = the highWatermark), answered once the replicas have advanced or timeoutMs passes.
// Sent to the partition leader (kafkajs and the Java admin route by leader); other brokers answer NOT_LEADER_OR_FOLLOWER.
import { deleteRecords } from '../../protocol';
import type { DeleteRecordsPartitionResult } from '../../cluster/api';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code, completion, thenMap } from './common';

export const deleteRecordsHandler = defineHandler(deleteRecords, {
  advertised: { min: 0, max: 2 },
  handle(request, context) {
    // Issue 16: DELETE on each topic (KafkaApis.handleDeleteRecordsRequest).
    const authz = requestAuthorizer(context, 'DeleteRecords');
    const denied = new Set(authz.enabled ? request.topics.map((t) => t.name).filter((name) => !authz.topic('DELETE', name)) : []);
    const partitions = request.topics.filter((t) => !denied.has(t.name)).flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, offset: p.offset })));
    const results = completion<DeleteRecordsPartitionResult[]>((done) =>
      context.services.cluster.deleteRecords(context.brokerId, partitions, request.timeoutMs, done),
    );
    context.services.kick();
    return thenMap(results, (rs) => {
      const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
      const byKey = new Map(rs.map((r) => [key(r.topic, r.partition), r]));
      return {
        throttleTimeMs: 0,
        topics: request.topics.map((t) => ({
          name: t.name,
          partitions: t.partitions.map((p) => {
            if (denied.has(t.name)) return { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: code('TOPIC_AUTHORIZATION_FAILED') };
            const r = byKey.get(key(t.name, p.partitionIndex));
            return r
              ? { partitionIndex: p.partitionIndex, lowWatermark: r.lowWatermark, errorCode: code(r.errorName) }
              : { partitionIndex: p.partitionIndex, lowWatermark: -1, errorCode: code('UNKNOWN_TOPIC_OR_PARTITION') };
          }),
        })),
      };
    });
  },
});
