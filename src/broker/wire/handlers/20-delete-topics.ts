// DeleteTopics (key 20), versions 0-6: deletes topics by name (v0-5 topicNames; v6 topics by name or id, KIP-516).
// Errors per topic: UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_TOPIC_ID, INVALID_TOPIC_EXCEPTION (internal topics).
import { deleteTopics, ZERO_UUID } from '../../protocol';
import { requestAuthorizer } from './authorize';
import { defineHandler } from '../handler';
import { code } from './common';

export const deleteTopicsHandler = defineHandler(deleteTopics, {
  advertised: { min: 0, max: 6 },
  handle(request, context) {
    const { cluster } = context.services;
    const asked = context.apiVersion >= 6 ? request.topics : request.topicNames.map((name) => ({ name, topicId: ZERO_UUID }));
    const idsKnown = new Map(cluster.metadata(context.brokerId, null, false).topics.map((t) => [t.topicId, t.name]));
    const idOf = new Map([...idsKnown].map(([id, name]) => [name, id]));
    const resolved = asked.map((t) => ({ asked: t, name: t.name ?? idsKnown.get(t.topicId) ?? null }));
    // Issue 16: DELETE on each topic (KafkaApis.handleDeleteTopicsRequest).
    const authz = requestAuthorizer(context, 'DeleteTopics');
    const denied = new Set(authz.enabled ? resolved.filter((r) => r.name !== null && !authz.topic('DELETE', r.name)).map((r) => r.name!) : []);
    const results = cluster.deleteTopics(context.brokerId, resolved.filter((r) => r.name !== null && !denied.has(r.name)).map((r) => r.name!));
    context.services.kick();
    const byName = new Map(results.map((r) => [r.name, r]));
    return {
      throttleTimeMs: 0,
      responses: resolved.map(({ asked: t, name }) => {
        if (name === null) return { name: null, topicId: t.topicId, errorCode: code('UNKNOWN_TOPIC_ID'), errorMessage: `no topic with id ${t.topicId}` };
        if (denied.has(name)) return { name, topicId: t.topicId, errorCode: code('TOPIC_AUTHORIZATION_FAILED'), errorMessage: 'Topic authorization failed.' };
        const r = byName.get(name);
        return {
          name,
          topicId: t.topicId !== ZERO_UUID ? t.topicId : (idOf.get(name) ?? ZERO_UUID),
          errorCode: r ? code(r.errorName) : code('UNKNOWN_TOPIC_OR_PARTITION'),
          errorMessage: r?.errorMessage ?? null,
        };
      }),
    };
  },
});
