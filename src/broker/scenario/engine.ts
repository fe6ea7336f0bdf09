/**
 * ScenarioEngine: one scenario attached to one cluster. At attach it creates the topics and
 * schedules, as model events, the producers' and members' starts, each step at its atMs, each
 * timed expectation and the end (durationMs). A step with a predict question poses it and holds
 * its actions — and every later step — until `reveal` (hosted) or answers at once (autoReveal,
 * headless). Everything the engine does to the cluster is model-internal (not in the input log);
 * the reveals are the only inputs it adds (extension "scenario"), so a recording replays exactly.
 */
import type { CommandResult } from '../../shared/cluster-commands';
import type { ScenarioDocument } from '../../shared/scenario-format';
import type { ScenarioExpectationResult, ScenarioGroupCounters, ScenarioLaneCounters, ScenarioNarrationLine, ScenarioProducerCounters, ScenarioReport, ScenarioStatus, ScenarioStepView } from '../../shared/scenario-view';
import type { SimCluster } from '../cluster/cluster';
import type { CoordinatorPair } from '../cluster/transactions/coordinator-inputs';
import type { Coordinators } from '../cluster/transactions/coordinators';
import { InvariantChecker } from '../sim/invariants';
import { Random } from '../sim/random';
import { idsInTopic, laneCounters, producerCounters } from './accounting';
import { describeAction, runAction } from './actions';
import { EngineContext } from './context';
import { checkExpectation, groupLag, pendingResult, type MeasureSources } from './expectations';
import { GroupRecorder, SimMember } from './member';
import { SimProducer } from './producer';
import type { AttachScenarioOptions, ScenarioSession } from './session';

/** ClusterExtension.name of the engine: reveals are logged under it. */
export const SCENARIO_EXTENSION = 'scenario';

interface GroupRuntime { spec: ScenarioDocument['consumerGroups'] extends (infer G)[] | undefined ? G : never; recorder: GroupRecorder; members: Map<string, SimMember> }

export class ScenarioEngine implements ScenarioSession {
  readonly startTimeMs: number;
  private readonly ctx: EngineContext;
  private readonly producers = new Map<string, SimProducer>();
  private readonly groups = new Map<string, GroupRuntime>();
  private readonly steps: ScenarioStepView[];
  private readonly narration: ScenarioNarrationLine[] = [];
  private readonly results: ScenarioExpectationResult[];
  private readonly listeners = new Set<(s: ScenarioStatus) => void>();
  private readonly checker: InvariantChecker | null;
  private holding: number | null = null;
  private readonly held: number[] = [];
  /** Timed expectations due while a question was pending: measured once it is revealed. */
  private readonly heldMeasures: number[] = [];
  private endPassed = false;
  private done = false;
  private cache: { atEvent: number; producers: ScenarioProducerCounters[]; lanes: ScenarioLaneCounters[] } | null = null;

  constructor(private readonly cluster: SimCluster, readonly doc: ScenarioDocument, coordinators: CoordinatorPair, readonly seed: number, private readonly options: AttachScenarioOptions) {
    if (cluster.core.extensions.some((e) => e.name === SCENARIO_EXTENSION)) throw new Error('a scenario is already attached to this cluster');
    this.startTimeMs = cluster.now();
    cluster.traceScenario = { doc, seed, atEvent: cluster.sim.processedEvents, timeMs: cluster.now(), inputIndex: cluster.inputLogStatus().entries };
    cluster.registerExtension({ name: SCENARIO_EXTENSION, replayInput: (input) => this.applyReveal((input as { reveal: number }).reveal) });
    this.ctx = new EngineContext(cluster, coordinators, new Random(seed).fork('scenario'), this.startTimeMs);
    this.checker = options.checkInvariants ? new InvariantChecker(cluster, { checkAcked: false }).install() : null;
    if (this.checker && 'extension' in coordinators) this.checker.watchCoordinators(coordinators as Coordinators);
    this.steps = doc.steps.map((s, index) => ({ index, atMs: s.atMs, title: s.title, text: s.text ?? null, predict: s.predict ?? null, done: false, revealed: !s.predict, actions: [] }));
    this.results = (doc.expectations ?? []).map(pendingResult);
    this.ctx.call(() => this.setUp());
  }

