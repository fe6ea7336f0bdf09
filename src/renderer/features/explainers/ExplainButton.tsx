/**
 * A "?" beside a concept (issue 14): a small focusable button named "What is ISR?" that opens the
 * concept's explainer in the side drawer (ExplainerDrawer). Anyone may place it beside a concept:
 * `<ExplainButton concept="isr" />`.
 */
import type { MouseEvent } from 'react';
import { CONCEPTS, type ConceptId } from './concepts';
import { useExplainer } from './explainer-store';

export type { ConceptId } from './concepts';

export interface ExplainButtonProps {
  concept: ConceptId;
  /** Accessible label override; default "What is <concept>?". */
  label?: string;
}

export function ExplainButton({ concept, label }: ExplainButtonProps) {
  const shown = useExplainer((s) => s.page === concept);
  const open = useExplainer((s) => s.open);
  const close = useExplainer((s) => s.close);
  const question = label ?? CONCEPTS[concept].question;
  const onClick = (e: MouseEvent<HTMLButtonElement>) => {
    // The "?" often sits in a clickable row or a sortable column header: the click is its own.
    e.stopPropagation();
    if (shown) close();
    else open(concept, e.currentTarget);
  };
  return (
    <button type="button" className={`explain-btn${shown ? ' explain-btn-on' : ''}`} aria-label={question} aria-expanded={shown}
      title={`${question} Opens its explainer beside the page: what it is, its configs and defaults, what to try, and the scenario that shows it.`}
      onClick={onClick} data-testid={`explain-${concept}`}>?</button>
  );
}
