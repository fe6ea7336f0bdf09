import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import { traceToJson } from '../sim/trace';
import { main } from './cli';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'scenario-cli-'));
const write = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
};
const tiny = (expectations: unknown[]) => ({
  formatVersion: 1, name: 'tiny', title: 'Tiny', summary: 'one producer', durationMs: 3000,
  cluster: { brokers: 1, controllers: 0 }, topics: [{ name: 't', partitions: 1, replicationFactor: 1 }],
  producers: [{ name: 'p', topic: 't', ratePerSec: 10 }],
  steps: [{ atMs: 1000, title: 'Ask', predict: { question: 'Lost?', choices: ['yes', 'no'], answer: 1, explanation: 'acks=all' } }],
  expectations,
});

describe('npm run scenario', () => {
  it('--list prints every built-in name with its summary', async () => {
    const r = await run(['--list']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^hello-kafka\s+A producer appends records/m);
  });

  it('prints the narration, the predict answer and the report; exit 0 when every outcome is met', async () => {
    const r = await run([write('ok.json', tiny([{ check: 'lost', producer: 'p', eq: 0 }]))]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('[   1.000 s] ▸ step 1: Ask');
    expect(r.out).toContain('? PREDICT: Lost? (1) yes (2) no');
    expect(r.out).toContain('✓ Answer: no — acks=all');
    expect(r.out).toContain('PASS  producer p lost = 0 — actual 0');
    expect(r.out).toContain('RESULT: every expected outcome met.');
  });

  it('exit 1 when an expected outcome fails', async () => {
    const r = await run([write('fail.json', tiny([{ check: 'acknowledged', producer: 'p', min: 1_000_000 }])), '--seed', '4']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL {2}producer p acknowledged ≥ 1000000 — actual \d+/);
    expect(r.out).toContain('(seed 4,');
  });

  it('exit 2 on an invalid file, printing each error with its field path', async () => {
    const bad = tiny([]);
    (bad.producers[0] as Record<string, unknown>).acks = 2;
    (bad.steps[0] as Record<string, unknown>).atMs = 9000;
    let r = await run([write('bad.json', bad)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('producers[0].acks: must be one of 0, 1, "all"');
    (bad.producers[0] as Record<string, unknown>).acks = 1;
    r = await run([write('bad2.json', bad)]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('steps[0].atMs: 9000 is after the end of the scenario (durationMs 3000)');
    expect((await run(['no-such-scenario'])).err).toContain('no built-in scenario named no-such-scenario');
    expect((await run(['--speed', '0', 'hello-kafka'])).code).toBe(2);
  });

  it('--replay prints the event log of a session without a scenario', async () => {
    const c = createCluster({ seed: 1, brokers: [{ brokerId: 1 }] });
    c.command({ type: 'create-topic', topic: 'x', partitions: 1, replicationFactor: 1 });
    c.runUntil(c.now() + 1000);
    const r = await run(['--replay', write('session.json', traceToJson(c.exportTrace()))]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/topic-created.*x|x.*created/i);
    expect((await run(['--replay', write('junk.json', '{"x":1}')])).code).toBe(2);
  });

  it('the npm script exits with the code (a real process)', () => {
    const p = spawnSync('npx', ['tsx', 'src/broker/scenario/cli.ts', write('bad3.json', '{"formatVersion": 1}')], { encoding: 'utf8', timeout: 60_000 });
    expect(p.status).toBe(2);
    expect(p.stderr).toContain('name: is required');
  }, 60_000);
});
