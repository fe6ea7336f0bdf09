/**
 * The explainer side drawer (issue 14): one concept's explainer, or the Concepts index. While it
 * is open the app narrows by the drawer's width and the drawer takes the timeline's side
 * (html.explainer-open), so it never covers the control it was opened from, which is kept in view;
 * Esc and Close shut it and give focus back to that control.
 */
import { useEffect, useRef } from 'react';
import { CONCEPTS } from './concepts';
import { useExplainer } from './explainer-store';
import { ExplainerArticle } from './ExplainerArticle';
import { ConceptsIndex } from './ConceptsIndex';
import './explainers.css';

export function ExplainerDrawer() {
  const page = useExplainer((s) => s.page);
  const canGoBack = useExplainer((s) => s.history.length > 0);
  const opener = useExplainer((s) => s.opener);
  const { back, close } = useExplainer.getState();
  const heading = useRef<HTMLHeadingElement>(null);
  const isOpen = page !== null;

  useEffect(() => {
    if (!isOpen) return;
    document.documentElement.classList.add('explainer-open');
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) useExplainer.getState().close();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.documentElement.classList.remove('explainer-open');
    };
  }, [isOpen]);
  useEffect(() => {
    if (!isOpen || !opener) return;
    // The page reflowed narrower (and reflows again on a resize or a theme's type scale): keep the
    // control the drawer was opened from in view.
    const keepInView = () => opener.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    keepInView();
    const resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(keepInView);
    resized?.observe(opener);
    window.addEventListener('resize', keepInView);
    return () => {
      window.removeEventListener('resize', keepInView);
      resized?.disconnect();
    };
  }, [isOpen, opener]);
  useEffect(() => {
    if (page !== null) heading.current?.focus();
  }, [page]);

  if (page === null) return null;
  const title = page === 'index' ? 'Concepts' : CONCEPTS[page].title;
  return (
    <aside className="explainer-drawer" role="complementary" aria-labelledby="explainer-title" data-testid="explainer-drawer" data-page={page}>
      <header className="explainer-head">
        {canGoBack && <button type="button" className="btn btn-small" onClick={back} title="Back to the explainer you came from" data-testid="explainer-back">← Back</button>}
        <h2 id="explainer-title" ref={heading} tabIndex={-1} data-testid="explainer-title">{title}</h2>
        {page !== 'index' && <button type="button" className="btn btn-small" onClick={() => useExplainer.getState().follow('index')} title="The list of every concept with an explainer" data-testid="explainer-all">All concepts</button>}
        <button type="button" className="btn btn-small" onClick={close} aria-label="Close the explainer (Esc)" title="Close the explainer (Esc)" data-testid="explainer-close">Close</button>
      </header>
      <div className="explainer-body">
        {page === 'index' ? <ConceptsIndex /> : <ExplainerArticle concept={page} />}
      </div>
    </aside>
  );
}
