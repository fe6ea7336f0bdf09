/**
 * Chooses the transport: the preload bridge inside Electron, otherwise serve mode's WebSocket on
 * the page's own origin. The access token travels from the page URL to the socket URL and is then
 * removed from the address bar, so a projected screen does not show it.
 */
import type { ClusterSource } from '../../shared/cluster-source';
import { bridgeGlobalName, type ClusterBridge } from '../../shared/ipc-contract';
import { createBridgeClient } from './bridge-client';
import { createWsClient } from './ws-client';

const tokenKey = 'kafka-lab.token';

/** Takes the token from ?token= (remembering it for this tab) or from the tab's memory. */
export function takeAccessToken(location: Location, history: History, storage: Storage | null): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage?.setItem(tokenKey, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage?.getItem(tokenKey) ?? null;
}

export function pickClient(): ClusterSource {
  const bridge = (window as unknown as Record<string, ClusterBridge | undefined>)[bridgeGlobalName];
  if (bridge) return createBridgeClient(bridge);
  const token = takeAccessToken(window.location, window.history, safeSessionStorage());
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return createWsClient(`${scheme}://${window.location.host}/ws${query}`);
}

function safeSessionStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
