/**
 * Labels of the app's controls that the explainers' "what to try" steps may name. The test
 * (content.test.ts) checks every step names only these, and that each label still appears in
 * the renderer's source, so a renamed button breaks the test instead of the lesson.
 */
export const KNOWN_CONTROL_LABELS = [
  // tabs
  'Cluster', 'Topics', 'Messages', 'Produce', 'Consume', 'Consumer groups', 'Clients', 'Broker configs',
  // session strip and top bar
  'Scenarios…', 'New cluster…', 'Pause', 'Resume', 'Step 100 ms', 'Concepts',
  // brokers (overview cards, partition panel)
  'Stop', 'Kill', 'Power loss', 'Start', 'Isolate', 'Heal',
  // topics and the topic page
  'Create topic', 'Name', 'Partitions', 'Replication factor', 'min.insync.replicas', 'retention.ms', 'cleanup.policy', 'Create',
  'Elect preferred leaders', 'Elect unclean leader', 'Reassign', 'Apply', 'Cut link', 'Restore link', 'Save',
  // produce, load generator
  'Key', 'Value', 'acks', 'Delivery', 'Partition', 'Start generator',
  // consume, groups, messages
  'Start consumer', 'group.id', 'Start at', 'Isolation', 'Preview', 'Reset', 'Scan', 'Live tail',
] as const;

export type ControlLabel = (typeof KNOWN_CONTROL_LABELS)[number];
