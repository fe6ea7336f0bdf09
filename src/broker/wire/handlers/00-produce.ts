// Produce (key 0), versions advertised 0-11, served 3-11: v0-2 carry magic 0/1 message sets and the router closes them, as Kafka 4.0 does (KAFKA-18659).
// Appends at this broker as partition leader; acks=0 gets no response, acks=-1 answers once the in-sync replicas have the batch.
import type { ProduceRequest as ModelProduceRequest, ProduceResult } from '../../cluster/api';
import { handOverRecords } from '../../cluster/log/stored-batch';
import type { ProduceRequest, ProduceResponse } from '../../protocol';
import { defineHandler, NO_RESPONSE } from '../handler';
import { code, completion, currentLeader, nodeEndpoint, thenMap } from './common';
import { mergeRejected, rejectedTransactionalPartitions, withoutRejected } from './transactional-produce';

export const produceHandler = defineHandler<ProduceRequest, ProduceResponse>({
  apiKey: 0,
  apiName: 'Produce',
  advertised: { min: 0, max: 11 },
  servedMin: 3,
  handle(request, context) {
    const { cluster } = context.services;
    const acks = request.acks;
    if (acks !== 0 && acks !== 1 && acks !== -1) {
      // Kafka answers INVALID_REQUIRED_ACKS for every partition (ReplicaManager.appendRecords).
      return {
        responses: request.topicData.map((t) => ({
          name: t.name,
          partitionResponses: t.partitionData.map((p) => ({ index: p.index, errorCode: code('INVALID_REQUIRED_ACKS'), baseOffset: -1 })),
        })),
        throttleTimeMs: 0,
      };
    }
    // Issue 4 (transactions): transactional batches only for partitions in the producer's ongoing transaction.
    const rejected = rejectedTransactionalPartitions(request, context);
    const modelRequest: ModelProduceRequest = {
      acks,
      timeoutMs: request.timeoutMs,
      transactionalId: request.transactionalId,
      topics: withoutRejected(request.topicData.map((t) => ({
        topic: t.name,
        // The frame was read for this request alone: the log may store its batch bytes in place.
        partitions: t.partitionData.map((p) => ({ partition: p.index, records: handOverRecords(p.records) })),
      })), rejected),
    };
    const result = completion<ProduceResult>((done) => cluster.produce(context.brokerId, modelRequest, done));
    context.services.kick();
    if (acks === 0) return NO_RESPONSE;
    return thenMap(result, (r) => toResponse(mergeRejected(request, r, rejected)));
  },
});

function toResponse(result: ProduceResult): ProduceResponse {
  return {
    responses: result.topics.map((t) => ({
      name: t.topic,
      partitionResponses: t.partitions.map((p) => ({
        index: p.partition,
        errorCode: code(p.errorName),
        baseOffset: p.baseOffset,
        logAppendTimeMs: p.logAppendTimeMs,
        logStartOffset: p.logStartOffset,
        recordErrors: p.recordErrors.map((e) => ({ batchIndex: e.batchIndex, batchIndexErrorMessage: e.message })),
        errorMessage: p.errorMessage,
        currentLeader: currentLeader(p.currentLeader),
      })),
    })),
    throttleTimeMs: 0,
    nodeEndpoints: result.nodeEndpoints.map(nodeEndpoint),
  };
}