  private setUp(): void {
    const { cluster, doc, ctx } = this;
    this.note(null, 'title', doc.title);
    this.note(null, 'text', doc.summary);
    for (const t of doc.topics) {
      const r = t.replicaAssignment
        ? cluster.createTopics(1, [{ name: t.name, numPartitions: -1, replicationFactor: -1, assignments: t.replicaAssignment.map((brokerIds, partition) => ({ partition, brokerIds })), ...(t.configs ? { configs: t.configs } : {}) }], false)[0]!.errorName
        : (() => { const c = cluster.command({ type: 'create-topic', topic: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, ...(t.configs ? { configs: t.configs } : {}) }); return c.ok ? 'NONE' : c.errorName; })();
      this.note(null, 'note', r === 'NONE' ? `created topic ${t.name}: ${t.partitions} partition(s), replication factor ${t.replicationFactor}` : `topic ${t.name} could not be created: ${r}`);
    }
    for (const p of doc.producers ?? []) {
      const producer = new SimProducer(ctx, p, ctx.random.fork(`producer:${p.name}`));
      this.producers.set(p.name, producer);
      if (p.startAtMs !== null) ctx.schedule(p.startAtMs ?? 0, 'scenario-producer-start', () => producer.start());
    }
    for (const g of doc.consumerGroups ?? []) {
      const runtime: GroupRuntime = { spec: g, recorder: new GroupRecorder(), members: new Map() };
      this.groups.set(g.groupId, runtime);
      for (const m of g.members) {
        const member = new SimMember(ctx, g, m, runtime.recorder);
        runtime.members.set(m.name, member);
        if (m.startAtMs !== null) ctx.schedule(m.startAtMs ?? 0, 'scenario-member-start', () => member.start());
      }
    }
    doc.steps.forEach((s, i) => ctx.schedule(s.atMs, 'scenario-step', () => this.runStep(i)));
    this.results.forEach((r, i) => {
      if (r.expectation.atMs !== undefined) ctx.schedule(r.expectation.atMs, 'scenario-expectation', () => (this.holding !== null ? this.heldMeasures.push(i) : this.measure(i)));
    });
    ctx.schedule(doc.durationMs, 'scenario-end', () => this.finish());
  }

  private note(stepIndex: number | null, kind: ScenarioNarrationLine['kind'], text: string): void {
    this.narration.push({ atMs: this.ctx.nowMs(), stepIndex, kind, text });
  }

  private notify(): void {
    if (this.listeners.size === 0) return;
    const s = this.status();
    for (const l of this.listeners) l(s);
  }

  private runStep(i: number): void {
    if (this.holding !== null) { this.held.push(i); return; }
    const step = this.doc.steps[i]!;
    this.note(i, 'title', step.title);
    if (step.text) this.note(i, 'text', step.text);
    if (step.predict) {
      this.note(i, 'predict', `${step.predict.question} ${step.predict.choices.map((c, k) => `(${k + 1}) ${c}`).join(' ')}`);
      if (!this.steps[i]!.revealed && !this.options.autoReveal) {
        this.holding = i;
        return this.notify();
      }
    }
    this.runActions(i);
  }

  private runActions(i: number): void {
    const step = this.doc.steps[i]!;
    const view = this.steps[i]!;
    for (const action of step.actions ?? []) {
      const result = runAction(this.ctx, this.targets, action);
      const description = describeAction(action);
      view.actions.push({ action, description, result });
      this.note(i, 'action', result.ok ? description : `${description}: ${result.errorName} ${result.message}`);
    }
    view.done = true;
    if (step.predict) {
      view.revealed = true;
      this.note(i, 'answer', `Answer: ${step.predict.choices[step.predict.answer]} — ${step.predict.explanation}`);
    }
    this.cache = null;
    this.notify();
  }

  private readonly targets = {
    producer: (name: string) => this.producers.get(name),
    member: (group: string, name: string) => this.groups.get(group)?.members.get(name),
    recorder: (group: string) => this.groups.get(group)?.recorder,
    onSeek: (group: string, topic: string) => this.checker?.acceptOffsetReset(group, topic),
  };

  reveal(stepIndex: number): CommandResult {
    const step = this.steps[stepIndex];
    if (!step) return { ok: false, errorName: 'INVALID_REQUEST', message: `there is no step ${stepIndex}` };
    if (!step.predict) return { ok: false, errorName: 'INVALID_REQUEST', message: `step ${stepIndex} asks no question` };
    if (step.revealed) return { ok: false, errorName: 'INVALID_REQUEST', message: `step ${stepIndex} is already revealed` };
    this.cluster.extensionInput(SCENARIO_EXTENSION, { reveal: stepIndex }, () => this.applyReveal(stepIndex));
    return { ok: true };
  }

  /** A reveal (the presenter's click, or its replay): the held step's actions run now, then the steps held behind it. */
  private applyReveal(stepIndex: number): void {
    this.ctx.guard('reveal', () => {
      const step = this.steps[stepIndex];
      if (!step || step.revealed) return;
      if (this.holding !== stepIndex) {
        step.revealed = true;
        return this.notify();
      }
      this.holding = null;
      this.runActions(stepIndex);
      while (this.holding === null && this.held.length > 0) this.runStep(this.held.shift()!);
      while (this.holding === null && this.heldMeasures.length > 0) this.measure(this.heldMeasures.shift()!);
      if (this.holding === null && this.endPassed && !this.done) this.finish();
    });
  }

