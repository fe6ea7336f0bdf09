/**
 * How much each lab, broker, topic and replica stores (issue 15): totals, per broker (its
 * log.dirs), per topic with a button per replica that opens its segments, the labs under the data
 * root, and Reset lab / Delete lab. In memory it says so plainly.
 */
import { useState } from 'react';
import type { StorageInfo } from '../../../shared/storage-contract';
import { formatBytes } from '../../components/format';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { DeleteLabButton, ResetLabButton } from './LabActions';
import { IN_MEMORY_NOTE } from './storage-text';

/** Replica buttons shown per topic before "+N more" (an internal topic has 50 partitions × RF). */
export const SHOWN_REPLICAS = 9;

type TopicUsage = StorageInfo['topics'][number];

/** User topics first (by name), then Kafka's internal ones (`__consumer_offsets`, `__transaction_state`). */
function topicsInOrder(topics: TopicUsage[]): TopicUsage[] {
  return [...topics].sort((a, b) => Number(a.topic.startsWith('__')) - Number(b.topic.startsWith('__')) || a.topic.localeCompare(b.topic));
}

/** The largest replicas first (in partition order among equals), at most SHOWN_REPLICAS; all when few. */
export function replicasToShow(replicas: TopicUsage['replicas']): TopicUsage['replicas'] {
  if (replicas.length <= SHOWN_REPLICAS) return replicas;
  return [...replicas].sort((a, b) => b.bytes - a.bytes || a.partition - b.partition || a.brokerId - b.brokerId).slice(0, SHOWN_REPLICAS)
    .sort((a, b) => a.partition - b.partition || a.brokerId - b.brokerId);
}

export function DiskUsage({ info, onChanged }: { info: StorageInfo; onChanged(): void }) {
  const store = useAppStoreApi();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const selected = useApp((s) => s.storageReplica);
  const where = info.kind === 'disk' ? 'on disk' : 'in memory';
  return (
    <section className="panel storage-usage" data-testid="storage-usage" data-kind={info.kind}>
      <h2>Storage <span className="hint">{info.kind === 'disk' ? `lab ${info.labName ?? ''}` : 'in memory'}</span></h2>
      {info.kind === 'memory'
        ? <p className="storage-note" role="note" data-testid="storage-in-memory">{IN_MEMORY_NOTE}</p>
        : <p className="storage-note">Lab <strong>{info.labName}</strong> in <code data-testid="storage-lab-dir">{info.labDir}</code>. The files are Kafka&apos;s own format: <code>npm run dump-log -- &lt;file&gt;</code> lists a segment.</p>}
      <p className="storage-total">
        <strong data-testid="storage-total">{formatBytes(info.totalBytes)}</strong> {where} · {info.topics.length} {info.topics.length === 1 ? 'topic' : 'topics'} · {info.brokers.length} {info.brokers.length === 1 ? 'broker' : 'brokers'}
        <ResetLabButton info={info} onDone={onChanged} />
      </p>
      <div className="storage-tables">
        <table className="replica-table storage-brokers" data-testid="storage-brokers">
          <thead><tr><th>Broker</th><th>log.dirs</th><th className="num">Size</th></tr></thead>
          <tbody>
            {info.brokers.map((b) => (
              <tr key={b.brokerId}><td>broker {b.brokerId}</td><td>{b.logDir ? <code>{b.logDir}</code> : <span className="hint">in memory</span>}</td><td className="num">{formatBytes(b.bytes)}</td></tr>
            ))}
          </tbody>
        </table>
        <table className="replica-table storage-topics" data-testid="storage-topics">
          <thead><tr><th>Topic</th><th className="num">Size</th><th>Replicas (partition · broker · size) — click for segments</th></tr></thead>
          <tbody>
            {topicsInOrder(info.topics).map((t) => {
              const open = expanded.has(t.topic);
              const shown = open ? t.replicas : replicasToShow(t.replicas);
              const hidden = t.replicas.length - shown.length;
              return (
                <tr key={t.topic} data-testid={`storage-topic-${t.topic}`}>
                  <td><code>{t.topic}</code></td>
                  <td className="num">{formatBytes(t.bytes)}</td>
                  <td className="storage-replicas">
                    {shown.map((r) => {
                      const on = selected?.topic === t.topic && selected.partition === r.partition && selected.brokerId === r.brokerId;
                      return (
                        <button type="button" key={`${r.partition}-${r.brokerId}`} className={`btn btn-small storage-replica${on ? ' btn-on' : ''}`}
                          onClick={() => store.getState().openStorage({ topic: t.topic, partition: r.partition, brokerId: r.brokerId })}
                          title={`Show the segments of ${t.topic}-${r.partition} on broker ${r.brokerId}`} data-testid={`storage-replica-${t.topic}-${r.partition}-${r.brokerId}`}>
                          p{r.partition} · b{r.brokerId} · {formatBytes(r.bytes)}
                        </button>
                      );
                    })}
                    {hidden > 0 && (
                      <button type="button" className="link" onClick={() => setExpanded(new Set([...expanded, t.topic]))} data-testid={`storage-more-${t.topic}`}
                        title="Show every replica of this topic, empty ones included">+{hidden} more {hidden === 1 ? 'replica' : 'replicas'}</button>
                    )}
                    {open && t.replicas.length > SHOWN_REPLICAS && (
                      <button type="button" className="link" onClick={() => setExpanded(new Set([...expanded].filter((n) => n !== t.topic)))} title="Show only the largest replicas">fewer</button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {info.labs.length > 0 && (
        <table className="replica-table storage-labs" data-testid="storage-labs">
          <thead><tr><th>Lab</th><th>Directory</th><th className="num">Size</th><th /></tr></thead>
          <tbody>
            {info.labs.map((lab) => (
              <tr key={lab.name}><td>{lab.name}{lab.current ? ' (this one)' : ''}</td><td><code>{lab.dir}</code></td><td className="num">{formatBytes(lab.bytes)}</td><td><DeleteLabButton lab={lab} onDone={onChanged} /></td></tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
