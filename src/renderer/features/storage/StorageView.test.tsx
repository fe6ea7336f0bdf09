// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ReplicaStorage, SegmentBatch, StorageInfo } from '../../../shared/storage-contract';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { StorageView } from './StorageView';
import { PartitionPanel } from '../topic-detail/PartitionPanel';
import { replicasToShow, SHOWN_REPLICAS } from './DiskUsage';

afterEach(cleanup);

const info: StorageInfo = {
  kind: 'memory', labName: null, labDir: null, totalBytes: 3000,
  brokers: [1, 2, 3].map((brokerId) => ({ brokerId, logDir: null, bytes: 1000 })),
  topics: [{ topic: 'orders', bytes: 3000, replicas: [1, 2, 3].map((brokerId) => ({ partition: 0, brokerId, bytes: 1000 })) }],
  labs: [],
};

const replica: ReplicaStorage = {
  topic: 'orders', partition: 0, brokerId: 2, dir: null, logStartOffset: 0, logEndOffset: 12, highWatermark: 12, recoveryPoint: null,
  segments: [
    { baseOffset: 0, nextOffset: 10, sizeBytes: 800, batchCount: 5, firstTimestampMs: 1000, maxTimestampMs: 2000, offsetIndexEntries: null, timeIndexEntries: null, fileName: null, active: false },
    { baseOffset: 10, nextOffset: 12, sizeBytes: 200, batchCount: 2, firstTimestampMs: 3000, maxTimestampMs: 3100, offsetIndexEntries: null, timeIndexEntries: null, fileName: null, active: true },
  ],
};

function batch(overrides: Partial<SegmentBatch>): SegmentBatch {
  return {
    position: 0, baseOffset: 10, lastOffset: 10, count: 1, sizeBytes: 100, magic: 2, crcValid: true, compression: 'none', timestampType: 'CreateTime',
    baseTimestampMs: 3000, maxTimestampMs: 3000, producerId: 7, producerEpoch: 1, baseSequence: 0, isTransactional: false, isControl: false, partitionLeaderEpoch: 3,
    ...overrides,
  };
}

async function storageClient() {
  const client = new FakeClient();
  client.storageInfo = info;
  client.replicaStorage = { ok: true, value: replica };
  return loadedStore(client);
}

