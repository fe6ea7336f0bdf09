/**
 * The segment inspector (issue 15): a segment's record batches as `kafka-dump-log --files` lists
 * them (position, offsets, count, size, CRC valid, compression, timestamps, producerId, epoch,
 * sequence, transactional and control batches labelled, partitionLeaderEpoch), a page at a time.
 * Batch headers only: no record contents, so read-only viewers may look too.
 */
import { useEffect, useRef, useState } from 'react';
import type { SegmentBatch } from '../../../shared/storage-contract';
import type { StorageReplicaRef } from '../../store/selection-slice';
import { formatBytes, formatInteger, formatTime } from '../../components/format';
import { useApp, useAppStoreApi } from '../../store/store-context';

/** Batches asked for per page. */
export const INSPECTOR_PAGE = 100;

export function SegmentInspector({ replica, baseOffset }: { replica: StorageReplicaRef; baseOffset: number }) {
  const store = useAppStoreApi();
  const timeZone = useApp((s) => s.settings.timeZone);
  const [batches, setBatches] = useState<SegmentBatch[]>([]);
  const [next, setNext] = useState<number | null>(0);
  const [total, setTotal] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = `${replica.topic}/${replica.partition}/${replica.brokerId}/${baseOffset}`;
  const panel = useRef<HTMLElement>(null);

  const load = async (from: number, reset: boolean) => {
    setLoading(true);
    try {
      const result = await store.client.inspectSegment(replica.topic, replica.partition, replica.brokerId, baseOffset, from, INSPECTOR_PAGE);
      if (!result.ok) { setError(`${result.errorName}: ${result.message}`); return; }
      setError(null);
      setBatches((old) => (reset ? result.value.batches : [...old, ...result.value.batches]));
      setNext(result.value.nextBatch);
      setTotal(result.value.totalBatches);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };
  useEffect(() => {
    setBatches([]);
    setNext(0);
    setTotal(null);
    void load(0, true);
    // The inspector opens below the segments: bring it into view.
    panel.current?.scrollIntoView?.({ block: 'nearest' });
  }, [key]);

  return (
    <section className="panel segment-inspector" data-testid="segment-inspector" ref={panel}>
      <h2>
        Batches of the segment at offset {baseOffset}{' '}
        <span className="hint">{total === null ? 'loading…' : `${formatInteger(batches.length)} of ${formatInteger(total)} shown`} · as <code>kafka-dump-log --files</code> lists them</span>
      </h2>
      {error && <p className="inline-error" role="alert" data-testid="inspector-error">{error}</p>}
      <div className="inspector-scroll">
        <table className="replica-table inspector-table" data-testid="batches">
          <thead>
            <tr>
              <th className="num">position</th><th className="num">baseOffset</th><th className="num">lastOffset</th><th className="num">count</th><th className="num">size</th>
              <th title="CRC-32C of the batch checked against its bytes (DefaultRecordBatch.isValid)">CRC</th><th>compression</th><th title="The batch's largest record timestamp (CreateTime unless marked LogAppendTime); hover a cell for the date and ms">maxTimestamp</th>
              <th className="num">producerId</th><th className="num">producerEpoch</th><th className="num">baseSequence</th><th>kind</th><th className="num" title="partitionLeaderEpoch: the leader epoch of the leader that appended the batch">leader epoch</th>
            </tr>
          </thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.position} data-testid={`batch-${b.baseOffset}`} data-producer-id={b.producerId} data-crc-valid={b.crcValid}>
                <td className="num">{formatInteger(b.position)}</td>
                <td className="num">{b.baseOffset}</td>
                <td className="num">{b.lastOffset}</td>
                <td className="num">{b.count}</td>
                <td className="num">{formatBytes(b.sizeBytes)}</td>
                <td>{b.crcValid
                  ? <span className="crc-ok" title="The stored CRC-32C matches the batch's bytes">✓ valid</span>
                  : <span className="crc-bad" title="The stored CRC-32C does not match the batch's bytes: the batch is corrupt">✗ mismatch</span>}</td>
                <td>{b.compression}</td>
                <td title={`${b.timestampType}; first record ${b.baseTimestampMs}, max ${b.maxTimestampMs} (ms since the epoch)${b.maxTimestampMs < 0 ? '' : `; ${formatTime(b.maxTimestampMs, timeZone)}`}`}>
                  {b.maxTimestampMs < 0 ? '—' : formatTime(b.maxTimestampMs, timeZone, false)}{b.timestampType === 'LogAppendTime' && <span className="hint"> LogAppendTime</span>}
                </td>
                <td className="num">{b.producerId}</td>
                <td className="num">{b.producerEpoch}</td>
                <td className="num">{b.baseSequence}</td>
                <td>
                  {b.isControl && <span className="badge badge-control" title="A control batch: a transaction marker (commit or abort) written by the transaction coordinator">control</span>}
                  {b.isTransactional && <span className="badge badge-txn" title="Written inside a transaction: read_committed consumers see it only after its commit marker">transactional</span>}
                  {!b.isControl && !b.isTransactional && <span className="hint">{b.producerId >= 0 ? 'idempotent' : 'data'}</span>}
                </td>
                <td className="num">{b.partitionLeaderEpoch}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total === 0 && <p className="empty">This segment holds no batches yet.</p>}
      {next !== null && total !== null && (
        <button type="button" className="btn" onClick={() => void load(next, false)} disabled={loading} data-testid="inspector-more"
          title={`Load the next ${INSPECTOR_PAGE} batches`}>{loading ? 'Loading…' : `Load ${Math.min(INSPECTOR_PAGE, total - next)} more`}</button>
      )}
    </section>
  );
}
