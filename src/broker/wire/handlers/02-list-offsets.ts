// ListOffsets (key 2), versions 0-8: earliest (-2), latest (-1), max timestamp (-3, v7+) and by timestamp, answered by this broker as leader.
// v0 answers oldStyleOffsets (at most one offset); v1+ timestamp/offset; v4+ leaderEpoch and currentLeaderEpoch fencing (KIP-320).
import { listOffsets } from '../../protocol';
import type { ListOffsetsPartitionRequest } from '../../cluster/api';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';

export const listOffsetsHandler = defineHandler(listOffsets, {
  advertised: { min: 0, max: 8 },
  handle(request, context) {
    const v = context.apiVersion;
    const partitions: ListOffsetsPartitionRequest[] = [];
    // Issue 16: DESCRIBE on each topic (KafkaApis.handleListOffsetRequest); denied topics are answered here.
    const authz = requestAuthorizer(context, 'ListOffsets');
    const denied = new Set(authz.enabled ? request.topics.map((t) => t.name).filter((name) => !authz.topic('DESCRIBE', name)) : []);
    for (const t of request.topics) {
      if (denied.has(t.name)) continue;
      for (const p of t.partitions) {
        partitions.push({ topic: t.name, partition: p.partitionIndex, timestamp: p.timestamp, currentLeaderEpoch: p.currentLeaderEpoch });
      }
    }
    // MAX_TIMESTAMP (-3) exists from v7 (KIP-734); older requests cannot ask for it legitimately.
    const results = context.services.cluster.listOffsets(context.brokerId, request.isolationLevel === 1 ? 1 : 0, partitions);
    let i = 0;
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          if (denied.has(t.name)) return { partitionIndex: p.partitionIndex, errorCode: code('TOPIC_AUTHORIZATION_FAILED'), oldStyleOffsets: [], timestamp: -1, offset: -1, leaderEpoch: -1 };
          const r = results[i++]!;
          const errorCode = p.timestamp === -3 && v < 7 ? code('UNSUPPORTED_VERSION') : code(r.errorName);
          const found = errorCode === 0 && r.offset >= 0;
          return {
            partitionIndex: p.partitionIndex,
            errorCode,
            oldStyleOffsets: found && p.maxNumOffsets > 0 ? [r.offset] : [],
            timestamp: errorCode === 0 ? r.timestamp : -1,
            offset: errorCode === 0 ? r.offset : -1,
            leaderEpoch: errorCode === 0 ? r.leaderEpoch : -1,
          };
        }),
      })),
    };
  },
});
