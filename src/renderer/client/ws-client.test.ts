import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWsClient, type SocketLike } from './ws-client';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  send(data: string) { this.sent.push(data); }
  close() { this.onclose?.(); }
  open() { this.readyState = 1; this.onopen?.(); }
  receive(message: unknown) { this.onmessage?.({ data: JSON.stringify(message) }); }
}

afterEach(() => vi.useRealTimers());

describe('createWsClient', () => {
  it('matches results to invokes by id and delivers pushes', async () => {
    const sockets: FakeSocket[] = [];
    const client = createWsClient('ws://x/ws', () => { const s = new FakeSocket(); sockets.push(s); return s; });
    const states: string[] = [];
    client.onConnectionState((s) => states.push(s));
    sockets[0]!.open();
    const pending = client.execute({ type: 'pause' });
    const frame = JSON.parse(sockets[0]!.sent[0]!);
    expect(frame).toMatchObject({ kind: 'invoke', method: 'execute', args: [{ type: 'pause' }] });
    sockets[0]!.receive({ kind: 'result', id: frame.id, ok: true, value: { ok: true } });
    expect(await pending).toEqual({ ok: true });
    const batches: unknown[] = [];
    client.on('events', (b) => batches.push(b));
    sockets[0]!.receive({ kind: 'push', channel: 'events', payload: [1] });
    expect(batches).toEqual([[1]]);
    expect(states).toEqual(['open']);
    client.close();
  });

  it('fails calls at once while disconnected and reconnects with backoff', async () => {
    vi.useFakeTimers();
    const sockets: FakeSocket[] = [];
    const client = createWsClient('ws://x/ws', () => { const s = new FakeSocket(); sockets.push(s); return s; });
    await expect(client.getHostInfo()).rejects.toThrow('not connected');
    sockets[0]!.open();
    const inFlight = client.getSnapshot();
    sockets[0]!.close();
    await expect(inFlight).rejects.toThrow('closed');
    expect(client.connectionState()).toBe('connecting');
    vi.advanceTimersByTime(300);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(client.connectionState()).toBe('open');
    client.close();
    expect(client.connectionState()).toBe('closed');
  });
});
