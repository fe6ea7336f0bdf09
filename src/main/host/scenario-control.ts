/**
 * Scenarios and recordings in the hosted app (issue 13), on top of HostSession:
 * - loadScenario: parses the file (h-engine's parseScenario: schema + semantic checks, errors
 *   with field paths), then swaps in a cluster of the scenario's shape with the engine attached
 *   before simulated time starts; the driver holds at `nextPauseAtMs()` while a predict question
 *   waits, and `revealScenarioStep` lets it run on.
 * - restartScenario: the same document, seed and simulated start time again, so the same run.
 * - openSession: a recording replayed into a fresh host (h-engine's replaySession when it carries
 *   a scenario, sim/trace.ts replayTrace otherwise), paused at its end and labelled with its file name.
 */
import { attachCoordinators } from '../../broker/cluster/transactions/attach';
import type { SimCluster } from '../../broker/cluster/cluster';
import type { CoordinatorPair } from '../../broker/cluster/transactions/coordinator-inputs';
import { attachScenario, builtinScenarioNames, checkScenario, formatScenarioErrors, loadBuiltinScenario, parseScenario, type ScenarioSession } from '../../broker/scenario';
import { replayTrace, traceFromJson, type ReplaySampler } from '../../broker/sim/trace';
import { SessionHistory } from '../../broker/host/session-history';
import { SIM_EPOCH_MS } from '../../broker/sim/clock';
import type { ClusterTrace } from '../../broker/cluster/api';
import type { HostSessionCommands, HostSessionResult, ScenarioListing, ScenarioSource, SessionFile } from '../../shared/host-session-contract';
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioStatus } from '../../shared/scenario-view';
import type { HostSession } from './host-session';
import { describeShape } from '../../shared/cluster-shape';
import { attachScramCredentials } from '../../broker/cluster/security/scram-credentials';

/** Narration lines a pushed view carries (the newest); the whole list stays in the session. */
export const pushedNarrationLines = 40;

interface Loaded {
  doc: ScenarioDocument;
  seed: number;
  startTimeMs: number;
  session: ScenarioSession;
}

export class ScenarioControl {
  private loaded: Loaded | null = null;
  private listing: ScenarioListing[] | null = null;

  constructor(private readonly host: HostSession, private readonly now: () => number = Date.now) {
    host.scenarioView = () => this.view();
  }

  /** The commands of the contract: newCluster from the session, the rest from here. */
  get commands(): HostSessionCommands {
    return {
      newCluster: async (request) => {
        const result = await this.host.newCluster(request);
        if (result.ok) this.drop();
        return result;
      },
      listScenarios: async () => this.list(),
      loadScenario: (source) => this.load(source),
      restartScenario: () => this.restart(),
      revealScenarioStep: async (stepIndex) => this.reveal(stepIndex),
      openSession: (file) => this.open(file),
    };
  }

  private view(): ScenarioStatus | null {
    if (!this.loaded) return null;
    const status = this.loaded.session.status();
    return { ...status, narration: status.narration.slice(-pushedNarrationLines) };
  }

  private list(): ScenarioListing[] {
    if (this.listing) return this.listing;
    const listing: ScenarioListing[] = [];
    for (const name of builtinScenarioNames()) {
      const parsed = loadBuiltinScenario(name);
      if (parsed.ok) listing.push({ name, title: parsed.doc.title, summary: parsed.doc.summary, concepts: parsed.doc.concepts ?? [] });
    }
    this.listing = listing;
    return listing;
  }

