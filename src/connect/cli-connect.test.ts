/** `npm run broker -- --connect 0` as a user runs it: the ready line names the worker's URL, which answers. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';

const CLI = join(__dirname, '..', 'broker', 'cli.ts');
const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx');

describe('kafka-lab broker --connect', () => {
  it('starts a Connect worker beside the cluster, says so in the ready line and stops it on SIGTERM', async () => {
    const child = spawn(TSX, [CLI, 'broker', '--in-memory', '--brokers', '1', '--port', '0', '--connect', '0'], { stdio: ['pipe', 'pipe', 'pipe'] });
    // A run that fails half-way leaves no process behind (a no-op once it has exited).
    onTestFinished(() => void child.kill('SIGKILL'));
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => {
        stdout += b.toString();
        const line = stdout.split('\n').find((l) => l.startsWith('kafka-lab ready'));
        if (line) resolve(line);
      });
      void exit.then((code) => reject(new Error(`the CLI exited (${code}) before ready; stderr: ${stderr}`)));
    });
    expect(ready).toMatch(/^kafka-lab ready bootstrap=127\.0\.0\.1:\d+ connect=http:\/\/127\.0\.0\.1:\d+$/);
    const url = /connect=(\S+)/.exec(ready)![1]!;
    const root = await fetch(`${url}/`);
    expect(root.status).toBe(200);
    expect(await root.json()).toMatchObject({ version: expect.any(String), kafka_cluster_id: expect.any(String) });
    expect(await (await fetch(`${url}/connectors`)).json()).toEqual([]);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(stderr).toContain('kafka-lab: stopped');
  });

  it('refuses a port that is not a number with the usage', async () => {
    const child = spawn(TSX, [CLI, 'broker', '--in-memory', '--connect=web'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    expect(await new Promise((resolve) => child.on('close', resolve))).toBe(2);
    expect(stderr).toContain('--connect expects a port number (0-65535), got "web"');
    expect(stderr).toContain('--connect [port]');
  });
});
