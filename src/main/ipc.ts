/**
 * Registers the contract on Electron's IPC: one handler per method of an object typed as
 * ClusterApi (a missing method is a compile error where that object is built), and pushes from
 * the PushHub to a window.
 */
import type { IpcMain, WebContents } from 'electron';
import { clusterApiMethods, invokeChannel, pushChannel, type ClusterApi } from '../shared/ipc-contract';
import type { PushHub } from './host/hosted-api';

/** Registers every method of `api`; returns the unregistration. */
export function registerClusterApi(ipcMain: IpcMain, api: ClusterApi): () => void {
  for (const method of clusterApiMethods) {
    const handler = api[method] as (...args: unknown[]) => Promise<unknown>;
    ipcMain.handle(invokeChannel(method), (_event, ...args: unknown[]) => handler(...args));
  }
  return () => { for (const method of clusterApiMethods) ipcMain.removeHandler(invokeChannel(method)); };
}

/** Forwards the hub's coalesced pushes to one window's renderer. */
export function forwardPushes(hub: PushHub, contents: WebContents): () => void {
  return hub.subscribe((channel, payload) => {
    if (!contents.isDestroyed()) contents.send(pushChannel(channel), payload);
  });
}
