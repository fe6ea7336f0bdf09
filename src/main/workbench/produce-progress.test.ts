import { describe, expect, it } from 'vitest';
import { explainKafkaError, kafkaErrorName } from './error-explainer';
import { backoffAfter, ProduceProgressBook } from './produce-progress';
import { failedBrokerAddress } from './producer-service';

describe('the UI producer retry policy', () => {
  it('backs off retry.backoff.ms, doubling, capped at retry.backoff.max.ms', () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffAfter)).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('records attempts while sending, keeps them after, and forgets the oldest beyond its bound', () => {
    let now = 1000;
    const book = new ProduceProgressBook(() => now);
    const send = book.start('r1', 3);
    now += 40;
    send.failed({ attempt: 1, errorName: 'NOT_ENOUGH_REPLICAS', message: 'm', retriable: true, backoffMs: 100 });
    expect(book.get('r1')).toMatchObject({ state: 'sending', elapsedMs: 40, attempts: [{ attempt: 1, atMs: 40 }] });
    now += 100;
    send.done();
    now += 5000;
    expect(book.get('r1')).toMatchObject({ state: 'done', elapsedMs: 140 });
    expect(book.get('nope')).toBeNull();
    for (let i = 0; i < 300; i++) book.start(`x${i}`, 1).done();
    expect(book.get('r1')).toBeNull();
    expect(book.get('x299')).not.toBeNull();
  });
});

describe('errors the Produce panel used to get wrong', () => {
  const partitions = [{ partitionId: 0, leader: 3, replicas: [3, 1, 2], isr: [3, 1, 2] }];
  const brokers = [1, 2, 3].map((nodeId) => ({ nodeId, host: '127.0.0.1', port: 9091 + nodeId }));

  it('NETWORK_EXCEPTION names the broker and, without a controller, the lost quorum that keeps it leader', () => {
    const error = { name: 'KafkaJSNumberOfRetriesExceeded', message: 'x', originalError: { name: 'KafkaJSConnectionError', message: 'Connection error: connect ECONNREFUSED 127.0.0.1:9094', broker: '127.0.0.1:9094' } };
    expect(kafkaErrorName(error)).toMatchObject({ errorName: 'NETWORK_EXCEPTION', retriable: true });
    expect(failedBrokerAddress(error)).toBe('127.0.0.1:9094');
    expect(failedBrokerAddress({ message: 'connect ECONNREFUSED 127.0.0.1:9093' })).toBe('127.0.0.1:9093');
    const text = explainKafkaError('NETWORK_EXCEPTION', { topic: 't', partition: 0, acks: -1, recordBytes: 1, partitions, configs: {}, failedBroker: '127.0.0.1:9094', cluster: { controllerId: null, brokers } });
    expect(text).toMatch(/could not connect to broker 3 \(127\.0\.0\.1:9094\).*still names broker 3 as the leader of t-0.*no active controller: the KRaft quorum has no majority/);
  });

  it('REQUEST_TIMED_OUT with acks=all says the ISR cannot shrink without a controller', () => {
    const text = explainKafkaError('REQUEST_TIMED_OUT', { topic: 't', partition: 0, acks: -1, recordBytes: 1, partitions, configs: {}, cluster: { controllerId: null, brokers } });
    expect(text).toMatch(/every in-sync replica \(3, 1, 2\).*ISR cannot shrink/);
  });

  it('MESSAGE_TOO_LARGE names max.message.bytes, its value and the broker default, and what the Java producer does', () => {
    const text = explainKafkaError('MESSAGE_TOO_LARGE', { topic: 't', partition: 0, acks: -1, recordBytes: 2_097_152, partitions, configs: { 'max.message.bytes': '1048588' }, compression: 'gzip' });
    expect(text).toMatch(/2097152 bytes of key and value before gzip compression.*max\.message\.bytes=1048588.*message\.max\.bytes.*max\.request\.size=1048576/);
  });

  it('a kafkajs lookup of broker -1 (no controller) is BROKER_NOT_AVAILABLE, not UNKNOWN_SERVER_ERROR', () => {
    expect(kafkaErrorName({ name: 'KafkaJSBrokerNotFound', message: 'Broker -1 not found in the cached metadata' })).toMatchObject({ errorName: 'BROKER_NOT_AVAILABLE', retriable: true });
  });
});
