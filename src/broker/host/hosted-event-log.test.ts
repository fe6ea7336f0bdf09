/**
 * Issue 15's bounded memory: a hosted model's own event log stops at HOSTED_MODEL_EVENTS_RETAINED
 * (the host keeps its own bounded history for viewers), instead of EventLog's test default of
 * 200,000 events that a busy lab reached after about an hour (~3 MB a minute in the storage soak).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SimCluster } from '../cluster/cluster';
import { ClusterHost, HOSTED_MODEL_EVENTS_RETAINED } from './cluster-host';

const hosts: ClusterHost[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
});

describe('hosted model event log', () => {
  it('keeps at most HOSTED_MODEL_EVENTS_RETAINED events, the newest', async () => {
    const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 4, log: () => {} });
    hosts.push(host);
    if (!(host.cluster instanceof SimCluster)) throw new Error('the host runs no SimCluster');
    const cluster = host.cluster;
    const emitted = HOSTED_MODEL_EVENTS_RETAINED + 5_000;
    for (let i = 0; i < emitted; i++) cluster.core.emit({ type: 'segment-rolled', topic: 't', partition: 0, brokerId: 1, baseOffset: i });
    expect(cluster.events.length).toBeLessThanOrEqual(HOSTED_MODEL_EVENTS_RETAINED);
    expect(cluster.events.length).toBeGreaterThan(HOSTED_MODEL_EVENTS_RETAINED / 2);
    const last = cluster.events[cluster.events.length - 1]!;
    expect(last).toMatchObject({ type: 'segment-rolled', baseOffset: emitted - 1 });
  });
});
