/**
 * For restart tests (issue 15): `kafka-lab broker --data-dir <root> --lab <lab>` as a child process
 * that a test can stop with SIGTERM or SIGKILL and start again on the same lab directory, and a
 * small raw-wire caller (RawClient) for requests whose exact bytes matter.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { encodeRequest } from '../../protocol';
import { RawClient } from '../../wire/testing/raw-client';

const CLI = path.join(__dirname, '..', '..', 'cli.ts');

export interface LabProcess {
  child: ChildProcessWithoutNullStreams;
  bootstrap: string;
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Every child started here, so a test's afterAll can SIGKILL what is still running. */
export const labProcesses: ChildProcessWithoutNullStreams[] = [];

/** Starts a 3-broker lab process on `<root>/<lab>` and waits (up to 60 s) for its ready line. */
export async function startLabProcess(root: string, lab: string, extraArgs: string[] = []): Promise<LabProcess> {
  // node --import tsx: the child is the broker itself, so SIGKILL reaches it (tsx's wrapper would not pass it on).
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'broker', '--data-dir', root, '--lab', lab, '--brokers', '3', '--port', '0', '--seed', '3', ...extraArgs], { stdio: ['pipe', 'pipe', 'pipe'] });
  labProcesses.push(child);
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const bootstrap = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`broker not ready: ${stderr}`)), 60_000);
    child.stdout.on('data', (b: Buffer) => {
      stdout += b.toString();
      const m = /kafka-lab ready bootstrap=(\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
  });
  return { child, bootstrap, stderr: () => stderr, exited };
}

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** One request at a time per port over RawClient connections; frames may be given as exact bytes. */
export class RawCaller {
  private readonly clients = new Map<number, RawClient>();
  private correlationId = 0;

  /** The request frame for `body` (size-prefixed), so a test can send the very same bytes again. */
  frame(apiKey: number, version: number, body: object): Buffer {
    return encodeRequest(apiKey, version, ++this.correlationId, 'restart-test', body);
  }

  async call(port: number, apiKey: number, version: number, body: object): Promise<Obj> {
    return this.send(port, apiKey, version, this.frame(apiKey, version, body));
  }

  /** Sends `frame` as is and decodes the answer as `apiKey` v`version`. */
  async send(port: number, apiKey: number, version: number, frame: Buffer): Promise<Obj> {
    let c = this.clients.get(port);
    if (!c || c.closed) this.clients.set(port, (c = await RawClient.connect(port)));
    const index = c.frames.length;
    c.send(frame);
    await c.waitFrames(index + 1, 30_000);
    if (c.frames.length <= index) throw new Error(`no answer to API ${apiKey} v${version} on port ${port}`);
    return c.decode<Obj>(index, apiKey, version).body;
  }

  /** Polls Metadata v12 until `topic` partition 0 has a leader; returns the leader's port. */
  async leaderPort(anyPort: number, topic: string): Promise<number> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const m = await this.call(anyPort, 3, 12, { topics: [{ topicId: 'AAAAAAAAAAAAAAAAAAAAAA', name: topic }], allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
      const leaderId = m.topics[0]?.partitions[0]?.leaderId as number | undefined;
      const broker = (m.brokers as { nodeId: number; port: number }[]).find((b) => b.nodeId === leaderId);
      if (broker) return broker.port;
      if (Date.now() > deadline) throw new Error(`no leader for ${topic}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }
}

export const portsOf = (bootstrap: string): number[] => bootstrap.split(',').map((hp) => Number(hp.split(':')[1]));
