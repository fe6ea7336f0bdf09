/**
 * The partition × broker grid: one virtualised row per partition, one column per broker, a
 * replica chip where the broker holds a replica. Click a chip to act on that replica.
 */
import { memo, useMemo, useRef, type CSSProperties } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { BrokerView, TopicView } from '../../../shared';
import { useApp } from '../../store/store-context';
import { ShowInBrowserLink, useProducedRecord } from '../messages/produced-record';
import { topicByName } from '../topics/topic-rows';
import { PartitionLogBars } from './PartitionLogBars';
import { ReplicaChip } from './ReplicaChip';
import { replicaStates } from './replica-state';
import { ExplainButton } from '../explainers/ExplainButton';

const rowHeight = 34;

export function PartitionGrid({ topic, partitionCount, brokers }: { topic: string; partitionCount: number; brokers: BrokerView[] }) {
  const selectedPartition = useApp((s) => s.selectedPartition);
  const selectedBrokerId = useApp((s) => s.selectedBrokerId);
  const selectPartition = useApp((s) => s.selectPartition);
  // The bars' common scale, rounded up to a scale step, as a CSS variable the rows' bars
  // compute their positions from: a new scale restyles the bars without re-rendering any row.
  const scaleEnd = useApp((s) => scaleEndOf(topicByName(s.snapshot, topic)));
  // Rows subscribe to their own partition (snapshot patches keep the identity of unchanged
  // partitions), so a snapshot re-renders only the visible rows whose partition changed; the grid
  // re-renders when the partition count, the scale or a broker's state changes.
  const brokerKey = brokers.map((b) => `${b.brokerId}:${b.state}`).join(',');
  const stableBrokers = useMemo(() => brokers, [brokerKey]); // brokerKey, not brokers: on purpose
  const columns = `90px 96px 90px repeat(${brokers.length}, minmax(48px, 64px)) minmax(90px, 120px) minmax(120px, 140px) minmax(160px, 1fr)`;
  return (
    <section className="panel partition-grid" data-testid="partition-grid">
      <h2>Partitions × brokers <ExplainButton concept="partition" /> <ExplainButton concept="replication" /></h2>
      <p className="hint legend">
        <span className="chip-replica replica-leader">1</span> leader
        <span className="chip-replica replica-in-sync">2</span> in-sync follower
        <span className="chip-replica replica-out-of-sync">3</span> out of sync
        <span className="chip-replica replica-offline">4</span> offline · hover a chip for its leaderEpoch and offsets, click it to act
      </p>
      <div className="data-table" role="table" aria-label="Partitions">
        <div className="data-row data-head" role="row" style={{ gridTemplateColumns: columns }}>
          <div role="columnheader">Partition</div>
          <div role="columnheader">Leader <ExplainButton concept="leader-election" label="What is a partition leader, and how is it elected?" /></div>
          <div role="columnheader"><span title="leaderEpoch: raised on every leader election">Epoch</span> <ExplainButton concept="leader-election" label="What is the leaderEpoch?" /></div>
          {brokers.map((b) => (
            <div key={b.brokerId} role="columnheader" className={`broker-col broker-col-${b.state}`} title={`broker ${b.brokerId}: ${b.state}`}>B{b.brokerId}</div>
          ))}
          <div role="columnheader" data-testid="isr-column-header"><span title="inSyncReplicas">ISR</span> <ExplainButton concept="isr" /></div>
          <div role="columnheader">highWatermark <ExplainButton concept="high-watermark" /></div>
          <div role="columnheader"><span title="Each replica's log from logStartOffset to logEndOffset">Replica logs</span> <ExplainButton concept="high-watermark" label="What are logEndOffset and the high watermark?" /></div>
        </div>
        <PartitionRows topic={topic} partitionCount={partitionCount} brokers={stableBrokers} columns={columns} scaleEnd={scaleEnd}
          selectedPartition={selectedPartition} selectedBrokerId={selectedBrokerId} onSelect={selectPartition} />
      </div>
    </section>
  );
}

interface PartitionRowsProps {
  topic: string;
  partitionCount: number;
  brokers: BrokerView[];
  columns: string;
  scaleEnd: number;
  selectedPartition: number | null;
  selectedBrokerId: number | null;
  onSelect: PartitionRowProps['onSelect'];
}

/**
 * The scrolling body: only the visible partitions exist (@tanstack/react-virtual). A scroll
 * re-renders this component alone, not the headers and their explainers around it.
 */
