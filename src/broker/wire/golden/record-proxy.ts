/**
 * A recording TCP proxy for golden-bytes fixtures (ARCHITECTURE §5.2): sits between a real client
 * and our broker, forwards both directions unchanged, and writes the first request frame of each
 * (client, API, version) to `<outDir>/<client>-<api-name>-v<N>.bin` (the payload after the size
 * prefix) with a `.json` note saying where it came from. Responses are not recorded.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NAMES } from '../../protocol';
import { FrameDecoder } from '../frame-decoder';

export interface FixtureNote {
  client: string;
  clientVersion: string;
  apiKey: number;
  apiName: string;
  apiVersion: number;
  /** How the client was driven, e.g. the kcat command line. */
  source: string;
  capturedWith: string;
}

export function kebab(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

export class RecordingProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  readonly written: string[] = [];
  /** What the current client is; set before each client runs. */
  current: { client: string; clientVersion: string; source: string } = { client: 'unknown', clientVersion: '?', source: '' };

  constructor(private readonly target: { host: string; port: number }, private readonly outDir: string) {}

  async listen(port = 0): Promise<number> {
    this.server = createServer((clientSocket) => this.accept(clientSocket));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(clientSocket: Socket): void {
    const upstream = connect(this.target);
    this.sockets.add(clientSocket).add(upstream);
    const decoder = new FrameDecoder();
    clientSocket.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      try {
        for (const frame of decoder.pushOwned(chunk)) this.record(frame);
      } catch {
        // not Kafka framing: forward only
      }
    });
    upstream.on('data', (chunk: Buffer) => clientSocket.write(chunk));
    const closeBoth = (): void => {
      clientSocket.destroy();
      upstream.destroy();
      this.sockets.delete(clientSocket);
      this.sockets.delete(upstream);
    };
    clientSocket.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  }

  private record(frame: Buffer): void {
    if (frame.length < 8) return;
    const apiKey = frame.readInt16BE(0);
    const apiVersion = frame.readInt16BE(2);
    const apiName = API_NAMES.get(apiKey) ?? `Unknown${apiKey}`;
    const base = `${this.current.client}-${kebab(apiName)}-v${apiVersion}`;
    const bin = join(this.outDir, `${base}.bin`);
    if (existsSync(bin)) return;
    writeFileSync(bin, frame);
    const note: FixtureNote = { ...this.current, apiKey, apiName, apiVersion, capturedWith: 'src/broker/wire/golden/record-proxy.ts' };
    writeFileSync(join(this.outDir, `${base}.json`), `${JSON.stringify(note, null, 2)}\n`);
    this.written.push(base);
  }
}
