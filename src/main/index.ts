/**
 * Electron main: lifecycle, one window, a menu, and the IPC registration. The cluster itself is
 * the same ClusterHost serve mode runs (src/main/host), so everything below is thin glue.
 */
import { app, BrowserWindow, ipcMain, Menu, safeStorage, shell, session } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHostedApi, PushHub } from './host/hosted-api';
import { startClusterHost } from './host/start-cluster-host';
import { resolveLabStorage } from '../broker/host/data-dir';
import { HostSession } from './host/host-session';
import { ScenarioControl } from './host/scenario-control';
import { forwardPushes, registerClusterApi } from './ipc';
import { Workbench } from './workbench/workbench';
import { installLastResortHandlers } from '../broker/host/last-resort';
import { FileProfileStore, MemoryProfileStore } from './remote/profile-store';
import { safeStorageCipher } from './remote/electron-secret-cipher';
import { RemoteService } from './remote/remote-service';

installLastResortHandlers({ name: 'kafka-lab' });

/** The desktop app's cluster: three brokers on 9092–9094, or the next free ports. */
// Issue 15: the lab keeps its data in the per-user data directory ($KAFKA_LAB_DATA_DIR overrides the root, $KAFKA_LAB_LAB names the lab, KAFKA_LAB_IN_MEMORY=1 keeps nothing).
const labStorage = process.env.KAFKA_LAB_IN_MEMORY === '1' || process.env.KAFKA_LAB_DEMO === '1' ? null : resolveLabStorage({ lab: process.env.KAFKA_LAB_LAB || undefined });
const clusterOptions = { brokers: 3, basePort: 9092, portFallback: true, ...(labStorage ? { storage: labStorage } : {}) };
console.log(labStorage ? `kafka-lab: lab "${labStorage.labName}" at ${labStorage.labDir}` : 'kafka-lab: data in memory only');

// package.json says "type": "module", so electron-vite emits main as ESM: no __dirname.
const here = dirname(fileURLToPath(import.meta.url));

/**
 * A sandboxed preload must be a classic script; electron-vite names it after its output format
 * (index.mjs for ESM, index.js/.cjs for CommonJS). Take whichever the build produced.
 */
function preloadPath(): string {
  const candidates = ['index.cjs', 'index.js', 'index.mjs'].map((name) => join(here, '../preload', name));
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

let hostSession: HostSession | null = null;
let hub: PushHub | null = null;

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    title: 'Kafka Lab',
    // The window and taskbar icon (Linux and Windows take a PNG; resources/icon.svg is its source).
    icon: join(here, '../../resources/icon.png'),
    show: false,
    webPreferences: {
      preload: preloadPath(),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Links open in the system browser; the app window never navigates away from the UI.
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  const stop = forwardPushes(hub!, window.webContents);
  window.on('closed', stop);
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(join(here, '../renderer/index.html'));
  return window;
}

function buildMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate([
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    { label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }] },
    { role: 'windowMenu' },
  ]));
}

async function main(): Promise<void> {
  await app.whenReady();
  // Deny every permission request (camera, notifications, …): the UI needs none.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  // Issue 13: the session swaps the cluster under the window ("New cluster…", scenarios, recordings).
  const demo = process.env.KAFKA_LAB_DEMO === '1';
  hostSession = await HostSession.start({
    baseOptions: clusterOptions,
    startHost: (options) => startClusterHost(options, demo),
    startWorkbench: async (host) => (host.kind === 'embedded' ? new Workbench({ bootstrap: host.bootstrap, groups: () => host.snapshot().groups, ...(host.labClientConnection ? { connection: host.labClientConnection } : {}) }) : null),
    noWorkbenchReason: () => 'the demo host has no Kafka listeners',
  });
  hub = hostSession.hub;
  // Issue 17: profiles in the settings folder, secrets encrypted by the OS keychain; in memory where there is none.
  const cipher = safeStorageCipher(safeStorage);
  const profiles = cipher ? new FileProfileStore(join(app.getPath('userData'), 'connections.json'), cipher) : new MemoryProfileStore();
  registerClusterApi(ipcMain, createHostedApi(hostSession.host, hostSession.hub, 'electron', false, hostSession.workbench, new ScenarioControl(hostSession).commands, () => hostSession!.resetLab(), new RemoteService(profiles)));
  buildMenu();
  createWindow();
  app.on('activate', () => { if (BrowserWindow.getAllWindows().length === 0) createWindow(); });
}

app.on('window-all-closed', () => { if (process.platform !== 'darwin') app.quit(); });
app.on('will-quit', (event) => {
  if (!hostSession) return;
  event.preventDefault();
  const closing = hostSession;
  hostSession = null;
  void closing.close().catch(() => undefined).finally(() => app.quit());
});

main().catch((error) => {
  console.error('kafka-lab:', error);
  app.exit(1);
});
