/**
 * The watchdog must end a process whose event loop is stuck (nothing else in it can), naming the
 * seed, round and family. Run in a child process, since it kills the process it watches.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = `
import { Watchdog } from './src/broker/fuzz/watchdog.ts';
const w = new Watchdog(42, ['a', 'stuck-family'], 500, 2 ** 40);
w.round(7, 1);
const until = Date.now() + 10_000;
while (Date.now() < until) { /* a model step that never returns */ }
console.log('still running');
await w.stop();
`;

describe('fuzz watchdog', () => {
  it('kills a process whose event loop is stuck and says what was running', () => {
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], { cwd: process.cwd(), encoding: 'utf8', timeout: 30_000 });
    expect(child.signal).toBe('SIGKILL');
    expect(child.stdout).not.toContain('still running');
    expect(child.stderr).toMatch(/FAILURE \[liveness\] the event loop has not run for \d+ ms; reproduce with SEED=42 \(round 7, family stuck-family\)/);
  }, 40_000);
});
