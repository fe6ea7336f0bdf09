/** The top bar's "Presenter" button (key P): opens the presenter view. Also starts the baseline tracker. */
import { setPresenterOpen, trackerFor, usePresenterKeys, usePresenterOpen } from './use-presenter';
import { useAppStoreApi } from '../../store/store-context';

export const PRESENTER_TITLE = "Show the cluster map full screen for a projector, in large type, with the running scenario's narration, its predict-then-reveal questions, and Kafka's own metrics as Was / Now / Δ. Key P; Esc leaves.";

export function PresenterButton() {
  const open = usePresenterOpen();
  trackerFor(useAppStoreApi());
  usePresenterKeys(open);
  return (
    <button type="button" className="btn btn-small presenter-button" aria-pressed={open} aria-keyshortcuts="P" title={PRESENTER_TITLE}
      onClick={() => setPresenterOpen(true)} data-testid="open-presenter">Presenter</button>
  );
}
