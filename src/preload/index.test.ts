import { beforeAll, describe, expect, it, vi } from 'vitest';
import { clusterApiMethods, invokeChannel, pushChannel, type ClusterBridge } from '../shared/ipc-contract';

const exposed: Record<string, unknown> = {};
const invoked: unknown[][] = [];
const listeners = new Map<string, ((event: unknown, payload: unknown) => void)[]>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => { exposed[name] = api; } },
  ipcRenderer: {
    invoke: async (...args: unknown[]) => { invoked.push(args); return 'answer'; },
    on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, [...(listeners.get(channel) ?? []), l]),
    removeListener: (channel: string, l: unknown) => listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l)),
  },
}));

describe('preload', () => {
  let bridge: ClusterBridge;
  beforeAll(async () => {
    await import('./index');
    bridge = exposed.kafkaLab as ClusterBridge;
  });

  it('exposes exactly the contract methods and on(), nothing else', () => {
    expect(Object.keys(bridge).sort()).toEqual([...clusterApiMethods, 'on'].sort());
  });

  it('invokes the method channel with the arguments', async () => {
    expect(await bridge.execute({ type: 'pause' })).toBe('answer');
    expect(invoked).toEqual([[invokeChannel('execute'), { type: 'pause' }]]);
  });

  it('subscribes to contract push channels only, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = bridge.on('events', (batch) => got.push(batch));
    listeners.get(pushChannel('events'))![0]!({}, ['e']);
    expect(got).toEqual([['e']]);
    off();
    expect(listeners.get(pushChannel('events'))).toHaveLength(0);
    expect(() => bridge.on('ipc-secrets' as never, () => {})).toThrow('unknown push channel');
  });
});
