/**
 * A controlled shutdown of the active controller is a graceful resignation (KIP-595 EndQuorumEpoch):
 * a successor is elected within a vote round trip, so the other brokers stop naming the stopped
 * broker as leader at once. A crash still waits for controller.quorum.election.timeout.ms.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import { advance } from '../testing';

function clusterWithTopic() {
  const c = createCluster({ seed: 5, brokers: [{ brokerId: 1 }, { brokerId: 2 }, { brokerId: 3 }] });
  c.createTopics(1, [{ name: 't', numPartitions: 3, replicationFactor: 3 }], false);
  advance(c, 100);
  return c;
}

describe('controller resignation', () => {
  it('elects a successor within a few ms when the active controller stops in a controlled shutdown', () => {
    const c = clusterWithTopic();
    const controller = c.snapshot().controller.activeControllerId!;
    c.command({ type: 'stop-broker', brokerId: controller });
    advance(c, 10);
    const next = c.snapshot().controller.activeControllerId;
    expect(next).not.toBeNull();
    expect(next).not.toBe(controller);
    // The running brokers' metadata no longer names the stopped broker as a leader.
    for (const b of [1, 2, 3].filter((id) => id !== controller)) {
      expect(c.metadata(b, ['t'], false).topics[0]!.partitions.map((p) => p.leaderId)).not.toContain(controller);
    }
  });

  it('still waits for the election timeout when the controller crashes', () => {
    const c = clusterWithTopic();
    const controller = c.snapshot().controller.activeControllerId!;
    c.command({ type: 'stop-broker', brokerId: controller, controlled: false });
    advance(c, 10);
    expect(c.snapshot().controller.activeControllerId).toBeNull();
  });
});
