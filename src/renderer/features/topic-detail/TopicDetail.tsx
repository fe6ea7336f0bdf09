/** One topic: its numbers, throughput, the partition × broker grid, the selected partition and configs. */
import { useApp, useReadOnly } from '../../store/store-context';
import { CommandButton } from '../../components/CommandButton';
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
  if (!topic || !brokers) return <p className="empty">Topic {name} does not exist (any more). <button type="button" className="link" onClick={() => showView('topics')}>All topics</button></p>;
  const records = topic.partitions.reduce((sum, p) => sum + Math.max(0, p.highWatermark - p.logStartOffset), 0);
  const partition = selectedPartition === null ? null : topic.partitions.find((p) => p.partition === selectedPartition) ?? null;
  return (
    <div className="topic-detail" data-testid="topic-detail">
      <header className="topic-header">
        <h1>{topic.name}</h1>
        <span className="hint" title="topicId">{topic.topicId}</span>
        <span>{topic.partitions.length} partition{topic.partitions.length === 1 ? '' : 's'} · replication factor {topic.replicationFactor} · <span data-testid="topic-records">{formatInteger(records)}</span> records · {formatBytes(topic.sizeBytes)}</span>
        {!readOnly && (
          <span className="topic-actions">
            <CommandButton command={{ type: 'elect-preferred-leader', topic: topic.name }} label="Elect preferred leaders" title="For every partition whose first replica is in sync but not leading" />
            <DeleteTopicButton topic={topic.name} onDeleted={() => showView('topics')} />
          </span>
        )}
      </header>
      <PartitionGrid topic={topic} brokers={brokers} />
      {partition && <PartitionPanel topic={topic.name} partition={partition} brokers={brokers} />}
      <ThroughputChart topic={topic.name} />
      <ConfigEditor topic={topic.name} configs={topic.configs} />
    </div>
  );
}
