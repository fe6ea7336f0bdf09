import { describe, expect, it } from 'vitest';
import type { ClusterInput } from './api';
import { approximateInputBytes, produceInputBytes } from './input-log';

describe('input log sizing', () => {
  it('sizes a produce input exactly as the generic walk does', () => {
    const inputs: Extract<ClusterInput, { type: 'produce' }>[] = [
      { type: 'produce', brokerId: 1, request: { acks: -1, timeoutMs: 30000, topics: [] } },
      { type: 'produce', brokerId: 2, request: { acks: 1, timeoutMs: 5, transactionalId: null, topics: [{ topic: 'orders', partitions: [{ partition: 0, records: Buffer.alloc(100) }, { partition: 3, records: null }] }] } },
      { type: 'produce', brokerId: 3, request: { acks: 0, timeoutMs: 1, transactionalId: 'tx-1', topics: [{ topic: 'a', partitions: [] }, { topic: 'bench-kcat-1', partitions: [{ partition: 63, records: Buffer.alloc(70000) }] }] } },
    ];
    for (const input of inputs) expect(produceInputBytes(input)).toBe(approximateInputBytes(input));
  });
});
