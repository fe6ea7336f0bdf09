// DescribeProducers (key 61), version 0: the idempotent and transactional producers the partition leader tracks, with epoch, last sequence and timestamp, coordinator epoch and open-transaction start offset (KIP-664).
// Errors per partition: NOT_LEADER_OR_FOLLOWER (ask the leader), UNKNOWN_TOPIC_OR_PARTITION.
import { describeProducers } from '../../protocol';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinators, NO_COORDINATOR } from './group-common';

export const describeProducersHandler = defineHandler(describeProducers, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    const c = coordinators(context);
    return {
      throttleTimeMs: 0,
      topics: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitionIndexes.map((partitionIndex) => {
          const r = c === null ? { errorName: NO_COORDINATOR, producers: [] } : c.activeProducers(context.brokerId, t.name, partitionIndex);
          return { partitionIndex, errorCode: code(r.errorName), errorMessage: null, activeProducers: r.producers };
        }),
      })),
    };
  },
});
