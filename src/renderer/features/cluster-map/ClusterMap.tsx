/**
 * The cluster map (issue 14), the app's first screen: brokers as columns grouped by rack holding
 * their replicas, one band per partition, producers on the left and consumer groups on the right
 * as the brokers see them, records in motion drawn over it (motion/MapOverlays). Above
 * MAP_AGGREGATE_THRESHOLD partitions it aggregates per topic per broker; a topic can be zoomed
 * into. On a cluster without topics it opens with "Start here". The metric strip, health reasons,
 * quorum and broker cards of the overview stay on the same screen, below the map (ClusterOverview).
 */
import { memo, useCallback, useDeferredValue, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { describeQuorum } from '../../../shared/quorum-text';
import { formatInteger } from '../../components/format';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { useWorkbenchUiStoreOrNull } from '../messages/WorkbenchProvider';
import { ClusterOverview } from '../overview/ClusterOverview';
import { MAP_AGGREGATE_THRESHOLD } from './map-layout';
import { mapContent } from './map-model';
import { ExplainButton, type ConceptId } from '../explainers/ExplainButton';
import { MapCanvas } from './MapCanvas';
import { StartHere, type DemoPhase } from './StartHere';
import './cluster-map.css';

/** The concepts the map draws, each with its explainer's "?". */
const MAP_CONCEPTS: [ConceptId, string][] = [['partition', 'partition'], ['replication', 'replication'], ['isr', 'ISR'], ['high-watermark', 'highWatermark'], ['leader-election', 'leader election'], ['consumer-group', 'consumer group']];

export interface ClusterMapProps {
  /** Presenter view: the map fills the screen, with the presenter's larger type scale. */
  presenter?: boolean;
}

/**
 * Theme font size over 14 px: the map's boxes grow with the type (projector theme, presenter
 * view). Measured from a 1em probe with a ResizeObserver, so it follows the theme's font size
 * whenever it changes (the theme attribute is set after this component's effects run).
 */
function useMapUnit(): [number, React.RefObject<HTMLSpanElement | null>] {
  const probe = useRef<HTMLSpanElement>(null);
  const [unit, setUnit] = useState(1);
  useLayoutEffect(() => {
    const el = probe.current;
    if (!el) return;
    const measure = () => {
      const size = el.getBoundingClientRect().width;
      if (Number.isFinite(size) && size > 0) setUnit(Math.round((size / 14) * 100) / 100);
    };
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [unit, probe];
}

export function ClusterMap({ presenter = false }: ClusterMapProps) {
  const store = useAppStoreApi();
  // The map redraws a snapshot as a deferred (interruptible) render: React draws it in slices of a
  // few ms and lets frames and input through between them, so a 10,000-partition map never blocks
  // the page for a whole redraw; the urgent render only sees the previous snapshot, which memoised
  // children skip. The map is at most one render behind the store.
  const snapshot = useDeferredValue(useApp((s) => s.snapshot));
  const readOnly = useReadOnly();
  const workbenchUi = useWorkbenchUiStoreOrNull();
  const [zoomTopic, setZoomTopic] = useState<string | null>(null);
  const [showInternal, setShowInternal] = useState(false);
  const [demo, setDemo] = useState<DemoPhase>({ phase: 'idle' });
  const [unit, probe] = useMapUnit();
  const content = useMemo(() => (snapshot ? mapContent(snapshot, { showInternal, zoomTopic }) : null), [snapshot, showInternal, zoomTopic]);
  const topicNames = (snapshot?.topics ?? []).filter((t) => showInternal || !t.internal).map((t) => t.name).sort().join('\u0000');

  const openPartition = useCallback((topic: string, partition: number | null) => store.getState().selectTopic(topic, partition), [store]);
  const onProducer = useCallback((_clientId: string, simulated: boolean) => {
    if (simulated) document.querySelector<HTMLElement>('[data-testid="narration"]')?.scrollIntoView({ block: 'nearest' });
    else store.getState().showView('clients');
  }, [store]);
  const onGroup = useCallback((groupId: string) => {
    workbenchUi?.getState().selectGroup(groupId);
    store.getState().showView('groups');
  }, [store, workbenchUi]);

  const unitProbe = <span ref={probe} className="map-unit-probe" aria-hidden="true" />;
  if (!snapshot || !content) return <>{unitProbe}<p className="empty">Waiting for the first snapshot…</p></>;
  const showStart = content.userTopicCount === 0 || demo.phase === 'starting' || demo.phase === 'failed';
  const quorum = snapshot.controller.quorum;
  return (
    <>{unitProbe}<div className={`cluster-screen${presenter ? ' cluster-screen-presenter' : ''}`} data-testid="cluster-screen">
      {showStart && <StartHere brokerCount={snapshot.brokers.length} readOnly={readOnly} demo={demo} onDemo={setDemo} />}
      <section className="panel map-panel" aria-label="Cluster map">
        <MapToolbar presenter={presenter} aggregate={content.mode === 'aggregate'} partitionCount={content.partitionCount} zoomTopic={zoomTopic} onZoom={setZoomTopic}
          topicNames={topicNames} showInternal={showInternal} onShowInternal={setShowInternal}
          quorumText={quorum ? describeQuorum({ voters: snapshot.controller.voters, ...quorum }) : null} quorumHasMajority={quorum?.hasMajority ?? true} />
        {content.zoomLost && <p className="hint">Topic {zoomTopic} no longer exists; showing every topic.</p>}
        <MapCanvas view={snapshot} content={content} unit={unit} readOnly={readOnly} onOpenPartition={openPartition} onZoom={setZoomTopic} onProducer={onProducer} onGroup={onGroup} />
      </section>
      {!presenter && <ClusterOverview />}
    </div></>
  );
}

interface MapToolbarProps {
  presenter: boolean;
  aggregate: boolean;
  partitionCount: number;
  zoomTopic: string | null;
  onZoom(topic: string | null): void;
  /** The zoomable topics' names joined by NUL, sorted: a string, so the toolbar re-renders only when they change. */
  topicNames: string;
  showInternal: boolean;
  onShowInternal(show: boolean): void;
  quorumText: string | null;
  quorumHasMajority: boolean;
}

/** The map's title line: what is drawn, the concepts' explainers, zoom and internal-topic controls, the quorum. Re-renders only when these change, not on every snapshot. */
const MapToolbar = memo(function MapToolbar({ presenter, aggregate, partitionCount, zoomTopic, onZoom, topicNames, showInternal, onShowInternal, quorumText, quorumHasMajority }: MapToolbarProps) {
  const topicOptions = useMemo(() => (topicNames ? topicNames.split('\u0000') : []).map((t) => <option key={t} value={t}>{t}</option>), [topicNames]);
  return (
    <div className="map-toolbar">
      <h2>Cluster map</h2>
      <span className="hint" data-testid="map-mode">
        {aggregate
          ? `${formatInteger(partitionCount)} partitions: more than ${MAP_AGGREGATE_THRESHOLD}, so one row per topic with a cell per broker (▮ leaders ▯ in-sync followers ✕ out of sync ⊘ offline; colour: produce rate). Click a topic to zoom in.`
          : partitionCount === 0 ? 'No topics on the map yet: brokers are drawn as columns; partitions appear as bands across them.'
          : zoomTopic ? `Topic ${zoomTopic}: ${formatInteger(partitionCount)} partitions, one band each.` : `${formatInteger(partitionCount)} partitions, one band each. Leader filled with its leaderEpoch, in-sync follower outlined, out of sync red, offline struck through.`}
      </span>
      {!presenter && (
        <span className="map-concepts hint" data-testid="map-concepts">
          On this map:{MAP_CONCEPTS.map(([concept, word]) => <span key={concept} className="map-concept">{word} <ExplainButton concept={concept} /></span>)}
        </span>
      )}
      <label className="field" title="Show one topic's partitions as bands, whatever their number">Topic
        <select value={zoomTopic ?? ''} onChange={(e) => onZoom(e.target.value || null)} data-testid="map-zoom">
          <option value="">all topics</option>
          {topicOptions}
        </select>
      </label>
      {zoomTopic && <button type="button" className="btn btn-small" onClick={() => onZoom(null)} data-testid="map-zoom-out" title="Back to every topic">All topics</button>}
      <label className="field" title="__consumer_offsets and __transaction_state: the group and transaction coordinators' own topics">
        <input type="checkbox" checked={showInternal} onChange={(e) => onShowInternal(e.target.checked)} data-testid="map-show-internal" /> internal topics
      </label>
      {quorumText !== null && (
        <span className={quorumHasMajority ? 'hint' : 'inline-error'} data-testid="map-quorum" title="The KRaft controller quorum: a majority of voters must reach each other to elect an active controller (KIP-595)">
          KRaft quorum: {quorumText}
        </span>
      )}
    </div>
  );
});
