// A broker's periodic tasks survive a run that throws (issue 11: no background task may end the
// process, nor stop for good): the failure is reported as broker-task-failed and the task keeps its
// period, as Kafka's KafkaScheduler keeps a periodic task after logging what one run threw.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { advance, eventLines } from '../testing';

describe('broker periodic tasks', () => {
  it('a heartbeat run that throws is reported, and the broker keeps heartbeating (not fenced)', () => {
    const c = createCluster({ seed: 3, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }], recordInputLog: false });
    advance(c, 5_000);
    const network = c.core.network;
    const send = network.send.bind(network);
    let failures = 0;
    network.send = (from, to, label, deliver, timeoutMs) => {
      if (from === 2 && label === 'broker-heartbeat' && failures < 3) {
        failures++;
        throw new Error('injected: heartbeat could not be sent');
      }
      return send(from, to, label, deliver, timeoutMs);
    };
    // Three heartbeat intervals fail, then 30 s more: past broker.session.timeout.ms (9 s) a broker
    // whose heartbeats had stopped would be fenced.
    advance(c, 36_000);
    expect(failures).toBe(3);
    const failed = eventLines(c, ['broker-task-failed']);
    expect(failed).toHaveLength(3);
    expect(failed[0]).toMatch(/broker-task-failed .*broker-heartbeat.*injected: heartbeat could not be sent/);
    expect(c.snapshot().brokers.find((b) => b.brokerId === 2)!.state).toBe('running');
    expect(eventLines(c, ['broker-fenced'])).toEqual([]);
  });
});
