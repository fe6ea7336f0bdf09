/**
 * Preload: exposes the typed contract on window.kafkaLab, nothing else. Loops over the method
 * and push-channel lists from the contract, so it cannot drift from main's registrations.
 * Runs sandboxed (contextIsolation + sandbox): only `electron` may be required here.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { bridgeGlobalName, clusterApiMethods, clusterPushChannels, invokeChannel, pushChannel, type ClusterBridge, type ClusterPushChannel, type ClusterPushes } from '../shared/ipc-contract';

const invokers = Object.fromEntries(
  clusterApiMethods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(invokeChannel(method), ...args)]),
) as unknown as Omit<ClusterBridge, 'on'>;

const bridge: ClusterBridge = {
  ...invokers,
  on<K extends ClusterPushChannel>(channel: K, listener: (payload: ClusterPushes[K]) => void) {
    // Only the contract's channels; the raw ipcRenderer never reaches the page.
    if (!(clusterPushChannels as readonly string[]).includes(channel)) throw new Error(`unknown push channel ${channel}`);
    const handler = (_event: IpcRendererEvent, payload: ClusterPushes[K]) => listener(payload);
    ipcRenderer.on(pushChannel(channel), handler);
    return () => void ipcRenderer.removeListener(pushChannel(channel), handler);
  },
};

contextBridge.exposeInMainWorld(bridgeGlobalName, bridge);
