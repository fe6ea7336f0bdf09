import { describe, expect, it } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import { clusterApiMethods, invokeChannel, pushChannel } from '../shared/ipc-contract';
import { FakeClusterHost } from './host/fake-cluster-host';
import { createHostedApi, PushHub } from './host/hosted-api';
import { unavailableWorkbench } from './host/unavailable-workbench';
import { forwardPushes, registerClusterApi } from './ipc';

/** Just enough of ipcMain to record and call handlers. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  } as unknown as IpcMain;
  return { ipcMain, handlers };
}

describe('Electron IPC registration', () => {
  it('registers one handler per contract method and routes calls to the hosted API', async () => {
    const host = new FakeClusterHost({ tickMs: 0 });
    const hub = new PushHub(host, 60_000);
    const { ipcMain, handlers } = fakeIpcMain();
    const unregister = registerClusterApi(ipcMain, createHostedApi(host, hub, 'electron', false, unavailableWorkbench('not in this test')));
    expect([...handlers.keys()].sort()).toEqual(clusterApiMethods.map(invokeChannel).sort());
    const result = await handlers.get(invokeChannel('execute'))!({}, { type: 'create-topic', topic: 'orders', partitions: 1, replicationFactor: 1 });
    expect(result).toEqual({ ok: true });
    expect(await handlers.get(invokeChannel('getHostInfo'))!({})).toMatchObject({ mode: 'electron', readOnly: false });
    unregister();
    expect(handlers.size).toBe(0);
    hub.close();
    await host.close();
  });

  it('forwards pushes to a window until it is destroyed', async () => {
    const host = new FakeClusterHost({ tickMs: 0 });
    const hub = new PushHub(host, 60_000);
    const sent: string[] = [];
    let destroyed = false;
    const contents = { isDestroyed: () => destroyed, send: (channel: string) => void sent.push(channel) } as unknown as WebContents;
    forwardPushes(hub, contents);
    hub.tick();
    hub.tick();
    expect(sent).toEqual([pushChannel('snapshot'), pushChannel('snapshotPatch')]);
    destroyed = true;
    hub.tick();
    expect(sent).toHaveLength(2);
    hub.close();
    await host.close();
  });
});
