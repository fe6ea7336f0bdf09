// CreatePartitions (key 37), versions 0-3: raises topics' partition counts (optionally with assignments), validateOnly supported.
// Echoes every requested topic (clients match results by name): INVALID_PARTITIONS, UNKNOWN_TOPIC_OR_PARTITION, INVALID_REPLICA_ASSIGNMENT; more than 10,000 new partitions in one request is POLICY_VIOLATION.
import { createPartitions } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { MAX_PARTITIONS_PER_REQUEST } from './19-create-topics';
import { code } from './common';

export const createPartitionsHandler = defineHandler(createPartitions, {
  advertised: { min: 0, max: 3 },
  handle(request, context) {
    // The controller's per-request bound on new partitions, as for CreateTopics (KAFKA-17870).
    const current = new Map(context.services.cluster.metadata(context.brokerId, null, false).topics.map((t) => [t.name, t.partitions.length]));
    const added = request.topics.reduce((sum, t) => sum + Math.max(0, t.count - (current.get(t.name) ?? 0)), 0);
    if (added > MAX_PARTITIONS_PER_REQUEST) {
      return {
        throttleTimeMs: 0,
        results: request.topics.map((t) => ({ name: t.name, errorCode: code('POLICY_VIOLATION'), errorMessage: 'Excessively large number of partitions per request.' })),
      };
    }
    // Issue 16: ALTER on each topic (KafkaApis.handleCreatePartitionsRequest).
    const authz = requestAuthorizer(context, 'CreatePartitions');
    const denied = new Set(authz.enabled ? request.topics.map((t) => t.name).filter((name) => !authz.topic('ALTER', name)) : []);
    const results = context.services.cluster.createPartitions(
      context.brokerId,
      request.topics.filter((t) => !denied.has(t.name)).map((t) => ({ name: t.name, count: t.count, assignments: t.assignments ? t.assignments.map((a) => a.brokerIds) : null })),
      request.validateOnly,
    );
    context.services.kick();
    const byName = new Map(results.map((r) => [r.name, r]));
    return {
      throttleTimeMs: 0,
      results: request.topics.map((t) => {
        if (denied.has(t.name)) return { name: t.name, errorCode: code('TOPIC_AUTHORIZATION_FAILED'), errorMessage: null };
        const r = byName.get(t.name);
        return { name: t.name, errorCode: r ? code(r.errorName) : code('UNKNOWN_TOPIC_OR_PARTITION'), errorMessage: r?.errorMessage ?? null };
      }),
    };
  },
});
