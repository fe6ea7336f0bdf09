/**
 * A local address where a TCP connect gets no answer, for tests of the connect deadline: a
 * listening socket (python3, backlog 0) that never accepts, its accept queue filled by one
 * connection; Linux then drops further SYNs (net.ipv4.tcp_abort_on_overflow=0), exactly as an
 * unreachable host or a firewall that drops packets looks to a client. Non-routable addresses
 * (10.255.255.1) cannot stand in here: a sandbox's transparent proxy may accept them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as net from 'node:net';

const SCRIPT = 'import socket,sys\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\nsys.stdin.read()';

export async function blackHolePort(): Promise<{ port: number; close(): void }> {
  const child: ChildProcess = spawn('/usr/bin/python3', ['-c', SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())));
  });
  // Fill the accept queue: this first connect completes, later SYNs are dropped.
  const filler = net.connect({ host: '127.0.0.1', port });
  filler.on('error', () => {});
  await new Promise<void>((resolve) => filler.once('connect', () => resolve()));
  return { port, close: () => { filler.destroy(); child.kill(); } };
}
