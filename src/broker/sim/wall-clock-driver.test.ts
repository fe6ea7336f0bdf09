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

  it('start({ paused: true }) runs no simulated time, however long the start takes, until resume', () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    let real = 1000;
    const driver = new WallClockDriver(cluster, { realNow: () => real, tickMs: 60_000 });
    const t0 = cluster.now();
    driver.start({ paused: true });
    real += 250;
    driver.pause();
    driver.tick();
    expect(cluster.now()).toBe(t0);
    expect(driver.state.paused).toBe(true);
    driver.resume();
    real += 40;
    driver.tick();
    expect(cluster.now() - t0).toBe(40);
    driver.stop();
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

describe('WallClockDriver hold (issue 13: a predict step waits for the presenter)', () => {
  it('never runs simulated time past holdAtMs, by ticks or steps, and runs on once the hold moves', () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    let real = 1000;
    const t0 = cluster.now();
    let hold: number | null = t0 + 250;
    const driver = new WallClockDriver(cluster, { realNow: () => real, holdAtMs: () => hold });
    driver.resume();
    real += 200;
    driver.tick();
    expect(cluster.now() - t0).toBe(200);
    real += 5000;
    driver.tick();
    expect(cluster.now() - t0).toBe(250);
    real += 5000;
    driver.tick();
    driver.command({ type: 'step', stepMs: 100 });
    expect(cluster.now() - t0).toBe(250);
    hold = null;
    real += 30;
    driver.tick();
    expect(cluster.now() - t0).toBe(280);
  });
});

describe('WallClockDriver containment', () => {
  it('drops a model event that throws, reports it once with its stack, and runs every other event on time', () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    let real = 1000;
    const reports: { error: unknown; repeats: number; message: string }[] = [];
    const driver = new WallClockDriver(cluster, { realNow: () => real, onModelError: (r) => void reports.push(r) });
    driver.resume();
    const t0 = cluster.now();
    const ran: number[] = [];
    cluster.services.schedule(10, 'test: fails', () => {
      throw new Error('boom in a model event');
    });
    cluster.services.schedule(20, 'test: after the failure', () => void ran.push(cluster.now() - t0));
    cluster.services.schedule(30, 'test: fails again', () => {
      throw new Error('boom in a model event');
    });
    cluster.services.schedule(40, 'test: last', () => void ran.push(cluster.now() - t0));
    real += 100;
    expect(() => driver.tick()).not.toThrow();
    expect(ran).toEqual([20, 40]);
    expect(cluster.now() - t0).toBe(100);
    expect(driver.modelFailures).toBe(2);
    // The first failure is reported with its stack; the repeat is counted, not reported again yet.
    expect(reports).toHaveLength(1);
    expect(reports[0]!.message).toBe('boom in a model event');
    expect((reports[0]!.error as Error).stack).toContain('wall-clock-driver.test.ts');

    // The cluster still serves: a topic can be created and the controller's work runs.
    expect(driver.command({ type: 'create-topic', topic: 'after', partitions: 1, replicationFactor: 1 })).toEqual({ ok: true });
    real += 6000;
    driver.tick();
    expect(cluster.snapshot().topics.some((t) => t.name === 'after')).toBe(true);
    expect(reports.at(-1)).toMatchObject({ repeats: 1, message: 'boom in a model event' });
  });

  it('keeps ticking from its own timers when every tick throws, and a throwing afterTick is contained too', async () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    const reports: string[] = [];
    let afterTicks = 0;
    const driver = new WallClockDriver(cluster, {
      tickMs: 5,
      onModelError: (r) => void reports.push(r.message),
      afterTick: () => {
        afterTicks++;
        throw new Error('viewer failed');
      },
    });
    const t0 = cluster.now();
    for (let i = 1; i <= 5; i++) {
      cluster.services.schedule(i * 5, 'test: fails', () => {
        throw new Error(`failure ${i}`);
      });
    }
    driver.start();
    const deadline = Date.now() + 5000;
    while ((cluster.now() - t0 < 60 || afterTicks < 3) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    driver.stop();
    expect(cluster.now() - t0).toBeGreaterThanOrEqual(60);
    expect(afterTicks).toBeGreaterThanOrEqual(3);
    expect(driver.modelFailures).toBe(5);
    expect(reports).toContain('viewer failed');
    expect(reports.filter((m) => m.startsWith('failure '))).toHaveLength(5);
  });

  it('step() on a paused model contains a failing event as well', () => {
    const cluster = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    const reports: string[] = [];
    const driver = new WallClockDriver(cluster, { realNow: () => 0, onModelError: (r) => void reports.push(r.message) });
    driver.pause();
    const t0 = cluster.now();
    cluster.services.schedule(5, 'test: fails', () => {
      throw new Error('step failure');
    });
    expect(driver.command({ type: 'step', stepMs: 50 })).toEqual({ ok: true });
    expect(cluster.now() - t0).toBe(50);
    expect(reports).toEqual(['step failure']);
  });
});
