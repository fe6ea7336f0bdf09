/**
 * Issue 12: the message browser's filter runs on the host, against a real cluster over real
 * sockets: only matching records are shipped, the limit counts matches, and progress says how many
 * records were scanned; an offset seek outside the log is explained with OFFSET_OUT_OF_RANGE.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClusterHost } from '../../broker/host/cluster-host';
import { Workbench } from './workbench';
import { seekNotes } from './scan-session';
import { drain, waitFor } from './test-helpers';

const text = (b64: string | null) => (b64 === null ? null : Buffer.from(b64, 'base64').toString());

describe('filtered scans', () => {
  let host: ClusterHost;
  let wb: Workbench;

  beforeAll(async () => {
    host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 1212 });
    wb = new Workbench({ bootstrap: host.bootstrap, groups: () => host.snapshot().groups, lagIntervalMs: 200 });
    expect(await host.execute({ type: 'create-topic', topic: 'payments', partitions: 2, replicationFactor: 1 })).toMatchObject({ ok: true });
    for (let i = 0; i < 40; i++) {
      const result = await wb.produceRecord({
        topic: 'payments', partition: i % 2, key: `Customer-${i}`, value: JSON.stringify({ amount: i, currency: i % 4 === 0 ? 'EUR' : 'USD' }),
        headers: [{ key: 'source', value: i % 5 === 0 ? 'crm' : 'web' }], acks: -1, compression: 'none', delivery: 'plain',
      });
      expect(result.ok).toBe(true);
    }
  }, 60_000);

  afterAll(async () => {
    await wb?.close();
    await host?.close();
  });

  const scan = async (filter: object, limit = 1000, seek: object = { kind: 'oldest' }) =>
    drain(wb, (await wb.startScan({ topic: 'payments', partitions: null, seek: seek as never, limit, isolationLevel: 'read_uncommitted', filter })).sessionId);

  it('ships only records whose value matches a JMESPath expression and counts scanned vs matched', async () => {
    const { records, last } = await scan({ expression: "value.currency == 'EUR' && value.amount >= `20`" });
    expect(records.map((r) => JSON.parse(text(r.value)!).amount).sort((a, b) => a - b)).toEqual([20, 24, 28, 32, 36]);
    expect(last.progress).toMatchObject({ state: 'done', records: 40, matched: 5 });
  });

  it('matches plain text in headers or keys, with the case option', async () => {
    const byHeader = await scan({ text: { text: 'crm', fields: ['headers'], caseSensitive: false } });
    expect(byHeader.records).toHaveLength(8);
    const caseSensitive = await scan({ text: { text: 'customer-1', fields: ['key'], caseSensitive: true } });
    expect(caseSensitive.records).toHaveLength(0);
    const anyCase = await scan({ text: { text: 'customer-1', fields: ['key'], caseSensitive: false } });
    expect(anyCase.records.map((r) => text(r.key)).sort()).toEqual(['Customer-1', ...Array.from({ length: 10 }, (_, i) => `Customer-1${i}`)].sort());
  });

  it('stops at the limit of matching records', async () => {
    const { records, last } = await scan({ expression: "value.currency == 'USD'" }, 3);
    expect(records).toHaveLength(3);
    expect(last.progress.matched).toBe(3);
    expect(last.progress.reason).toMatch(/limit of 3 matching records reached/);
  });

  it('refuses a bad expression before reading, and counts records the expression cannot evaluate', async () => {
    await expect(wb.startScan({ topic: 'payments', partitions: null, seek: { kind: 'oldest' }, limit: 10, isolationLevel: 'read_uncommitted', filter: { expression: 'value.[' } }))
      .rejects.toThrow(/Filter refused: Not a JMESPath expression/);
    await expect(wb.startScan({ topic: 'payments', partitions: null, seek: { kind: 'offset', offset: -1 }, limit: 10, isolationLevel: 'read_uncommitted' }))
      .rejects.toThrow(/Offset must be a whole number ≥ 0/);
    const { records, last } = await scan({ expression: "contains(value.amount, 'x')" });
    expect(records).toHaveLength(0);
    expect(last.progress.filterErrors).toMatchObject({ count: 40 });
    expect(last.progress.filterErrors!.first).toMatch(/contains\(\) expected argument 1/);
  });

  it('ends a scan whose expression outlives its time budget, saying why, while the host goes on serving', async () => {
    const { last } = await scan({ expression: `value${'.[@,@,@][]'.repeat(30)} | length(@)` });
    expect(last.progress.state).toBe('failed');
    expect(last.progress.reason).toMatch(/^filter stopped: the filter expression (took more than 3 s|was stopped: .*memory)/);
    expect((await scan({ text: { text: 'Customer-7', fields: ['key'], caseSensitive: true } })).last.progress).toMatchObject({ state: 'done', matched: 1 });
  }, 30_000);

  it('filters a live tail the same way: only matching new records enter its ring', async () => {
    expect(await host.execute({ type: 'create-topic', topic: 'tailed', partitions: 1, replicationFactor: 1 })).toMatchObject({ ok: true });
    const { sessionId } = await wb.startTail({ topic: 'tailed', partitions: null, capacity: 100, isolationLevel: 'read_uncommitted', filter: { expression: "headers.source == 'tail-crm'" } });
    // The tail starts at the end of the log as it reads it once connected: wait until it has.
    await waitFor('the tail to know where it starts', async () => ((await wb.pollScan(sessionId, 0))!.progress.partitions.length > 0));
    for (const source of ['tail-web', 'tail-crm', 'tail-web']) {
      await wb.produceRecord({ topic: 'tailed', partition: 0, key: source, value: '{}', headers: [{ key: 'source', value: source }], acks: -1, compression: 'none', delivery: 'plain' });
    }
    const seen: string[] = [];
    await waitFor('the matching record in the tail', async () => {
      const poll = (await wb.pollScan(sessionId, 0))!;
      seen.push(...poll.records.map((r) => text(r.key)!));
      return poll.progress.records >= 3 && poll.progress.matched === 1 ? poll : null;
    });
    await wb.stopScan(sessionId);
    expect(seen).toEqual(['tail-crm']);
  });

  it('explains an offset seek past the highWatermark with OFFSET_OUT_OF_RANGE and the partition bounds', async () => {
    const { records, last } = await scan({}, 10, { kind: 'offset', offset: 500 });
    expect(records).toHaveLength(0);
    expect(last.progress.seekNotes).toEqual([
      expect.stringMatching(/^partitions 0, 1: offset 500 is past the highWatermark 20; a Fetch past the log end gets OFFSET_OUT_OF_RANGE.*\[0, 20\)/),
    ]);
    // Partitions in different situations get a note each.
    expect(seekNotes({ kind: 'offset', offset: 20 }, [{ partition: 0, low: 0, high: 20 }, { partition: 1, low: 22, high: 25 }])).toEqual([
      expect.stringMatching(/^partition 0: offset 20 is the highWatermark: no record there yet/),
      expect.stringMatching(/^partition 1: offset 20 is below the logStartOffset 22 .*OFFSET_OUT_OF_RANGE, so the scan starts at 22/),
    ]);
  });
});
