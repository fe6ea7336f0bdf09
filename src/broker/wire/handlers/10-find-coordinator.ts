// FindCoordinator (key 10), versions 0-5: the broker leading the group's __consumer_offsets partition (keyType 0) or the transactional id's __transaction_state partition (keyType 1).
// v0-3 answer one key; v4+ batch coordinatorKeys (KIP-699). The internal topic is created on first lookup; COORDINATOR_NOT_AVAILABLE until this broker's metadata names a live leader for the key's partition.
import { findCoordinator } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler, type RequestContext } from '../handler';
import { CONSUMER_OFFSETS_TOPIC, TRANSACTION_STATE_TOPIC } from '../../cluster/groups/config';
import type { FindCoordinatorResult } from '../../cluster/groups/find-coordinator';
import { code, onListener } from './common';
import { coordinatorRequest, coordinators, NO_COORDINATOR } from './group-common';

interface Answer { key: string; nodeId: number; host: string; port: number; errorCode: number; errorMessage: string | null }

export const findCoordinatorHandler = defineHandler(findCoordinator, {
  advertised: { min: 0, max: 5 },
  handle(request, context) {
    const keyType = context.apiVersion >= 1 ? request.keyType : 0;
    const keys = context.apiVersion >= 4 ? request.coordinatorKeys : [request.key];
    const answers = keys.map((key) => find(context, keyType, key));
    context.services.kick();
    if (context.apiVersion >= 4) return { throttleTimeMs: 0, coordinators: answers };
    const a = answers[0]!;
    return { throttleTimeMs: 0, errorCode: a.errorCode, errorMessage: a.errorMessage, nodeId: a.nodeId, host: a.host, port: a.port };
  },
});

function find(context: RequestContext, keyType: number, key: string): Answer {
  const fail = (errorName: string, errorMessage: string | null = null): Answer => ({ key, nodeId: -1, host: '', port: -1, errorCode: code(errorName), errorMessage });
  // Kafka: an unknown key type is INVALID_REQUEST ("Unknown coordinator type").
  if (keyType !== 0 && keyType !== 1) return fail('INVALID_REQUEST', `Unknown coordinator type ${keyType}`);
  // Issue 16: DESCRIBE on the group or transactional id (KafkaApis.handleFindCoordinatorRequest).
  const authz = requestAuthorizer(context, 'FindCoordinator');
  if (keyType === 0 && !authz.group('DESCRIBE', key)) return fail('GROUP_AUTHORIZATION_FAILED');
  if (keyType === 1 && !authz.transactionalId('DESCRIBE', key)) return fail('TRANSACTIONAL_ID_AUTHORIZATION_FAILED');
  const c = coordinators(context);
  if (c === null) return fail(NO_COORDINATOR);
  const topic = keyType === 0 ? CONSUMER_OFFSETS_TOPIC : TRANSACTION_STATE_TOPIC;
  // Only a lookup that creates the internal topic changes the model: that one is logged as an input.
  const creates = c.groups.core(context.brokerId).host.partitionCount(topic) === null;
  const found = creates
    ? (coordinatorRequest(context, c, { api: 'FindCoordinator', keyType, key }, (r) => r) as FindCoordinatorResult)
    : keyType === 0 ? c.groups.findCoordinator(0, key) : c.transactions.findCoordinator(key);
  if (found.errorName !== 'NONE') return fail(found.errorName);
  // Kafka answers from the receiving broker's metadata cache: the leader of the key's partition as
  // THIS broker knows it, COORDINATOR_NOT_AVAILABLE while it knows none (e.g. during a controller
  // failover), rather than a broker that has not yet learned it leads (and would say NOT_COORDINATOR).
  const partition = keyType === 0 ? c.groups.core(context.brokerId).partitionOf(key) : c.transactions.core(context.brokerId).partitionOf(key);
  const metadata = context.services.cluster.metadata(context.brokerId, [topic], false);
  const leaderId = metadata.topics[0]?.partitions.find((p) => p.partition === partition)?.leaderId ?? -1;
  const leader = metadata.brokers.find((b) => b.brokerId === leaderId);
  if (leader === undefined) return fail(NO_COORDINATOR);
  const endpoint = onListener(context, leader);
  return { key, nodeId: endpoint.brokerId, host: endpoint.host, port: endpoint.port, errorCode: 0, errorMessage: null };
}
