/**
 * Shared setup of the conformance tests: a ClusterHost on ephemeral ports, topic creation that
 * waits until every partition has a leader and a full ISR, and raw reads of stored batches.
 */
import { ClusterHost, type ClusterHostOptions } from '../../host/cluster-host';
import type { TopicView } from '../../../shared/cluster-view';
import { decodeRecordBatch, readBatchHeader, splitBatches, type RecordBatchHeader } from '../../protocol/records';
import { Caller } from '../testing/caller';
import { RawClient } from '../testing/raw-client';

export async function startHost(opts: Partial<ClusterHostOptions> = {}): Promise<ClusterHost> {
  return ClusterHost.start({ brokers: 3, basePort: 0, seed: 3, defaultPartitions: 3, defaultReplicationFactor: 3, ...opts });
}

/** Polls `check` every 20 ms until it returns a truthy value; throws with `what` after timeoutMs. */
export async function waitFor<T>(what: string, check: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function topicView(host: ClusterHost, topic: string): TopicView | undefined {
  return host.snapshot().topics.find((t) => t.name === topic);
}

/** Creates a topic through the host and waits until every partition has a leader and a full ISR. */
export async function createTopic(host: ClusterHost, topic: string, partitions: number, replicationFactor: number, configs?: Record<string, string>): Promise<TopicView> {
  const result = await host.execute({ type: 'create-topic', topic, partitions, replicationFactor, ...(configs ? { configs } : {}) });
  if (!result.ok) throw new Error(`create-topic ${topic}: ${result.errorName} ${result.message}`);
  const view = await waitFor(`leaders of ${topic}`, () => {
    const v = topicView(host, topic);
    return v && v.partitions.length === partitions && v.partitions.every((p) => p.leader >= 0 && p.inSyncReplicas.length === replicationFactor) ? v : undefined;
  });
  await waitForBrokersToKnow(host, topic, partitions);
  return view;
}

/**
 * Waits until every running broker's own Metadata answer lists the topic with a leader for each
 * partition: brokers learn metadata from the controller a little after the controller decides.
 */
export async function waitForBrokersToKnow(host: ClusterHost, topic: string, partitions: number, timeoutMs = 15_000): Promise<void> {
  const caller = new Caller(host);
  try {
    const deadline = Date.now() + timeoutMs;
    for (const broker of host.snapshot().brokers.filter((b) => b.state === 'running')) {
      for (;;) {
        const body = await caller.call<{ topics: { errorCode: number; partitions: { leaderId: number }[] }[] }>(broker.brokerId, 3, 9, { topics: [{ name: topic }], allowAutoTopicCreation: false });
        const t = body.topics[0];
        if (t && t.errorCode === 0 && t.partitions.length === partitions && t.partitions.every((p) => p.leaderId >= 0)) break;
        if (Date.now() > deadline) throw new Error(`broker ${broker.brokerId} does not know ${topic} yet`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }
  } finally {
    caller.close();
  }
}

export function portOf(host: ClusterHost, brokerId: number): number {
  return host.snapshot().brokers.find((b) => b.brokerId === brokerId)!.port;
}

/** Header of the first stored batch of a partition, read with a raw Fetch v11 from its leader. */
export async function firstBatchHeader(host: ClusterHost, topic: string, partition: number): Promise<RecordBatchHeader> {
  const leader = topicView(host, topic)!.partitions[partition]!.leader;
  const client = await RawClient.connect(portOf(host, leader));
  try {
    client.request(1, 11, 1, {
      replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 1 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
      topics: [{ topic, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset: 0, logStartOffset: -1, partitionMaxBytes: 1 << 20 }] }],
      forgottenTopicsData: [], rackId: '',
    });
    await client.waitFrames(1);
    const body = client.decode<{ responses: { partitions: { errorCode: number; records: Buffer | null }[] }[] }>(0, 1, 11).body;
    const p = body.responses[0]!.partitions[0]!;
    if (p.errorCode !== 0 || !p.records || p.records.length === 0) throw new Error(`raw fetch of ${topic}-${partition}: error ${p.errorCode}, ${p.records?.length ?? 0} bytes`);
    return readBatchHeader(p.records, 0);
  } finally {
    client.close();
  }
}

/**
 * Every record value of a partition, read with raw Fetch v11 requests from its current leader up
 * to the highWatermark (what a read_uncommitted consumer sees). Checks each batch's CRC.
 */
export async function readPartition(host: ClusterHost, topic: string, partition: number, codecs?: Set<string>): Promise<{ offset: number; value: string }[]> {
  const leader = topicView(host, topic)!.partitions[partition]!.leader;
  if (leader < 0) throw new Error(`${topic}-${partition} has no leader`);
  const client = await RawClient.connect(portOf(host, leader));
  const out: { offset: number; value: string }[] = [];
  try {
    let fetchOffset = 0;
    for (let correlationId = 1; ; correlationId++) {
      client.request(1, 11, correlationId, {
        replicaId: -1, maxWaitMs: 0, minBytes: 0, maxBytes: 8 << 20, isolationLevel: 0, sessionId: 0, sessionEpoch: -1,
        topics: [{ topic, partitions: [{ partition, currentLeaderEpoch: -1, fetchOffset, logStartOffset: -1, partitionMaxBytes: 4 << 20 }] }],
        forgottenTopicsData: [], rackId: '',
      });
      await client.waitFrames(correlationId);
      const body = client.decode<{ responses: { partitions: { errorCode: number; highWatermark: number; records: Buffer | null }[] }[] }>(correlationId - 1, 1, 11).body;
      const p = body.responses[0]!.partitions[0]!;
      if (p.errorCode !== 0) throw new Error(`fetch ${topic}-${partition} at ${fetchOffset}: error ${p.errorCode}`);
      for (const batch of splitBatches(p.records ?? Buffer.alloc(0))) {
        const decoded = decodeRecordBatch(batch, { verifyCrc: true });
        codecs?.add(decoded.header.compression);
        for (const record of decoded.records) {
          if (record.offset < fetchOffset) continue;
          out.push({ offset: record.offset, value: record.value?.toString('utf8') ?? '' });
          fetchOffset = record.offset + 1;
        }
      }
      if (fetchOffset >= p.highWatermark) return out;
    }
  } finally {
    client.close();
  }
}
