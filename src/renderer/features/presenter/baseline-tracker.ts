/**
 * The presenter's baseline ("Was"): Kafka's metrics at the latest of
 *  - the moment the running scenario's current step began acting on the cluster (ran its actions:
 *    stop a broker, cut a link…; a step with a predict question runs them at the reveal). A step
 *    that only narrates keeps the baseline of
 *    the step before, because it explains what that step caused ("after broker.session.timeout.ms
 *    the controller fenced broker 2…") and the Δ should still show it;
 *  - the last fault (a broker or controller node stopped or cut off, a link cut or slowed),
 *  - the presenter's "Set baseline now",
 * or, before any of these, the first snapshot of the session. The renderer sees snapshots a few
 * times a second, so "the moment" is the last snapshot before the change was seen: the values just
 * before the step's actions or the fault took effect. A new session (sim.session.generation)
 * starts afresh. Pure: fed with live snapshots, read with `baseline`.
 */
import type { ClusterMetricsView } from '../../../shared/cluster-metrics-view';
import type { ClusterView } from '../../../shared/cluster-view';

export type BaselineReason = 'session-start' | 'step' | 'fault' | 'manual';

export interface Baseline {
  metrics: ClusterMetricsView;
  reason: BaselineReason;
  /** Reads after "Was = ": "just before step 2 (Stop the leader) began", "just before broker 2 stopped". */
  label: string;
  /** Simulated time of the values (ms since the epoch). */
  atMs: number;
}

interface Seen {
  generation: number | undefined;
  scenarioName: string | null;
  currentStep: number | null;
  /** Actions the current step has run (a step with a predict runs them at the reveal). */
  stepActions: number;
  faults: string;
  metrics: ClusterMetricsView | null;
}

/** A stable description of the faults a view shows, so a change is a new fault. */
export function faultSignature(view: ClusterView): string {
  const brokers = view.brokers.filter((b) => b.state === 'stopped' || b.state === 'isolated').map((b) => `b${b.brokerId}:${b.state}`);
  const nodes = (view.controller.nodes ?? []).filter((n) => n.processRoles === 'controller' && n.state !== 'running').map((n) => `c${n.nodeId}:${n.state}`);
  const links = (view.links ?? []).map((l) => `l${l.brokerA}-${l.brokerB}:${l.cut ? 'cut' : `${l.latencyMs}/${l.lossRate}`}`);
  return [...brokers, ...nodes, ...links].join(' ');
}

function describeFault(before: string, after: string): string {
  const was = new Set(before.split(' ').filter(Boolean));
  const added = after.split(' ').filter((f) => f && !was.has(f));
  const first = added[0];
  if (!first) return 'a fault healed';
  const m = /^([bcl])([\d-]+):(.*)$/.exec(first);
  if (!m) return first;
  const [, kind, id, state] = m;
  if (kind === 'b') return `broker ${id} ${state}`;
  if (kind === 'c') return `controller ${id} ${state}`;
  return state === 'cut' ? `link ${id} cut` : `link ${id} changed`;
}

export class BaselineTracker {
  private seen: Seen | null = null;
  private current: Baseline | null = null;
  private readonly listeners = new Set<() => void>();

  get baseline(): Baseline | null {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private set(b: Baseline | null): void {
    this.current = b;
    for (const l of this.listeners) l();
  }

  /** Feed every live snapshot, in order. */
  observe(view: ClusterView): void {
    const metrics = view.metrics ?? null;
    const session = view.sim?.session;
    const scenario = session?.scenario ?? null;
    const next: Seen = {
      generation: session?.generation,
      scenarioName: scenario?.name ?? null,
      currentStep: scenario ? scenario.currentStep : null,
      stepActions: scenario && scenario.currentStep >= 0 ? (scenario.steps[scenario.currentStep]?.actions.length ?? 0) : 0,
      faults: faultSignature(view),
      metrics,
    };
    const prev = this.seen;
    this.seen = next;
    if (!metrics) return;
    if (!prev || prev.generation !== next.generation || prev.scenarioName !== next.scenarioName || !this.current) {
      this.set({ metrics, reason: 'session-start', label: 'at the start of this session', atMs: metrics.atMs });
      return;
    }
    const before = prev.metrics ?? metrics;
    const step = next.currentStep !== null && next.currentStep >= 0 ? scenario?.steps[next.currentStep] : undefined;
    const acted = next.stepActions > 0 && (next.currentStep !== prev.currentStep || prev.stepActions === 0);
    if (step && acted) {
      this.set({ metrics: before, reason: 'step', label: `just before step ${step.index + 1} (${step.title}) began`, atMs: before.atMs });
      return;
    }
    if (next.faults !== prev.faults && next.faults.split(' ').some((f) => f && !prev.faults.split(' ').includes(f))) {
      this.set({ metrics: before, reason: 'fault', label: `just before ${describeFault(prev.faults, next.faults)}`, atMs: before.atMs });
    }
  }

  /** "Set baseline now": the newest values seen. */
  setNow(): void {
    const metrics = this.seen?.metrics;
    if (metrics) this.set({ metrics, reason: 'manual', label: 'when you set it', atMs: metrics.atMs });
  }
}
