// ListPartitionReassignments (key 46), version 0: ongoing reassignments with replicas, adding and removing replicas (KIP-455); topics null = all.
// Partitions without a reassignment in progress are left out, as in Kafka.
import { listPartitionReassignments } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code, groupByTopic } from './common';

export const listPartitionReassignmentsHandler = defineHandler(listPartitionReassignments, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    // Issue 16: DESCRIBE on the cluster (KafkaApis.handleListPartitionReassignmentsRequest).
    const authz = requestAuthorizer(context, 'ListPartitionReassignments');
    if (!authz.cluster('DESCRIBE')) return { throttleTimeMs: 0, errorCode: code('CLUSTER_AUTHORIZATION_FAILED'), errorMessage: authz.clusterDeniedMessage(), topics: [] };
    const partitions = request.topics === null ? null : request.topics.flatMap((t) => t.partitionIndexes.map((partition) => ({ topic: t.name, partition })));
    const ongoing = context.services.cluster.listPartitionReassignments(context.brokerId, partitions);
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      topics: [...groupByTopic(ongoing)].map(([name, rs]) => ({
        name,
        partitions: rs.map((r) => ({ partitionIndex: r.partition, replicas: r.replicas, addingReplicas: r.addingReplicas, removingReplicas: r.removingReplicas })),
      })),
    };
  },
});
