/**
 * Shared setup of the consumer-group and transaction conformance tests (issue 4): a host with
 * fast group configs (group.initial.rebalance.delay.ms low, small internal topics), producing
 * numbered values with kafkajs, and reading the group state the coordinators expose.
 */
import { Kafka, logLevel, type Producer } from 'kafkajs';
import type { ClusterHost } from '../../host/cluster-host';
import type { GroupView } from '../../../shared/cluster-view';
import { startHost } from './harness';

/** Broker configs that keep group tests fast; the values stay inside Kafka's valid ranges. */
export const FAST_GROUP_CONFIG: Record<string, string> = {
  'group.initial.rebalance.delay.ms': '100',
  'group.min.session.timeout.ms': '1000',
  'offsets.topic.num.partitions': '10',
  'transaction.state.log.num.partitions': '5',
  'transaction.abort.timed.out.transaction.cleanup.interval.ms': '500',
};

export function startGroupHost(seed: number, extra: Record<string, string> = {}): Promise<ClusterHost> {
  return startHost({ seed, brokerConfig: { ...FAST_GROUP_CONFIG, ...extra } });
}

export function kafkaFor(host: ClusterHost, clientId: string): Kafka {
  return new Kafka({ clientId, brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING, retry: { retries: 10, initialRetryTime: 50, maxRetryTime: 1000 } });
}

/** Produces `${prefix}-${i}` for i in [from, to), keyed so they spread over the partitions. */
export async function produceNumbered(producer: Producer, topic: string, prefix: string, from: number, to: number): Promise<void> {
  const messages = [];
  for (let i = from; i < to; i++) messages.push({ key: `k${i}`, value: `${prefix}-${i}` });
  for (let i = 0; i < messages.length; i += 200) await producer.send({ topic, acks: -1, messages: messages.slice(i, i + 200) });
}

export function groupView(host: ClusterHost, groupId: string): GroupView | undefined {
  return host.snapshot().groups.find((g) => g.groupId === groupId);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
