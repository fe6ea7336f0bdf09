/**
 * The last-resort handlers (last-resort.ts): a broker CLI process in which an error escapes (the
 * hidden self-test throws from a timer and leaves a promise rejected) logs both with their stacks
 * and keeps serving Kafka requests.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RawClient } from '../wire/testing/raw-client';
import { lastResortReporter } from './last-resort';

const CLI = join(__dirname, '..', 'cli.ts');
const METADATA = 3;

async function until(condition: () => boolean, what: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('last-resort handlers', () => {
  it('keep the broker CLI up after an uncaught exception and an unhandled rejection, and log both', async () => {
    // node with tsx's loader, not the tsx wrapper: the signal must reach the process that runs the CLI.
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'broker', '--in-memory', '--brokers', '1', '--port', '0'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, KAFKA_LAB_LAST_RESORT_SELFTEST: '1' },
    });
    let stdout = '';
    let stderr = '';
    let exited: number | null | undefined;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('close', (code) => (exited = code));
    try {
      await until(() => /kafka-lab ready bootstrap=\S+\n/.test(stdout) || exited !== undefined, () => `the ready line; stderr: ${stderr}`);
      expect(exited).toBeUndefined();
      const port = Number(/bootstrap=127\.0\.0\.1:(\d+)/.exec(stdout)![1]);

      child.kill('SIGUSR2');
      await until(() => (stderr.includes('thrown from a timer') && stderr.includes('rejected promise')) || exited !== undefined, () => `both errors in stderr: ${stderr}`);
      expect(exited).toBeUndefined();
      expect(stderr).toMatch(/kafka-lab broker: uncaught exception \(a bug: it escaped the error handling\); the process keeps running\. Error: kafka-lab last-resort self-test: thrown from a timer\n\s+at /);
      expect(stderr).toMatch(/kafka-lab broker: unhandled promise rejection .*rejected promise\n\s+at /);

      // Still a broker: a Metadata request is answered, and the stdin control channel works.
      const client = await RawClient.connect(port);
      client.request(METADATA, 9, 42, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      await client.waitFrames(1, 10_000);
      const { correlationId, body } = client.decode<{ brokers: { nodeId: number; port: number }[] }>(0, METADATA, 9);
      expect(correlationId).toBe(42);
      expect(body.brokers).toEqual([expect.objectContaining({ nodeId: 1, port })]);
      client.close();
      child.stdin.write('status\n');
      await until(() => /^status brokers=1:running/m.test(stdout), () => `a status line; stdout: ${stdout}`);
    } finally {
      child.kill('SIGTERM');
      await until(() => exited !== undefined, () => 'the CLI to exit', 15_000).catch(() => child.kill('SIGKILL'));
    }
    expect(exited).toBe(0);
  }, 90_000);

  it('writes the stack once per message and counts repeats in one summary line', async () => {
    const lines: string[] = [];
    let now = 0;
    const report = lastResortReporter({ name: 'test', write: (l) => void lines.push(l), now: () => now });
    const error = new Error('same failure');
    for (let i = 0; i < 50; i++) report('uncaught exception', error);
    report('unhandled promise rejection', 'a plain reason');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('test: uncaught exception');
    expect(lines[0]).toContain(error.stack!);
    expect(lines[1]).toContain('unhandled promise rejection');
    expect(lines[1]).toContain('a plain reason');
    now = 20_000;
    report('uncaught exception', error);
    expect(lines).toHaveLength(3);
  });
});
