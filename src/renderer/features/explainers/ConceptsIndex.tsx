/** The Concepts index: every concept with an explainer, in the order of Kafka's introduction. */
import { CONCEPT_IDS, CONCEPTS } from './concepts';
import { EXPLAINERS } from './content';
import { useExplainer } from './explainer-store';

export function ConceptsIndex() {
  const follow = useExplainer((s) => s.follow);
  return (
    <>
      <p className="hint">Kafka&apos;s main concepts, each with what it is, the configs that govern it and their defaults, what to try in this lab and a scenario that shows it.</p>
      <ul className="concept-index" data-testid="concept-index">
        {CONCEPT_IDS.map((id) => (
          <li key={id} data-testid={`concept-entry-${id}`}>
            <button type="button" className="link concept-link" onClick={() => follow(id)}>{CONCEPTS[id].title}</button>
            <span className="concept-summary">{EXPLAINERS[id].summary}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
