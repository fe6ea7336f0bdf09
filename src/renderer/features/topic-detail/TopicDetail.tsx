/** One topic: its numbers, throughput, the partition × broker grid, the selected partition and configs. */
import { memo, useCallback } from 'react';
import { useApp, useReadOnly } from '../../store/store-context';
import { CommandButton } from '../../components/CommandButton';
import { FixedText } from '../../components/FixedText';
import { formatBytes, formatInteger } from '../../components/format';
import { DeleteTopicButton } from '../topics/DeleteTopicButton';
import { ConfigEditor } from './ConfigEditor';
import { PartitionGrid } from './PartitionGrid';
import { PartitionPanel } from './PartitionPanel';
import { ThroughputChart } from './ThroughputChart';

export function TopicDetail() {
  const name = useApp((s) => s.selectedTopic);
  const topic = useApp((s) => s.snapshot?.topics.find((t) => t.name === s.selectedTopic) ?? null);
  const brokers = useApp((s) => s.snapshot?.brokers);
  const selectedPartition = useApp((s) => s.selectedPartition);
  const showView = useApp((s) => s.showView);
  const readOnly = useReadOnly();
  const onDeleted = useCallback(() => showView('topics'), [showView]);
  if (!topic || !brokers) return <p className="empty">Topic {name} does not exist (any more). <button type="button" className="link" onClick={() => showView('topics')}>All topics</button></p>;
  const records = topic.partitions.reduce((sum, p) => sum + Math.max(0, p.highWatermark - p.logStartOffset), 0);
  const partition = selectedPartition === null ? null : topic.partitions.find((p) => p.partition === selectedPartition) ?? null;
  return (
    <div className="topic-detail" data-testid="topic-detail">
      <TopicHeader name={topic.name} topicId={topic.topicId} partitions={topic.partitions.length} replicationFactor={topic.replicationFactor}
        records={records} sizeBytes={topic.sizeBytes} readOnly={readOnly} onDeleted={onDeleted} />
      <PartitionGrid topic={topic} brokers={brokers} />
      {partition && <PartitionPanel topic={topic.name} partition={partition} brokers={brokers} />}
      <ThroughputChart topic={topic.name} />
      <ConfigEditor topic={topic.name} configs={topic.configs} />
    </div>
  );
}

interface TopicHeaderProps {
  name: string;
  topicId: string;
  partitions: number;
  replicationFactor: number;
  records: number;
  sizeBytes: number;
  readOnly: boolean;
  onDeleted(): void;
}

/**
 * The header: re-rendered only when one of its numbers changes, and those sit in fixed-size
 * `contain: strict` boxes, so a new record count lays out one box rather than the page.
 */
const TopicHeader = memo(function TopicHeader({ name, topicId, partitions, replicationFactor, records, sizeBytes, readOnly, onDeleted }: TopicHeaderProps) {
  return (
    <header className="topic-header">
      <h1>{name}</h1>
      <span className="hint" title="topicId">{topicId}</span>
      <span>{partitions} partition{partitions === 1 ? '' : 's'} · replication factor {replicationFactor} · <FixedText ch={11} align="right" testId="topic-records">{formatInteger(records)}</FixedText> records · <FixedText ch={9}>{formatBytes(sizeBytes)}</FixedText></span>
      {!readOnly && (
        <span className="topic-actions">
          <CommandButton command={{ type: 'elect-preferred-leader', topic: name }} label="Elect preferred leaders" title="For every partition whose first replica is in sync but not leading" />
          <DeleteTopicButton topic={name} onDeleted={onDeleted} />
        </span>
      )}
    </header>
  );
});
