/** The top bar's "Concepts" button: opens (or closes) the Concepts index in the explainer drawer. */
import { useExplainer } from './explainer-store';

export function ConceptsButton() {
  const shown = useExplainer((s) => s.page === 'index');
  const open = useExplainer((s) => s.open);
  const close = useExplainer((s) => s.close);
  return (
    <button type="button" className={`btn btn-small${shown ? ' btn-on' : ''}`} aria-pressed={shown} aria-expanded={shown}
      title="Kafka's concepts explained: what each is, its configs and their defaults, what to try here, and the scenario that shows it"
      onClick={(e) => (shown ? close() : open('index', e.currentTarget))} data-testid="open-concepts">Concepts</button>
  );
}
