/**
 * Registers the contract on Electron's IPC: one handler per method from an object typed as
 * ClusterApi (a missing method is a compile error), and pushes from the PushHub to a window.
 */
import type { IpcMain, WebContents } from 'electron';
import { clusterApiMethods, invokeChannel, pushChannel, type ClusterApi } from '../shared/ipc-contract';
import type { PushHub } from './host/hosted-api';

/** Registers every method of `api`; returns the unregistration. */
export function registerClusterApi(ipcMain: IpcMain, api: ClusterApi): () => void {
  const handlers: { [K in keyof ClusterApi]: (...args: Parameters<ClusterApi[K]>) => ReturnType<ClusterApi[K]> } = {
    getSnapshot: () => api.getSnapshot(),
    execute: (command) => api.execute(command),
    getRecentEvents: (limit) => api.getRecentEvents(limit),
    getHostInfo: () => api.getHostInfo(),
  };
  for (const method of clusterApiMethods) {
    ipcMain.handle(invokeChannel(method), (_event, ...args: unknown[]) => (handlers[method] as (...a: unknown[]) => unknown)(...args));
  }
  return () => { for (const method of clusterApiMethods) ipcMain.removeHandler(invokeChannel(method)); };
}

/** Forwards the hub's coalesced pushes to one window's renderer. */
export function forwardPushes(hub: PushHub, contents: WebContents): () => void {
  return hub.subscribe((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(pushChannel(channel), payload);
  });
}
