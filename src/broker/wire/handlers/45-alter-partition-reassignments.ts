// AlterPartitionReassignments (key 45), version 0: starts (replicas) or cancels (replicas null) partition reassignments through the controller (KIP-455).
// Per partition: INVALID_REPLICA_ASSIGNMENT, NO_REASSIGNMENT_IN_PROGRESS, UNKNOWN_TOPIC_OR_PARTITION, INVALID_REPLICATION_FACTOR.
import { alterPartitionReassignments } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';

export const alterPartitionReassignmentsHandler = defineHandler(alterPartitionReassignments, {
  advertised: { min: 0, max: 0 },
  handle(request, context) {
    // Issue 16: ALTER on the cluster (KafkaApis.handleAlterPartitionReassignmentsRequest).
    const authz = requestAuthorizer(context, 'AlterPartitionReassignments');
    if (!authz.cluster('ALTER')) return { throttleTimeMs: 0, errorCode: code('CLUSTER_AUTHORIZATION_FAILED'), errorMessage: authz.clusterDeniedMessage(), responses: [] };
    const asked = request.topics.flatMap((t) => t.partitions.map((p) => ({ topic: t.name, partition: p.partitionIndex, replicas: p.replicas })));
    const results = context.services.cluster.alterPartitionReassignments(context.brokerId, asked);
    context.services.kick();
    const key = (topic: string, partition: number): string => `${topic}\u0000${partition}`;
    const byKey = new Map(results.map((r) => [key(r.topic, r.partition), r]));
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      errorMessage: null,
      responses: request.topics.map((t) => ({
        name: t.name,
        partitions: t.partitions.map((p) => {
          const r = byKey.get(key(t.name, p.partitionIndex));
          return { partitionIndex: p.partitionIndex, errorCode: r ? code(r.errorName) : code('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: r?.errorMessage ?? null };
        }),
      })),
    };
  },
});