  private async load(source: ScenarioSource): Promise<HostSessionResult> {
    if (!source || typeof source !== 'object') return { ok: false, errorName: 'INVALID_REQUEST', message: 'Name a built-in scenario or give a file.' };
    const parsed = 'name' in source ? loadBuiltinScenario(String(source.name)) : parseScenario(String(source.text));
    if (!parsed.ok) {
      const fieldErrors = parsed.errors.map((e) => ({ field: e.path || '(document)', message: e.message }));
      return { ok: false, errorName: 'INVALID_REQUEST', message: `The scenario is invalid: ${fieldErrors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, fieldErrors };
    }
    return this.start(parsed.doc, parsed.doc.seed ?? 1, this.now());
  }

  private restart(): Promise<HostSessionResult> {
    if (!this.loaded) return Promise.resolve({ ok: false, errorName: 'INVALID_REQUEST', message: 'No scenario is loaded.' });
    const { doc, seed, startTimeMs } = this.loaded;
    return this.start(doc, seed, startTimeMs);
  }

  private async start(doc: ScenarioDocument, seed: number, startTimeMs: number): Promise<HostSessionResult> {
    let attached: ScenarioSession | null = null;
    const result = await this.host.replace({
      brokers: doc.cluster.brokers,
      controllers: doc.cluster.controllers,
      seed,
      startTimeMs,
      ...(doc.cluster.racks ? { racks: doc.cluster.racks } : {}),
      ...(doc.cluster.brokerConfig ? { brokerConfig: doc.cluster.brokerConfig } : {}),
      onModelCreated: (cluster, coordinators) => {
        const session = attachScenario(cluster, doc, { seed, coordinators });
        attached = session;
        return { holdAtMs: () => session.nextPauseAtMs() };
      },
    }, { kind: 'scenario', name: doc.name, title: doc.title });
    const session = attached as ScenarioSession | null;
    if (!result.ok) {
      session?.detach();
      return result;
    }
    this.drop();
    if (session) this.loaded = { doc, seed, startTimeMs, session };
    const shape = describeShape({ brokers: doc.cluster.brokers, controllers: doc.cluster.controllers });
    return { ok: true, message: `Loaded "${doc.title}": ${shape}, seed ${seed}.` };
  }

  private reveal(stepIndex: number): HostSessionResult {
    if (!this.loaded) return { ok: false, errorName: 'INVALID_REQUEST', message: 'No scenario is loaded.' };
    if (!Number.isInteger(stepIndex)) return { ok: false, errorName: 'INVALID_REQUEST', message: `Step index must be a whole number, got ${String(stepIndex)}.` };
    const result = this.loaded.session.reveal(stepIndex);
    return result.ok ? { ok: true, message: result.message ?? `step ${stepIndex + 1} revealed` } : { ok: false, errorName: result.errorName ?? 'INVALID_REQUEST', message: result.message ?? 'refused' };
  }

  private async open(file: SessionFile): Promise<HostSessionResult> {
    const fileName = typeof file?.fileName === 'string' ? file.fileName.slice(0, 200) : 'recording.json';
    const checked = checkRecording(typeof file?.text === 'string' ? file.text : '');
    if ('error' in checked) return { ok: false, errorName: 'INVALID_REQUEST', message: `${fileName} is not a Kafka Lab recording: ${checked.error}` };
    let replayed: { cluster: SimCluster; coordinators: CoordinatorPair; scenario: ScenarioSession | null; history: SessionHistory };
    try {
      replayed = replayRecording(checked.trace);
    } catch (error) {
      return { ok: false, errorName: 'INVALID_REQUEST', message: `${fileName} could not be replayed: ${error instanceof Error ? error.message : String(error)}` };
    }
    const brokers = replayed.cluster.snapshot().brokers.length;
    const scenario = replayed.scenario;
    const result = await this.host.replace({
      brokers,
      model: { cluster: replayed.cluster, coordinators: replayed.coordinators },
      sessionHistory: replayed.history,
      startPaused: true,
      // A recording that ended at an unrevealed predict step holds there once resumed, as the original did.
      ...(scenario ? { onModelCreated: () => ({ holdAtMs: () => scenario.nextPauseAtMs() }) } : {}),
    }, { kind: 'replay', fileName });
    if (!result.ok) {
      replayed.scenario?.detach();
      return result;
    }
    this.drop();
    if (replayed.scenario) this.loaded = { doc: replayed.scenario.doc, seed: replayed.scenario.seed, startTimeMs: replayed.scenario.startTimeMs, session: replayed.scenario };
    return { ok: true, message: `Replayed ${fileName} (seed ${checked.trace.seed}, ${checked.trace.inputLog.length} inputs) up to its end; paused there. Resume to let it run on.` };
  }

  private drop(): void {
    this.loaded?.session.detach();
    this.loaded = null;
  }
}

/** The trace in a recording's text, or why it is not one. Never throws: the file is the user's. */
export function checkRecording(text: string): { trace: ClusterTrace } | { error: string } {
  let trace: ClusterTrace;
  try {
    trace = traceFromJson(text);
  } catch (error) {
    return { error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!trace || typeof trace !== 'object' || Array.isArray(trace)) return { error: 'expected a JSON object { seed, config, inputLog, endTimeMs }' };
  if (typeof trace.seed !== 'number') return { error: 'seed: missing or not a number' };
  if (!trace.config || typeof trace.config !== 'object') return { error: 'config: missing or not an object' };
  if (!Array.isArray(trace.config.brokers) || trace.config.brokers.length === 0) return { error: 'config.brokers: missing or empty' };
  if (!Array.isArray(trace.inputLog)) return { error: 'inputLog: missing or not a list' };
  if (typeof trace.endTimeMs !== 'number' || !Number.isFinite(trace.endTimeMs)) return { error: 'endTimeMs: missing or not a number' };
  if (trace.scenario !== undefined) {
    const checked = checkScenario(trace.scenario?.doc);
    if (!checked.ok) return { error: `its scenario is invalid: ${formatScenarioErrors(checked.errors).join('; ')}` };
  }
  return { trace };
}

/**
 * Replays a recording with its coordinators (sim/trace.ts replayTrace): a trace that carries a
 * scenario gets the engine re-attached at its point, the same way h-engine's replaySession does,
 * but keeping the coordinators, which the hosted wire must share with the model.
 */
function replayRecording(trace: ClusterTrace): { cluster: SimCluster; coordinators: CoordinatorPair; scenario: ScenarioSession | null; history: SessionHistory } {
  let coordinators: CoordinatorPair | null = null;
  let scenario: ScenarioSession | null = null;
  const history = new SessionHistory();
  const cluster = replayTrace(trace, (c) => {
    // Issue 16: SCRAM users are inputs of the recording; the hosted replay finds the same store.
    attachScramCredentials(c);
    const { groups, transactions } = attachCoordinators(c);
    coordinators = { groups, transactions };
    return coordinators;
  }, (session) => { scenario = session; }, recordingSampler(trace, history));
  return { cluster, coordinators: coordinators!, scenario, history };
}

/** Samples kept while replaying a recording at most (its sampling interval grows with its length). */
const MAX_REPLAY_SAMPLES = 4000;

/**
 * Fills the time-travel history while a recording replays, so the room can scrub back to before
 * its fault: every 250 ms of simulated time (longer recordings: their length / MAX_REPLAY_SAMPLES),
 * and just before and after every command the original host received. The views are the model's
 * own, shown as a paused session at speed 1 (the recording carries no driver state).
 */
function recordingSampler(trace: ClusterTrace, history: SessionHistory): ReplaySampler {
  const durationMs = Math.max(0, trace.endTimeMs - (trace.config.startTimeMs ?? SIM_EPOCH_MS));
  return {
    intervalMs: Math.max(250, Math.ceil(durationMs / MAX_REPLAY_SAMPLES)),
    sample: (cluster, reason) => {
      const { state, exportable, bytes, limitBytes, reason: why } = cluster.inputLogStatus();
      const view = { ...cluster.snapshot(), sim: { speed: 1, paused: true, inputLog: { state, exportable, bytes, limitBytes, reason: why } } };
      const events = cluster.events;
      history.record(view, events[events.length - 1]?.seq ?? -1, reason);
    },
  };
}
