/** The headless CLI as a user runs it: readiness line, stdin control commands, clean shutdown, config errors. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { occupyEphemeralPort } from './testing/occupied-port';

const CLI = join(__dirname, '..', 'cli.ts');
const TSX = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsx');

function startCli(args: string[]): { child: ChildProcessWithoutNullStreams; nextLine: () => Promise<string>; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(TSX, [CLI, 'broker', '--in-memory', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  let buffered = '';
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  child.stdout.on('data', (b: Buffer) => {
    buffered += b.toString();
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      const waiter = waiters.shift();
      if (waiter) waiter(line);
      else lines.push(line);
    }
  });
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const nextLine = (): Promise<string> => {
    const line = lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no line from the CLI; stderr: ${stderr}`)), 30_000);
      waiters.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  };
  return { child, nextLine, exit, stderr: () => stderr };
}

describe('kafka-lab broker CLI', () => {
  it('prints one ready line, answers each stdin command with one line and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--brokers', '3', '--port', '0', '--seed', '7', '--partitions', '2', '--config', 'min.insync.replicas=2']);
    const ready = await cli.nextLine();
    expect(ready).toMatch(/^kafka-lab ready bootstrap=127\.0\.0\.1:\d+,127\.0\.0\.1:\d+,127\.0\.0\.1:\d+$/);
    const ports = ready.split('=')[1]!.split(',').map((a) => Number(a.split(':')[1]));
    const send = async (line: string): Promise<string> => {
      cli.child.stdin.write(`${line}\n`);
      return cli.nextLine();
    };
    expect(await send('status')).toMatch(new RegExp(`^status brokers=1:running@${ports[0]},2:running@${ports[1]},3:running@${ports[2]} controller=\\d `));
    expect(await send('help')).toMatch(/^commands: stop <id>/);
    expect(await send('fly away')).toMatch(/^error: unknown command "fly"/);
    expect(await send('stop x')).toMatch(/^error: usage: stop <broker id>/);
    expect(await send('stop 2')).toMatch(/^ok stop 2/);
    expect(await send('status')).toMatch(/brokers=1:running@\d+,2:stopped@\d+,3:running/);
    expect(await send('stop 9')).toMatch(/^error: /);
    expect(await send('start 2')).toMatch(/^ok start 2/);
    expect(await send('kill 1')).toMatch(/^ok kill 1/);
    expect(await send('status')).toMatch(/brokers=1:stopped/);
    expect(await send('start 1')).toMatch(/^ok start 1/);
    expect(await send('power-loss x')).toMatch(/^error: usage: power-loss <broker id>/);
    expect(await send('power-loss 3')).toMatch(/^ok power-loss 3: power lost: unflushed records dropped$/);
    expect(await send('status')).toMatch(/brokers=1:running@\d+,2:running@\d+,3:stopped/);
    expect(await send('power-loss 3')).toMatch(/^error: INVALID_REQUEST: Broker 3 is already stopped/);
    expect(await send('start 3')).toMatch(/^ok start 3/);
    expect(await send('isolate 3')).toMatch(/^ok isolate 3/);
    expect(await send('heal 3')).toMatch(/^ok heal 3/);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  }, 60_000);

  it('prints its usage for --help', async () => {
    const cli = startCli(['--help']);
    expect(await cli.nextLine()).toMatch(/^Usage: kafka-lab broker/);
    expect(await cli.exit).toBe(0);
  }, 30_000);

  it('rejects an invalid --config with a clear error and exit code 2 (every other case: cli-args.test.ts)', async () => {
    const cli = startCli(['--port', '0', '--config', 'min.insync.replicas=zero']);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toMatch(/^kafka-lab broker: Invalid value zero for configuration min.insync.replicas/);
  }, 30_000);

  it('issue 16: with two listeners the ready line keeps bootstrap= (the first) and adds listener.<NAME>.bootstrap= per listener', async () => {
    const cli = startCli(['--brokers', '2', '--port', '0', '--user', 'alice:alice-secret', '--config', 'listeners=PLAINTEXT://:0,SECURE://:0', '--config', 'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SECURE:SASL_PLAINTEXT']);
    const ready = await cli.nextLine();
    expect(ready).toMatch(/^kafka-lab ready bootstrap=(127\.0\.0\.1:\d+,?){2} listener\.PLAINTEXT\.bootstrap=(127\.0\.0\.1:\d+,?){2} listener\.PLAINTEXT\.security\.protocol=PLAINTEXT listener\.SECURE\.bootstrap=(127\.0\.0\.1:\d+,?){2} listener\.SECURE\.security\.protocol=SASL_PLAINTEXT$/);
    const fields = new Map(ready.slice('kafka-lab ready '.length).split(' ').map((f) => [f.slice(0, f.indexOf('=')), f.slice(f.indexOf('=') + 1)]));
    expect(fields.get('bootstrap')).toBe(fields.get('listener.PLAINTEXT.bootstrap'));
    const securePorts = fields.get('listener.SECURE.bootstrap')!.split(',').map((a) => Number(a.split(':')[1]));
    expect(securePorts.some((p) => fields.get('bootstrap')!.includes(`:${p}`))).toBe(false);
    for (const port of securePorts) {
      await new Promise<void>((resolve, reject) => {
        const socket: Socket = connect(port, '127.0.0.1', () => {
          socket.destroy();
          resolve();
        });
        socket.on('error', reject);
      });
    }
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  }, 60_000);

  it('issue 16: refuses a listener without a security protocol at start, in Kafka\'s words, exit code 2', async () => {
    const cli = startCli(['--port', '0', '--config', 'listeners=PLAINTEXT://:0,CLIENT://:0']);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toMatch(/^kafka-lab broker: Error creating broker listeners from 'PLAINTEXT:\/\/:0,CLIENT:\/\/:0': No security protocol defined for listener CLIENT/);
  }, 30_000);

  it('says which port is taken and which ports the brokers listen on instead', async () => {
    const blocker = await occupyEphemeralPort();
    const taken = (blocker.address() as { port: number }).port;
    const cli = startCli(['--brokers', '3', '--port', String(taken), '--seed', '3']);
    try {
      const ready = await cli.nextLine();
      const ports = ready.split('=')[1]!.split(',').map((a) => Number(a.split(':')[1]));
      expect(ports[0]).toBeGreaterThan(taken);
      // Other ports in the range may be held by tests running beside this one: the message lists them all.
      expect(cli.stderr()).toMatch(new RegExp(`kafka-lab: (port ${taken} is|ports ${taken}(, \\d+)+ are) in use; the brokers listen on ${ports[0]}-${ports[2]} instead of ${taken}-${taken + 2}`));
    } finally {
      cli.child.kill('SIGTERM');
      await cli.exit;
      blocker.close();
    }
  }, 60_000);

  it('on Ctrl-C (SIGINT) says what it stops and exits within 2 s, client connections open', async () => {
    const cli = startCli(['--brokers', '3', '--port', '0', '--seed', '4']);
    const ready = await cli.nextLine();
    const ports = ready.split('=')[1]!.split(',').map((a) => Number(a.split(':')[1]));
    // Two idle client connections that never close by themselves.
    const sockets: Socket[] = await Promise.all(ports.slice(0, 2).map((port) => new Promise<Socket>((resolve) => {
      const s = connect(port, '127.0.0.1', () => resolve(s));
      s.on('error', () => {});
    })));
    cli.child.stdin.write('status\n');
    await cli.nextLine(); // the connections are accepted before the signal
    const sentAt = performance.now();
    cli.child.kill('SIGINT');
    const code = await cli.exit;
    const tookMs = performance.now() - sentAt;
    for (const s of sockets) s.destroy();
    expect(code).toBe(0);
    expect(cli.stderr()).toContain('kafka-lab: SIGINT (Ctrl-C): stopping 3 brokers, closing 2 client connections…');
    expect(cli.stderr()).toContain('kafka-lab: stopped');
    expect(tookMs).toBeLessThan(2000);
  }, 60_000);
});