  nextPauseAtMs(): number | null {
    if (this.holding !== null) return this.startTimeMs + this.steps[this.holding]!.atMs;
    const next = this.steps.find((s) => !s.revealed && !s.done);
    return next ? this.startTimeMs + next.atMs : null;
  }

  onUpdate(listener: (status: ScenarioStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  finished(): boolean {
    return this.done;
  }

  detach(): void {
    this.ctx.detached = true;
    for (const g of this.groups.values()) for (const m of g.members.values()) m.crash();
  }

  private readonly sources: MeasureSources = {
    ctx: null as unknown as EngineContext,
    producers: () => this.counters().producers,
    lanes: () => this.counters().lanes,
    recorder: (group) => this.groups.get(group)?.recorder,
    groupTopics: (group) => this.groups.get(group)?.spec.topics ?? [],
  };

  private measure(i: number): void {
    this.results[i] = checkExpectation(this.results[i]!.expectation, { ...this.sources, ctx: this.ctx });
    const r = this.results[i]!;
    this.note(null, 'expectation', `${r.passed ? 'PASS' : 'FAIL'} ${r.label} (actual ${r.actual ?? 'unmeasurable'}${r.actualSet ? `, ISR [${r.actualSet.join(',')}]` : ''})`);
  }

  private finish(): void {
    this.endPassed = true;
    if (this.holding !== null) return; // the end waits for the last question too
    this.cache = null;
    this.results.forEach((r, i) => { if (r.expectation.atMs === undefined) this.measure(i); });
    this.done = true;
    this.note(null, 'note', this.passed() ? 'Every expected outcome was met.' : 'Some expected outcomes were NOT met.');
    this.notify();
  }

  private passed(): boolean {
    return this.results.every((r) => r.passed) && (this.checker?.violations.length ?? 0) === 0 && this.ctx.engineErrors.length === 0;
  }

  private counters(): { producers: ScenarioProducerCounters[]; lanes: ScenarioLaneCounters[] } {
    const atEvent = this.cluster.sim.processedEvents;
    if (this.cache && this.cache.atEvent === atEvent) return this.cache;
    const logs = new Map<string, Map<string, number>>();
    const ids = (topic: string) => { let m = logs.get(topic); if (!m) logs.set(topic, (m = idsInTopic(this.ctx, topic))); return m; };
    const producers = [...this.producers.values()].map((p) => producerCounters(p, ids(p.spec.topic)));
    const lanes = (this.doc.lanes ?? []).map((lane) => {
      const producer = this.producers.get(lane.producer)!;
      const group = lane.group !== undefined ? this.groups.get(lane.group) : undefined;
      const output = group?.spec.commit === 'transactional' && group.spec.output ? ids(group.spec.output.topic) : null;
      return laneCounters(lane, producer, producers.find((p) => p.name === lane.producer)!, group?.recorder ?? null, output);
    });
    this.cache = { atEvent, producers, lanes };
    return this.cache;
  }

  private groupCounters(): ScenarioGroupCounters[] {
    return [...this.groups.values()].map((g) => ({
      groupId: g.spec.groupId,
      members: [...g.members.values()].map((m) => ({ name: m.spec.name, state: m.state, processed: m.processedCount, lastError: m.lastError })),
      lag: groupLag(this.ctx, g.spec.groupId, g.spec.topics),
      rebalances: Math.max(0, g.recorder.generations.size - 1),
    }));
  }

  status(): ScenarioStatus {
    const { producers, lanes } = this.counters();
    const pending = this.holding !== null ? this.steps[this.holding]! : null;
    return {
      name: this.doc.name, title: this.doc.title, summary: this.doc.summary, seed: this.seed, durationMs: this.doc.durationMs,
      nowMs: this.ctx.nowMs(),
      steps: this.steps.map((s) => ({ ...s, actions: [...s.actions] })),
      currentStep: this.steps.reduce((last, s) => (s.done || (pending && s.index === pending.index) ? s.index : last), -1),
      pendingPredict: pending?.predict ? { stepIndex: pending.index, question: pending.predict.question, choices: [...pending.predict.choices] } : null,
      narration: [...this.narration],
      producers, lanes, groups: this.groupCounters(),
      expectations: this.results.map((r) => ({ ...r })),
      invariantViolations: [...(this.checker?.violations ?? []), ...this.ctx.engineErrors.map((e) => `scenario engine: ${e}`)],
      finished: this.done,
    };
  }

  report(): ScenarioReport {
    const { pendingPredict: _pending, ...status } = this.status();
    return { ...status, passed: this.done && this.passed(), eventCount: this.cluster.sim.processedEvents };
  }
}
