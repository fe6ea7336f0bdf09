// OffsetForLeaderEpoch (key 23), versions 2-4 (librdkafka uses exactly v2, Java from v3): the end offset of a leader epoch, for truncation after failover (KIP-101/KIP-320).
// Answered by this broker as leader; currentLeaderEpoch fences stale clients with FENCED_LEADER_EPOCH / UNKNOWN_LEADER_EPOCH.
import { offsetForLeaderEpoch } from '../../protocol';
import type { OffsetForLeaderEpochPartitionRequest } from '../../cluster/api';
import { defineHandler } from '../handler';
import { code } from './common';

export const offsetForLeaderEpochHandler = defineHandler(offsetForLeaderEpoch, {
  advertised: { min: 2, max: 4 },
  handle(request, context) {
    const partitions: OffsetForLeaderEpochPartitionRequest[] = [];
    for (const t of request.topics) {
      for (const p of t.partitions) partitions.push({ topic: t.topic, partition: p.partition, currentLeaderEpoch: p.currentLeaderEpoch, leaderEpoch: p.leaderEpoch });
    }
    const results = context.services.cluster.offsetForLeaderEpoch(context.brokerId, partitions);
    let i = 0;
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        topic: t.topic,
        partitions: t.partitions.map((p) => {
          const r = results[i++]!;
          return { errorCode: code(r.errorName), partition: p.partition, leaderEpoch: r.leaderEpoch, endOffset: r.endOffset };
        }),
      })),
    };
  },
});