const PartitionRows = memo(function PartitionRows({ topic, partitionCount, brokers, columns, scaleEnd, selectedPartition, selectedBrokerId, onSelect }: PartitionRowsProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: partitionCount, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: 4, useFlushSync: false });
  return (
    <div className="data-body grid-body" ref={scrollRef} data-testid="partition-scroll">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative', [logScaleVar]: String(scaleEnd) } as CSSProperties}>
        {virtualizer.getVirtualItems().map((v) => {
          const selected = v.index === selectedPartition;
          return (
            <PartitionRow key={v.index} topic={topic} index={v.index} brokers={brokers} columns={columns} top={v.start}
              selected={selected} selectedBrokerId={selected ? selectedBrokerId : null} onSelect={onSelect} />
          );
        })}
      </div>
    </div>
  );
});

/** The CSS variable with the grid's common bar scale (an offset), read by PartitionLogBars. */
export const logScaleVar = '--log-scale-end';

const scaleEnds = new WeakMap<TopicView, number>();

/** The grid's bar scale for a topic: its largest logEndOffset, rounded (cached per topic object). */
function scaleEndOf(topic: TopicView | null): number {
  if (!topic) return 1;
  let end = scaleEnds.get(topic);
  if (end === undefined) scaleEnds.set(topic, (end = roundScale(topic.partitions.reduce((max, p) => Math.max(max, p.logEndOffset), 1))));
  return end;
}

/** Scale steps per decade: each at most 25% above the one before. */
const scaleSteps = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/**
 * `max` rounded up to the next scale step (1,234 → 1,500; 5,100 → 6,000): the longest bar fills at
 * least 80% of its track, and the scale changes once per ≈ 20% of growth rather than with every
 * record, since each change restyles every visible row's bars.
 */
export function roundScale(max: number): number {
  if (!(max > 10)) return Math.max(1, Math.ceil(max));
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of scaleSteps) if (Math.round(step * power) >= max) return Math.round(step * power);
  return 10 * power;
}

interface PartitionRowProps {
  topic: string;
  index: number;
  brokers: BrokerView[];
  columns: string;
  top: number;
  selected: boolean;
  selectedBrokerId: number | null;
  onSelect(partition: number | null, brokerId?: number | null): void;
}

const PartitionRow = memo(function PartitionRow({ topic, index, brokers, columns, top, selected, selectedBrokerId, onSelect }: PartitionRowProps) {
  const p = useApp((s) => topicByName(s.snapshot, topic)?.partitions[index]);
  // Issue 12: the record last produced from the Produce panel landed in this partition.
  const produced = useProducedRecord((s) => (s.lastProduced?.topic === topic && s.lastProduced.partition === index ? s.lastProduced : null));
  if (!p) return null;
  const states = replicaStates(p, brokers);
  const leaderDown = p.leader >= 0 && brokers.some((b) => b.brokerId === p.leader && b.state !== 'running');
  return (
    <div role="row" data-testid={`partition-row-${p.partition}`}
      className={`data-row ${selected ? 'selected' : ''} ${p.leader < 0 || leaderDown ? 'row-offline' : p.inSyncReplicas.length < p.replicas.length ? 'row-urp' : ''}`}
      style={{ gridTemplateColumns: columns, position: 'absolute', top: 0, left: 0, transform: `translateY(${top}px)`, height: rowHeight, width: '100%', contain: 'strict' }}
      onClick={(e) => { if (!(e.target as HTMLElement).closest('button')) onSelect(p.partition); }}>
      {produced ? (
        <div role="cell" className="cell-produced" data-testid={`produced-cell-${p.partition}`}
          title={produced.offset === null ? 'Your last record from the Produce panel went to this partition (acks=0: its offset is unknown)' : `Your last record from the Produce panel landed here, at offset ${produced.offset}`}>
          {p.partition}<ShowInBrowserLink record={produced} compact />
        </div>
      ) : <div role="cell">{p.partition}</div>}
      <div role="cell" data-testid={`leader-${p.partition}`} title={leaderDown ? 'the leader is down; the controller has not elected a new one yet' : undefined}>
        {p.leader < 0 ? <span className="count-bad">none</span> : leaderDown ? <span className="count-bad">{p.leader} (down)</span> : p.leader}
      </div>
      <div role="cell" data-testid={`epoch-${p.partition}`}>{p.leaderEpoch}</div>
      {brokers.map((b) => {
        const s = states.find((x) => x.brokerId === b.brokerId);
        return (
          <div key={b.brokerId} role="cell">
            {s && <ReplicaChip partition={p} state={s} selected={selected && b.brokerId === selectedBrokerId} onClick={() => onSelect(p.partition, b.brokerId)} />}
          </div>
        );
      })}
      <div role="cell" data-testid={`isr-${p.partition}`}>[{p.inSyncReplicas.join(',')}]</div>
      <div role="cell" data-testid={`hw-${p.partition}`}>{p.highWatermark}</div>
      <div role="cell"><PartitionLogBars partition={p} states={states} scaleVar={logScaleVar} compact /></div>
    </div>
  );
});
