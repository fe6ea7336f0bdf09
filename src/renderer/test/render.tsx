/** Renders a component inside the store provider of a loaded fake-client store. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { StoreProvider } from '../store/store-context';
import type { AppStore } from '../store/app-store';

/**
 * happy-dom does no layout, so every element measures 0×0 and the virtualised lists would
 * render no rows. Give elements a viewport-sized client box for the virtualizer to measure.
 */
function stubLayout(): void {
  if (typeof HTMLElement === 'undefined' || Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight')?.get?.name === 'stubbedClientHeight') return;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: function stubbedClientHeight() { return 800; } });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: function stubbedClientWidth() { return 1200; } });
}

export function renderWithStore(store: AppStore, ui: ReactElement) {
  stubLayout();
  return render(<StoreProvider store={store}>{ui}</StoreProvider>);
}
