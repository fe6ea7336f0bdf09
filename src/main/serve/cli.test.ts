/**
 * `npm run serve` as a user runs it (spawned, as a process): the access token kept in the settings
 * file across restarts (mode 0600, --token wins, --new-token rotates), a taken UI port named with
 * the port chosen, and Ctrl-C saying what it stops and exiting within 2 s.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { occupyEphemeralPort } from '../../broker/host/testing/occupied-port';

const CLI = join(__dirname, 'cli.ts');
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');
const configDir = mkdtempSync(join(tmpdir(), 'kafka-lab-settings-'));

interface Serve { child: ChildProcessWithoutNullStreams; ready: Promise<string>; output: () => string; exit: Promise<number | null> }

function serve(args: string[]): Serve {
  const child = spawn(TSX, [CLI, '--no-build', '--port', '0', '--ui-port', '0', ...(args.includes('--data-dir') ? [] : ['--in-memory']), ...args], { env: { ...process.env, KAFKA_LAB_CONFIG_DIR: configDir, FORCE_COLOR: '0' } });
  let output = '';
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve not ready:\n${output}`)), 45_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((l) => l.startsWith('kafka-lab serve ready '));
      if (line) {
        clearTimeout(timer);
        resolve(line);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
  });
  return { child, ready, output: () => output, exit };
}

async function runUntilReady(args: string[]): Promise<{ line: string; output: string }> {
  const s = serve(args);
  try {
    const line = await s.ready;
    return { line, output: s.output() };
  } finally {
    s.child.kill('SIGTERM');
    await s.exit;
  }
}

const tokenOf = (line: string) => /[?&]token=([^\s&]+)/.exec(line)?.[1];

afterAll(() => rmSync(configDir, { recursive: true, force: true }));

describe('serve CLI: the access token', () => {
  it('keeps the token across restarts in a 0600 settings file; --token wins without being stored; --new-token rotates', async () => {
    const first = await runUntilReady(['--demo']);
    const token = tokenOf(first.line)!;
    expect(token.length).toBeGreaterThanOrEqual(16);
    expect(first.output).toContain(`new access token stored in ${join(configDir, 'settings.json')}`);
    const file = join(configDir, 'settings.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ serveToken: token });

    const second = await runUntilReady(['--demo']);
    expect(tokenOf(second.line)).toBe(token);
    expect(second.output).toContain('access token kept from');

    const given = await runUntilReady(['--demo', '--token', 'room-42-secret']);
    expect(tokenOf(given.line)).toBe('room-42-secret');
    expect(JSON.parse(readFileSync(file, 'utf8')).serveToken).toBe(token);

    const rotated = await runUntilReady(['--demo', '--new-token']);
    const fresh = tokenOf(rotated.line)!;
    expect(fresh).not.toBe(token);
    expect(rotated.output).toContain('access token rotated');
    expect(tokenOf((await runUntilReady(['--demo'])).line)).toBe(fresh);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  }, 180_000);
});

describe('serve CLI: ports and shutdown', () => {
  it('names the taken UI port and the port chosen', async () => {
    const blocker = await occupyEphemeralPort();
    const taken = (blocker.address() as { port: number }).port;
    try {
      const { line, output } = await runUntilReady(['--demo', '--ui-port', String(taken)]);
      const chosen = Number(/url=http:\/\/127\.0\.0\.1:(\d+)\//.exec(line)![1]);
      expect(chosen).toBeGreaterThan(taken);
      // The next port may be held by a test running beside this one: the message then lists it too.
      expect(output).toMatch(new RegExp(`kafka-lab serve: (port ${taken} is|ports ${taken}(, \\d+)+ are) in use; the UI listens on ${chosen} instead of ${taken}`));
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('on Ctrl-C says what it stops and exits within 2 s', async () => {
    const s = serve([]);
    await s.ready;
    const sentAt = performance.now();
    s.child.kill('SIGINT');
    const code = await s.exit;
    const tookMs = performance.now() - sentAt;
    expect(code).toBe(0);
    expect(s.output()).toMatch(/kafka-lab serve: SIGINT \(Ctrl-C\): stopping 3 brokers, closing \d+ client connections?, disconnecting 0 browsers…/);
    expect(s.output()).toContain('kafka-lab serve: stopped');
    expect(tookMs).toBeLessThan(2000);
  }, 60_000);
});
