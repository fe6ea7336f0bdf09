/** One topic: its numbers, throughput, the partition × broker grid, the selected partition and configs. */
import { memo, useCallback } from 'react';
import { useApp, useReadOnly } from '../../store/store-context';
import { CommandButton } from '../../components/CommandButton';
import { FixedText } from '../../components/FixedText';
import { formatBytes, formatInteger } from '../../components/format';
import { DeleteTopicButton } from '../topics/DeleteTopicButton';
import { topicByName, topicRowByName } from '../topics/topic-rows';
import { ConfigEditor } from './ConfigEditor';
import { PartitionGrid } from './PartitionGrid';
import { PartitionPanel } from './PartitionPanel';
import { RetentionHint } from './RetentionHint';
import { INTERNAL_TOPIC_NAMES } from '../../../shared/topic-names';
import { ThroughputChart } from './ThroughputChart';
import { ExplainButton } from '../explainers/ExplainButton';

/**
 * The page subscribes only to what shapes it (the topic's id, partition count, replication factor,
 * configs, the brokers): a snapshot that only moves offsets re-renders the boxes that show them —
 * the header's numbers, the changed partition rows, the selected partition, the throughput number —
 * each subscribed to its own piece of the snapshot.
 */
export function TopicDetail() {
  const name = useApp((s) => s.selectedTopic);
  const topicId = useApp((s) => topicByName(s.snapshot, s.selectedTopic)?.topicId ?? null);
  const partitionCount = useApp((s) => topicByName(s.snapshot, s.selectedTopic)?.partitions.length ?? 0);
  const replicationFactor = useApp((s) => topicByName(s.snapshot, s.selectedTopic)?.replicationFactor ?? 0);
  const configs = useApp((s) => topicByName(s.snapshot, s.selectedTopic)?.configs ?? null);
  const brokers = useApp((s) => s.snapshot?.brokers);
  const selectedPartition = useApp((s) => s.selectedPartition);
  const showView = useApp((s) => s.showView);
  const readOnly = useReadOnly();
  const pastMode = useApp((s) => s.timeTravel.mode === 'past');
  const onDeleted = useCallback(() => showView('topics'), [showView]);
  if (name === null || topicId === null || !configs || !brokers) return <p className="empty" data-testid="topic-missing">{pastMode ? `Topic ${name} did not exist at the moment shown (it was created later, or deleted before).` : `Topic ${name} does not exist (any more).`} <button type="button" className="link" onClick={() => showView('topics')}>All topics</button></p>;
  return (
    <div className="topic-detail" data-testid="topic-detail">
      <TopicHeader name={name} topicId={topicId} partitions={partitionCount} replicationFactor={replicationFactor} readOnly={readOnly} onDeleted={onDeleted} />
      <PartitionGrid topic={name} partitionCount={partitionCount} brokers={brokers} />
      {selectedPartition !== null && <SelectedPartition topic={name} partition={selectedPartition} brokers={brokers} />}
      <ThroughputChart topic={name} />
      <RetentionHint topic={name} />
      <ConfigEditor topic={name} configs={configs} />
    </div>
  );
}

/** The selected partition's panel, following that one partition's view. */
function SelectedPartition({ topic, partition, brokers }: { topic: string; partition: number; brokers: Parameters<typeof PartitionPanel>[0]['brokers'] }) {
  const view = useApp((s) => topicByName(s.snapshot, topic)?.partitions.find((p) => p.partition === partition) ?? null);
  return view ? <PartitionPanel topic={topic} partition={view} brokers={brokers} /> : null;
}

interface TopicHeaderProps {
  name: string;
  topicId: string;
  partitions: number;
  replicationFactor: number;
  readOnly: boolean;
  onDeleted(): void;
}

/**
 * The header: its record count and size follow the snapshots on their own (TopicNumbers), in
 * fixed-size `contain: strict` boxes, so a new record count lays out one box rather than the page.
 */
const TopicHeader = memo(function TopicHeader({ name, topicId, partitions, replicationFactor, readOnly, onDeleted }: TopicHeaderProps) {
  return (
    <header className="topic-header">
      <h1>{name}</h1>
      <span className="hint" title="topicId">{topicId}</span>
      <span>{partitions} partition{partitions === 1 ? '' : 's'} <ExplainButton concept="partition" /> · replication factor {replicationFactor} <ExplainButton concept="replication" label="What is the replication factor?" /> · <TopicNumbers topic={name} /></span>
      {!readOnly && (
        <span className="topic-actions">
          <CommandButton command={{ type: 'elect-preferred-leader', topic: name }} label="Elect preferred leaders" title="For every partition whose first replica is in sync but not leading" />
          <DeleteTopicButton topic={name} internal={INTERNAL_TOPIC_NAMES.has(name)} onDeleted={onDeleted} />
        </span>
      )}
    </header>
  );
});

/** Σ (highWatermark − logStartOffset) and the size, from the topic's row (cached per topic object). */
const TopicNumbers = memo(function TopicNumbers({ topic }: { topic: string }) {
  const records = useApp((s) => topicRowByName(s.snapshot, topic)?.records ?? 0);
  const sizeBytes = useApp((s) => topicRowByName(s.snapshot, topic)?.sizeBytes ?? 0);
  return <><FixedText ch={11} align="right" testId="topic-records">{formatInteger(records)}</FixedText> records · <FixedText ch={9}>{formatBytes(sizeBytes)}</FixedText></>;
});
