/**
 * ClusterSource over serve mode's WebSocket (/ws). Reconnects with backoff; calls made while
 * disconnected fail at once rather than hang, and the store reloads everything on reconnect.
 */
import type { ClusterSource, ConnectionState } from '../../shared/cluster-source';
import { clusterApiMethods, type ClusterApi, type ClusterApiMethod, type ClusterPushChannel, type ClusterPushes, type WsServerMessage } from '../../shared/ipc-contract';

type Pending = { resolve(value: unknown): void; reject(error: Error): void };

/** Minimal WebSocket surface, so tests can pass a fake. */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(): void;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

export function createWsClient(url: string, openSocket: (url: string) => SocketLike = (u) => new WebSocket(u) as unknown as SocketLike): ClusterSource & { close(): void } {
  let socket: SocketLike | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = 250;
  let closedByUser = false;
  const pending = new Map<number, Pending>();
  const pushListeners = new Map<ClusterPushChannel, Set<(payload: never) => void>>();
  const stateListeners = new Set<(state: ConnectionState) => void>();

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next);
  };

  const connect = () => {
    const s = openSocket(url);
    socket = s;
    s.onopen = () => {
      retryMs = 250;
      setState('open');
    };
    s.onmessage = (event) => {
      const message = JSON.parse(String(event.data)) as WsServerMessage;
      if (message.kind === 'push') {
        for (const l of pushListeners.get(message.channel) ?? []) (l as (p: unknown) => void)(message.payload);
      } else {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (!p) return;
        if (message.ok) p.resolve(message.value);
        else p.reject(new Error(message.error));
      }
    };
    s.onclose = () => {
      for (const p of pending.values()) p.reject(new Error('connection to the Kafka Lab server closed'));
      pending.clear();
      setState(closedByUser ? 'closed' : 'connecting');
      if (!closedByUser) {
        setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      }
    };
  };

  const invoke = (method: ClusterApiMethod, ...args: unknown[]): Promise<never> =>
    new Promise((resolve, reject) => {
      if (!socket || state !== 'open') return reject(new Error('not connected to the Kafka Lab server'));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      socket.send(JSON.stringify({ kind: 'invoke', id, method, args }));
    });

  connect();
  // Every contract method is the same frame with a different name: generated from the list.
  const methods = Object.fromEntries(clusterApiMethods.map((method) => [method, (...args: unknown[]) => invoke(method, ...args)])) as unknown as ClusterApi;
  return {
    ...methods,
    on<K extends ClusterPushChannel>(channel: K, listener: (payload: ClusterPushes[K]) => void) {
      let set = pushListeners.get(channel);
      if (!set) pushListeners.set(channel, (set = new Set()));
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    connectionState: () => state,
    onConnectionState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      socket?.close();
    },
  };
}
