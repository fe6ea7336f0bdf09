// Produce (key 0), versions advertised 0-11, served 3-11: v0-2 carry magic 0/1 message sets and the router closes them, as Kafka 4.0 does (KAFKA-18659).
// Appends at this broker as partition leader; acks=0 gets no response, acks=-1 answers once the in-sync replicas have the batch.
import { produce, type ProduceRequest, type ProduceResponse } from '../../protocol';
import type { ProduceRequest as ModelProduceRequest, ProduceResult } from '../../cluster/api';
import { defineHandler, NO_RESPONSE, type RequestContext } from '../handler';
import { code, completion, currentLeader, flowClient, nodeEndpoint, thenMap } from './common';
import { partitionKey } from '../../cluster/transactions/transaction-metadata';
import { requestAuthorizer } from './authorize';
import { throttleTimeMs } from './client-quotas';
import { mergeRejected, rejectedTransactionalPartitions, withoutRejected, type RejectedPartitions } from './transactional-produce';

export const produceHandler = defineHandler(produce, {
  advertised: { min: 0, max: 11 },
  servedMin: 3,
  keepsNoRequestBytes: true,
  handle(request, context) {
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
    // Issue 16: WRITE on the transactional id, then on each topic (KafkaApis.handleProduceRequest).
    const authz = requestAuthorizer(context, 'Produce');
    const transactionalDenied = request.transactionalId !== null && !authz.transactionalId('WRITE', request.transactionalId);
    if (transactionalDenied) {
      if (acks === 0) return NO_RESPONSE;
      return {
        responses: request.topicData.map((t) => ({ name: t.name, partitionResponses: t.partitionData.map((p) => ({ index: p.index, errorCode: code('TRANSACTIONAL_ID_AUTHORIZATION_FAILED'), baseOffset: -1 })) })),
        throttleTimeMs: 0,
      };
    }
    // Issue 4 (transactions): transactional batches only for partitions in the producer's ongoing transaction.
    const rejected = rejectedTransactionalPartitions(request, context);
    if (authz.enabled) {
      for (const t of request.topicData) {
        if (authz.topic('WRITE', t.name)) continue;
        for (const p of t.partitionData) rejected.set(partitionKey(t.name, p.index), 'TOPIC_AUTHORIZATION_FAILED');
      }
    }
    const result = submit(context, {
      acks,
      timeoutMs: request.timeoutMs,
      transactionalId: request.transactionalId,
      topics: withoutRejected(request.topicData.map((t) => ({
        topic: t.name,
        // Views of the socket read (or of a split frame's scratch): cluster.produce copies them into log memory before it returns.
        partitions: t.partitionData.map((p) => ({ partition: p.index, records: p.records })),
      })), rejected),
    });
    context.services.kick();
    // Issue 16: producer_byte_rate on the request's record bytes; the response says how long the channel is muted.
    let recordBytes = 0;
    for (const t of request.topicData) for (const p of t.partitionData) recordBytes += p.records?.length ?? 0;
    const throttle = throttleTimeMs(context, 'produce', recordBytes);
    if (acks === 0) return NO_RESPONSE;
    const response = answer(context, result, rejected.size === 0 ? null : request, rejected);
    return throttle === 0 ? response : thenMap(response, (r) => ({ ...r, throttleTimeMs: throttle }));
  },
});

// submit and answer are functions of their own so that the closures waiting for an acks=all
// completion hold only what the answer needs: a closure made in handle() would share handle()'s
// context and keep the request, with its views of the socket read, alive until the completion.

function submit(context: RequestContext, request: ModelProduceRequest): ProduceResult | Promise<ProduceResult> {
  return completion<ProduceResult>((done) => context.services.cluster.produce(context.brokerId, request, done, flowClient(context)));
}

/** The response; `mergeInto` is the request when some partitions were rejected before the model (mergeRejected). */
function answer(context: RequestContext, result: ProduceResult | Promise<ProduceResult>, mergeInto: ProduceRequest | null, rejected: RejectedPartitions): ProduceResponse | Promise<ProduceResponse> {
  return thenMap(result, (r) => toResponse(context, mergeInto === null ? r : mergeRejected(mergeInto, r, rejected)));
}

function toResponse(context: RequestContext, result: ProduceResult): ProduceResponse {
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
    nodeEndpoints: result.nodeEndpoints.map((e) => nodeEndpoint(e, context)),
  };
}
