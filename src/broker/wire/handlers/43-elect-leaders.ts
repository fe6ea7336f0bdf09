// ElectLeaders (key 43), versions 0-2: preferred (0) or unclean (1, v1+) leader election through the controller; topicPartitions null = all partitions.
// Per partition: ELECTION_NOT_NEEDED, PREFERRED_LEADER_NOT_AVAILABLE, ELIGIBLE_LEADERS_NOT_AVAILABLE, UNKNOWN_TOPIC_OR_PARTITION.
import { electLeaders } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code, groupByTopic } from './common';

export const electLeadersHandler = defineHandler(electLeaders, {
  advertised: { min: 0, max: 2 },
  handle(request, context) {
    const electionType = context.apiVersion >= 1 ? request.electionType : 0;
    if (electionType !== 0 && electionType !== 1) {
      return { throttleTimeMs: 0, errorCode: code('INVALID_REQUEST'), replicaElectionResults: [] };
    }
    // Issue 16: ALTER on the cluster (ControllerApis.handleElectLeaders, authorizeClusterOperation):
    // CLUSTER_AUTHORIZATION_FAILED at the top and for each named partition, with the exception's
    // message (ElectLeadersRequest.getErrorResponse).
    const authz = requestAuthorizer(context, 'ElectLeaders');
    if (!authz.cluster('ALTER')) {
      const denied = { errorCode: code('CLUSTER_AUTHORIZATION_FAILED'), errorMessage: authz.clusterDeniedMessage() };
      return { throttleTimeMs: 0, errorCode: denied.errorCode, replicaElectionResults: (request.topicPartitions ?? []).map((t) => ({ topic: t.topic, partitionResult: t.partitions.map((partitionId) => ({ partitionId, ...denied })) })) };
    }
    const partitions = request.topicPartitions === null ? null : request.topicPartitions.flatMap((t) => t.partitions.map((partition) => ({ topic: t.topic, partition })));
    const results = context.services.cluster.electLeaders(context.brokerId, electionType, partitions);
    context.services.kick();
    return {
      throttleTimeMs: 0,
      errorCode: 0,
      replicaElectionResults: [...groupByTopic(results)].map(([topic, rs]) => ({
        topic,
        partitionResult: rs.map((r) => ({ partitionId: r.partition, errorCode: code(r.errorName), errorMessage: r.errorMessage })),
      })),
    };
  },
});
