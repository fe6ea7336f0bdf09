/**
 * For tests that compare what a real client sent with what the broker stored: a TCP proxy in front
 * of one broker listener that forwards both directions unchanged and keeps every Produce request's
 * record batches (per topic-partition, in the order they crossed the wire), as the client wrote them.
 * The broker advertises the proxy (SimCluster.setBrokerEndpoint), so every connection goes through it.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { decodeRequestBody, decodeRequestHeader } from '../../protocol';
import { splitBatches } from '../../protocol/records';
import { FrameDecoder } from '../../wire/frame-decoder';

export class ProduceCaptureProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  /** `topic-partition` → the record batches of each Produce request, copied from the wire. */
  readonly batches = new Map<string, Buffer[]>();

  constructor(private readonly targetPort: number) {}

  async listen(): Promise<number> {
    this.server = createServer((s) => this.accept(s));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server.address() as { port: number }).port;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(clientSocket: Socket): void {
    const upstream = connect({ host: '127.0.0.1', port: this.targetPort });
    this.sockets.add(clientSocket).add(upstream);
    const decoder = new FrameDecoder();
    clientSocket.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      for (const frame of decoder.pushOwned(Buffer.from(chunk))) this.record(frame);
    });
    upstream.on('data', (chunk: Buffer) => clientSocket.write(chunk));
    const closeBoth = (): void => {
      clientSocket.destroy();
      upstream.destroy();
    };
    clientSocket.on('close', closeBoth).on('error', closeBoth);
    upstream.on('close', closeBoth).on('error', closeBoth);
  }

  private record(frame: Buffer): void {
    const { header, bodyOffset } = decodeRequestHeader(frame);
    if (header.apiKey !== 0) return;
    const body = decodeRequestBody<{ topicData: { name: string; partitionData: { index: number; records: Buffer | null }[] }[] }>(0, header.apiVersion, frame, bodyOffset);
    for (const t of body.topicData) {
      for (const p of t.partitionData) {
        if (!p.records) continue;
        const key = `${t.name}-${p.index}`;
        const list = this.batches.get(key) ?? [];
        for (const b of splitBatches(p.records)) list.push(Buffer.from(b));
        this.batches.set(key, list);
      }
    }
  }
}
