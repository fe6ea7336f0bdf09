/**
 * Kafka's rules for topic names (org.apache.kafka.common.internals.Topic and the controller's
 * ReplicationControlManager), shared by the model (CreateTopics, auto-creation, commands) and the
 * UI's inline checks, so both say the same thing in Kafka's words.
 */

/** Kafka's Topic.validate: legal characters, length ≤ 249, not '.' or '..'. */
export function validateTopicName(name: string): string | null {
  if (name.length === 0) return 'Topic name is illegal, it can\'t be empty';
  if (name === '.' || name === '..') return 'Topic name cannot be "." or ".."';
  if (name.length > 249) return `Topic name is illegal, it can't be longer than 249 characters, topic name: ${name}`;
  if (!/^[a-zA-Z0-9._-]+$/.test(name)) return `Topic name "${name}" is illegal, it contains a character other than ASCII alphanumerics, '.', '_' and '-'`;
  return null;
}

/** Kafka's Topic.INTERNAL_TOPICS: created by the group and transaction coordinators, never by users. */
export const INTERNAL_TOPIC_NAMES: ReadonlySet<string> = new Set(['__consumer_offsets', '__transaction_state']);

/** KRaft's metadata log; Kafka's ControllerApis refuses CreateTopics for it (INVALID_REQUEST). */
const CLUSTER_METADATA_TOPIC = '__cluster_metadata';

/**
 * Kafka's Topic.hasCollision: '.' and '_' collide in metric names, so a name that equals another
 * once every '.' becomes '_' is refused (ReplicationControlManager.validateNewTopicNames, answered
 * INVALID_TOPIC_EXCEPTION "Topic 'a_b' collides with existing topic: a.b"). Returns the existing
 * colliding topic, or null.
 */
export function collidingTopic(name: string, existing: Iterable<string>): string | null {
  if (!name.includes('.') && !name.includes('_')) return null;
  const unified = name.replace(/\./g, '_');
  for (const other of existing) if (other !== name && other.replace(/\./g, '_') === unified) return other;
  return null;
}

/**
 * Users may neither create nor delete the internal topics. Kafka's ControllerApis refuses creating
 * __cluster_metadata with INVALID_REQUEST "Creation of internal topic __cluster_metadata is
 * prohibited."; an existing __consumer_offsets is TOPIC_ALREADY_EXISTS like any topic. Kafka would
 * let a client create a missing __consumer_offsets (with the client's partition count, which then
 * breaks the group coordinator's offsets.topic.num.partitions); the lab refuses that with
 * INVALID_REQUEST, as it refuses deleting an internal topic with the answer of Kafka's own
 * kafka-topics tool (TopicCommand: "Topic __consumer_offsets is a kafka internal topic and is not
 * allowed to be marked for deletion."), so every client meets the rule, not only that tool.
 */
export function internalTopicCreationError(name: string): string | null {
  if (name === CLUSTER_METADATA_TOPIC) return `Creation of internal topic ${CLUSTER_METADATA_TOPIC} is prohibited.`;
  if (INTERNAL_TOPIC_NAMES.has(name)) return `Topic '${name}' is an internal topic: the ${name === '__consumer_offsets' ? 'group' : 'transaction'} coordinator creates it, users cannot.`;
  return null;
}
