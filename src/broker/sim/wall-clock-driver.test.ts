import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { WallClockDriver } from './wall-clock-driver';

describe('WallClockDriver', () => {
  it('advances simulated time by real elapsed × speed, pauses, steps and forwards other commands', () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    let real = 1000;
    const driver = new WallClockDriver(cluster, { realNow: () => real, speed: 2 });
    driver.resume();
    const t0 = cluster.now();
    real += 100;
    driver.tick();
    expect(cluster.now() - t0).toBe(200);
    driver.command({ type: 'pause' });
    real += 100;
    driver.tick();
    expect(cluster.now() - t0).toBe(200);
    driver.command({ type: 'step', stepMs: 50 });
    expect(cluster.now() - t0).toBe(250);
    driver.command({ type: 'resume' });
    driver.command({ type: 'set-speed', speed: 10 });
    real += 10;
    driver.tick();
    expect(cluster.now() - t0).toBe(350);
    expect(driver.state).toEqual({ speed: 10, paused: false });
    expect(driver.command({ type: 'create-topic', topic: 't', partitions: 1, replicationFactor: 1 })).toEqual({ ok: true });
  });

  it('runs whole simulated ms, carrying the fraction, and kick() ticks on the next macrotask', async () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    let real = 0;
    let ticks = 0;
    const driver = new WallClockDriver(cluster, { realNow: () => real, tickMs: 60_000, afterTick: () => void ticks++ });
    driver.start();
    const t0 = cluster.now();
    real += 0.6;
    driver.tick();
    expect(cluster.now() - t0).toBe(0);
    real += 0.6;
    driver.kick();
    driver.kick();
    await new Promise((r) => setImmediate(r));
    expect(ticks).toBe(2);
    expect(cluster.now() - t0).toBe(1);
    driver.stop();
  });
});