describe('StorageView', () => {
  it('says plainly that an in-memory cluster keeps its logs in memory, with sizes per broker and replica', async () => {
    const { store } = await storageClient();
    act(() => store.getState().openStorage());
    renderWithStore(store, <StorageView />);
    expect((await screen.findByTestId('storage-in-memory')).textContent).toContain('keeps its logs in memory');
    expect((screen.getByTestId('storage-total')).textContent).toContain('2.9 KiB');
    expect(screen.getByTestId('storage-brokers').querySelectorAll('tbody tr')).toHaveLength(3);
    expect(screen.getByTestId('storage-pick-replica')).toBeTruthy();
  });

  it('opens a replica from its button, lists its segments with the active one, and inspects a segment\'s batches page by page', async () => {
    const { store, client } = await storageClient();
    client.segmentPages = [
      { ok: true, value: { batches: [batch({ position: 0, baseOffset: 10, lastOffset: 10, isTransactional: true })], nextBatch: 1, totalBatches: 2 } },
      { ok: true, value: { batches: [batch({ position: 100, baseOffset: 11, lastOffset: 11, isTransactional: true, isControl: true, baseSequence: -1, crcValid: false })], nextBatch: null, totalBatches: 2 } },
    ];
    act(() => store.getState().openStorage());
    renderWithStore(store, <StorageView />);
    fireEvent.click(await screen.findByTestId('storage-replica-orders-0-2'));
    expect(store.getState().storageReplica).toEqual({ topic: 'orders', partition: 0, brokerId: 2 });
    const segments = await screen.findByTestId('replica-storage');
    expect((segments).textContent).toContain('orders-0 on broker 2');
    expect((screen.getByTestId('segment-explanation')).textContent).toContain('offset index (.index) maps offsets to byte positions');
    expect((screen.getByTestId('segment-10')).textContent).toContain('active');
    expect((screen.getByTestId('segment-0')).textContent).not.toContain('active');
    expect((screen.getByTestId('segment-0')).textContent).toContain('0 – 9');

    fireEvent.click(screen.getByTestId('inspect-segment-10'));
    const first = await screen.findByTestId('batch-10');
    expect((first).textContent).toContain('✓ valid');
    expect((first).textContent).toContain('transactional');
    expect(client.storageCalls.find((c) => c.method === 'inspectSegment')?.args).toEqual(['orders', 0, 2, 10, 0, 100]);
    fireEvent.click(screen.getByTestId('inspector-more'));
    const marker = await screen.findByTestId('batch-11');
    expect((marker).textContent).toContain('✗ mismatch');
    expect((marker).textContent).toContain('control');
    expect(client.storageCalls.filter((c) => c.method === 'inspectSegment').map((c) => c.args[4])).toEqual([0, 1]);
    expect(screen.queryByTestId('inspector-more')).toBeNull();
  });

  it('shows the host\'s error for a replica it does not hold', async () => {
    const { store, client } = await storageClient();
    client.replicaStorage = { ok: false, errorName: 'NOT_LEADER_OR_FOLLOWER', message: 'Broker 9 holds no replica of orders-0.' };
    act(() => store.getState().openStorage({ topic: 'orders', partition: 0, brokerId: 9 }));
    renderWithStore(store, <StorageView />);
    expect((await screen.findByTestId('replica-storage-error')).textContent).toContain('NOT_LEADER_OR_FOLLOWER: Broker 9 holds no replica of orders-0.');
  });

  it('resets the lab only after a confirmation that says what is deleted and that it cannot be undone', async () => {
    const { store, client } = await storageClient();
    client.labResult = { ok: true, value: { labName: 'in-memory', freedBytes: 3000 } };
    act(() => store.getState().openStorage());
    renderWithStore(store, <StorageView />);
    fireEvent.click(await screen.findByTestId('reset-lab'));
    expect(client.storageCalls.some((c) => c.method === 'resetLab')).toBe(false);
    const confirm = screen.getByTestId('reset-lab-confirm');
    expect((confirm).textContent).toContain('drops the 2.9 KiB of logs held in memory');
    expect((confirm).textContent).toContain('This cannot be undone.');
    fireEvent.click(screen.getByTestId('reset-lab-cancel'));
    expect(screen.queryByTestId('reset-lab-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('reset-lab'));
    fireEvent.click(screen.getByTestId('reset-lab-confirm-button'));
    await waitFor(() => expect((screen.getByTestId('reset-lab-outcome')).textContent).toContain('Lab reset: 2.9 KiB deleted'));
    expect(client.storageCalls.filter((c) => c.method === 'resetLab')).toHaveLength(1);
  });

  it('names the directory and size a disk lab\'s delete removes, and refuses nothing silently', async () => {
    const { store, client } = await storageClient();
    client.storageInfo = { ...info, kind: 'disk', labName: 'default', labDir: '/data/labs/default', labs: [{ name: 'default', dir: '/data/labs/default', bytes: 3000, current: true }, { name: 'old', dir: '/data/labs/old', bytes: 2048, current: false }] };
    client.labResult = { ok: false, errorName: 'KAFKA_STORAGE_ERROR', message: 'permission denied' };
    act(() => store.getState().openStorage());
    renderWithStore(store, <StorageView />);
    fireEvent.click(await screen.findByTestId('delete-lab-old'));
    expect((screen.getByRole('alertdialog')).textContent).toContain('deletes the directory /data/labs/old (2.0 KiB) from disk');
    fireEvent.click(screen.getByTestId('delete-lab-confirm-old'));
    expect((await screen.findByRole('alert')).textContent).toContain('KAFKA_STORAGE_ERROR: permission denied');
    expect(client.storageCalls.find((c) => c.method === 'deleteLab')?.args).toEqual(['old']);
    expect(screen.queryByTestId('delete-lab-default')).toBeNull();
  });

  it('disables reset for a read-only viewer, with the reason', async () => {
    const { store, client } = await storageClient();
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    store.setState({ hostInfo: client.hostInfo });
    act(() => store.getState().openStorage());
    renderWithStore(store, <StorageView />);
    const reset = await screen.findByTestId('reset-lab');
    expect((reset as HTMLButtonElement).disabled).toBe(true);
    expect(reset.getAttribute('title')).toContain('needs the access token');
  });

  it('folds the replicas of a large topic, keeping the largest', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ partition: i, brokerId: 1, bytes: i === 17 ? 500 : 0 }));
    const shown = replicasToShow(many);
    expect(shown).toHaveLength(SHOWN_REPLICAS);
    expect(shown.some((r) => r.partition === 17)).toBe(true);
  });
});

describe('the partition panel\'s Storage button', () => {
  it('opens the Storage view at that replica', async () => {
    const { store } = await storageClient();
    const view = store.getState().snapshot!;
    renderWithStore(store, <PartitionPanel topic="orders" partition={view.topics[0]!.partitions[0]!} brokers={view.brokers} />);
    fireEvent.click(screen.getByTestId('storage-orders-0-2'));
    expect(store.getState().view).toBe('storage');
    expect(store.getState().storageReplica).toEqual({ topic: 'orders', partition: 0, brokerId: 2 });
  });
});
