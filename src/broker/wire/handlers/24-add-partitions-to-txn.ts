// AddPartitionsToTxn (key 24), versions 0-3: a transactional producer adds partitions to its transaction at the transaction coordinator, answered once __transaction_state is replicated.
// v4+ (batched, broker-to-broker, KIP-890) is not advertised. Errors per partition: PRODUCER_FENCED, INVALID_PRODUCER_ID_MAPPING, CONCURRENT_TRANSACTIONS, UNKNOWN_TOPIC_OR_PARTITION, OPERATION_NOT_ATTEMPTED.
import { addPartitionsToTxn, type AddPartitionsToTxnResponse } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR, producerFencedAs } from './group-common';

type PartitionResults = { name: string; partitions: { partitionIndex: number; errorName: string }[] }[];

export const addPartitionsToTxnHandler = defineHandler(addPartitionsToTxn, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    const topics = request.v3AndBelowTopics.map((t) => ({ name: t.name, partitions: t.partitions }));
    const toResponse = (results: PartitionResults): AddPartitionsToTxnResponse => ({
      throttleTimeMs: 0,
      resultsByTopicV3AndBelow: results.map((t) => ({
        name: t.name,
        resultsByPartition: t.partitions.map((p) => ({ partitionIndex: p.partitionIndex, partitionErrorCode: code(producerFencedAs(p.errorName, context.apiVersion, 2)) })),
      })),
    });
    // Issue 16: WRITE on the transactional id, then on each topic (KafkaApis.handleAddPartitionsToTxnRequest).
    const authz = requestAuthorizer(context, 'AddPartitionsToTxn');
    const txnDenied = !authz.transactionalId('WRITE', request.v3AndBelowTransactionalId);
    const deniedTopics = new Set(authz.enabled && !txnDenied ? topics.map((t) => t.name).filter((name) => !authz.topic('WRITE', name)) : []);
    if (txnDenied || deniedTopics.size > 0) {
      // Kafka answers the denied topics' partitions with the error and the rest OPERATION_NOT_ATTEMPTED.
      return toResponse(topics.map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, errorName: txnDenied ? 'TRANSACTIONAL_ID_AUTHORIZATION_FAILED' : deniedTopics.has(t.name) ? 'TOPIC_AUTHORIZATION_FAILED' : 'OPERATION_NOT_ATTEMPTED' })) })));
    }
    const c = coordinators(context);
    if (c === null) return toResponse(topics.map((t) => ({ name: t.name, partitions: t.partitions.map((partitionIndex) => ({ partitionIndex, errorName: NO_COORDINATOR })) })));
    const ref = { transactionalId: request.v3AndBelowTransactionalId, producerId: request.v3AndBelowProducerId, producerEpoch: request.v3AndBelowProducerEpoch };
    return coordinatorRequest(context, c, { api: 'AddPartitionsToTxn', brokerId: context.brokerId, ref, topics }, toResponse);
  },
});
