/** Renderer entry: pick the transport, build the store, render. */
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pickClient } from './client/pick-client';
import { createAppStore } from './store/app-store';
import { ClusterRoot } from './features/connections/ClusterRoot';
import './styles.css';

function localStorageOrNull(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const client = pickClient();
const store = createAppStore(client, { storage: localStorageOrNull() });
document.documentElement.dataset.theme = store.getState().settings.theme;
// Exposed for the UI benchmark and debugging; read-only use only.
(window as unknown as { __kafkaLabStore?: unknown }).__kafkaLabStore = store;
createRoot(document.getElementById('root')!).render(
  // Issue 17: the root switches the views between the embedded lab's store and a remote cluster's.
  <ClusterRoot base={client} labStore={store} storage={localStorageOrNull()}>
    <App />
  </ClusterRoot>,
);
