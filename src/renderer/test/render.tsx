/** Renders a component inside the store provider of a loaded fake-client store. */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { StoreProvider } from '../store/store-context';
import type { AppStore } from '../store/app-store';

export function renderWithStore(store: AppStore, ui: ReactElement) {
  return render(<StoreProvider store={store}>{ui}</StoreProvider>);
}
