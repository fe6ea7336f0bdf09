/**
 * The presenter view (issue 14): the cluster map full screen in a type scale for projectors (at
 * least the projector theme's, growing with the screen), the running scenario's narration as
 * captions with predict-then-reveal, and Kafka's metrics as Was / Now / Δ against a baseline the
 * presenter controls. Open while the URL's hash is #presenter; Esc leaves.
 */
import { useEffect, useRef, useState } from 'react';
import { ClusterMap } from '../cluster-map/ClusterMap';
import { useApp } from '../../store/store-context';
import { MetricsTable, wasTitle } from './MetricsTable';
import { PresenterCaptions } from './PresenterCaptions';
import { setPresenterOpen, useBaseline, usePresenterOpen } from './use-presenter';
import './presenter.css';

export function PresenterView() {
  const open = usePresenterOpen();
  if (!open) return null;
  return <Presenter />;
}

function Presenter() {
  const metrics = useApp((s) => s.snapshot?.metrics ?? null);
  const timeZone = useApp((s) => s.settings.timeZone);
  const { baseline, setNow } = useBaseline();
  const root = useRef<HTMLDivElement>(null);
  const fontPx = useFontPx(root);
  return (
    <div ref={root} className="presenter-view" role="dialog" aria-modal="true" aria-label="Presenter view" data-testid="presenter-view">
      <header className="presenter-bar">
        <span className="brand">Kafka Lab</span>
        <span className="presenter-bar-hint hint">Presenter view · Esc leaves</span>
        <button type="button" className="btn presenter-leave" title="Back to the app (Esc)" onClick={() => setPresenterOpen(false)} data-testid="leave-presenter">Leave</button>
      </header>
      <PresenterCaptions />
      <div className="presenter-body">
        <section className="presenter-map" aria-label="Cluster map" data-testid="presenter-map">
          {/* The map sizes its boxes from the type size when it mounts: drawn afresh when the screen's width changes the type size. */}
          <ClusterMap key={fontPx} presenter />
        </section>
        <aside className="presenter-side" aria-label="Kafka metrics">
          <div className="presenter-side-head">
            <h2 title={wasTitle(baseline, timeZone)}>Kafka metrics</h2>
            <button type="button" className="btn btn-small" disabled={!metrics}
              title="Make the values now the baseline (Was) of the table; the next scenario step that acts on the cluster, or the next fault, moves it again"
              onClick={setNow} data-testid="set-baseline">Set baseline now</button>
          </div>
          {baseline && <p className="hint presenter-baseline" title={wasTitle(baseline, timeZone)} data-testid="presenter-baseline">Was = {baseline.label}</p>}
          {metrics ? <MetricsTable now={metrics} baseline={baseline} timeZone={timeZone} />
            : <p className="empty" data-testid="presenter-no-metrics">This cluster reports no metrics (a remote cluster, or not connected yet).</p>}
        </aside>
      </div>
    </div>
  );
}

/** The presenter's type size in whole px (it grows with the screen width), updated on resize. */
function useFontPx(ref: React.RefObject<HTMLElement | null>): number {
  const [px, setPx] = useState(0);
  useEffect(() => {
    const measure = () => {
      if (ref.current) setPx(Math.round(parseFloat(getComputedStyle(ref.current).fontSize)));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref]);
  return px;
}
