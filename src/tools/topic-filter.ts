/**
 * Kafka's TopicFilter.IncludeList (used by TopicCommand and ConsumerGroupCommand): the `--topic`
 * value is a Java regular expression (`,` meaning `|`) that must match the whole topic name.
 */
export function topicMatcher(include: string | undefined): (topic: string) => boolean {
  if (include === undefined) return () => true;
  const source = include.trim().replace(/,/g, '|').replace(/^["']|["']$/g, '');
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${source})$`);
  } catch {
    return (topic) => topic === include;
  }
  return (topic) => pattern.test(topic);
}

/** Kafka's Topic.isInternal: the topics the cluster keeps for itself. */
export const isInternalTopic = (topic: string): boolean => topic === '__consumer_offsets' || topic === '__transaction_state' || topic === '__share_group_state';
