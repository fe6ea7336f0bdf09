/**
 * The semantic fuzzer's runner (issue 11): a ClusterHost on ephemeral ports in this process,
 * rounds of cases from one family each, sent over real sockets on parallel lanes; after every
 * round, simulated time jumps far enough for background work to touch what was written (the log
 * cleaner's backoff, retention checks, segment rolls, group session and transaction timeouts),
 * then the well-behaved client must still produce, consume and commit. Invariants, checked per
 * round: nothing escapes as an uncaught exception or unhandled rejection, no background step
 * throws, every response decodes and arrives in order, the good client works, and memory (rss)
 * stays under the stated bound. A failure names the seed, round, cases and family to reproduce it.
 */
import type { ClusterView } from '../../shared/cluster-view';
import { ClusterHost } from '../host/cluster-host';
import { Random } from '../sim/random';
import { createHandlerRegistry } from '../wire/handlers';
import { allFamilies } from './families';
import { CaseViolation, errorCodes, type CaseIO, type Family } from './families/family';
import { GoodClient } from './good-client';
import { FUZZ_TOPICS, GOOD_GROUP, GOOD_TOPIC, Hostile } from './hostile';
import { Lane, type Answer, type LaneProblem } from './lane';
import { RECORD_KINDS, type RecordKind } from './record-batches';
import { RunStats } from './stats';
import { Watchdog } from './watchdog';

export interface FuzzOptions {
  seed: number;
  /** Stop after this many cases (whichever of cases/seconds comes first). */
  cases?: number;
  seconds?: number;
  /** Families left out, by name (KNOWN_OPEN). */
  skip?: readonly string[];
  /** Only these families (default all). */
  only?: readonly string[];
  /** Families to run instead of allFamilies() (the fuzzer's own tests). */
  families?: readonly Family[];
  lanes?: number;
  casesPerRound?: number;
  /** Simulated ms run after each round (default 70 s: past the cleaner backoff, session and transaction timeouts). */
  backgroundMs?: number;
  /** Crash and restart a random broker after every n-th round (default 4; 0 never). */
  restartBrokerEvery?: number;
  /** rss above this fails the run (bytes). */
  rssBoundBytes?: number;
  /** Real ms the event loop may be blocked before the watchdog ends the run (default 60 s). */
  stallMs?: number;
  /** Real ms the good client may retry before its round counts as failed (default 15 s). */
  goodClientDeadlineMs?: number;
  /** Real ms a lane waits for an answer before closing its connection. */
  answerTimeoutMs?: number;
  progress?: (line: string) => void;
}

export interface FuzzFailure {
  /** `generator` is the fuzzer's own bug: a family threw while making or sending a case. */
  invariant: 'uncaught-exception' | 'background-task' | 'handler-exception' | 'good-client' | 'memory' | 'response' | 'host' | 'generator' | 'outcome';
  family: string;
  round: number;
  cases: string;
  detail: string;
  reproduce: string;
}

/**
 * The stated memory bound for any run length: the whole process (3 brokers, their logs of at most
 * 4 MiB per partition, the input log of at most 256 MiB, the fuzzer) stays under 1.5 GiB rss.
 * Measured: ~220 MiB in the 2000-case test, peaks of 700-980 MiB in 2-5 minute runs holding about
 * 120 MiB of logs (the rest is V8 heap not yet collected; rss falls back between peaks).
 */
export const DEFAULT_RSS_BOUND_BYTES = 1536 * 1024 * 1024;

/**
 * Broker configs for the fuzzed host: retention checked every 10 simulated seconds instead of 5
 * minutes, so each round's jump reaches it (the cleaner's 15 s backoff already does); no initial
 * rebalance delay, so JoinGroup answers within a case; 1 MiB segments and 4 MiB per partition by
 * default, as an operator bounds an in-memory log (issue 11 finding 9), so the memory bound
 * measures what the broker holds beyond its logs, not how long the run was.
 */
const FUZZ_BROKER_CONFIG: Record<string, string> = {
  'log.retention.check.interval.ms': '10000',
  'group.initial.rebalance.delay.ms': '0',
  'log.segment.bytes': String(1 << 20),
  'log.retention.bytes': String(4 << 20),
};

/**
 * @param onWarning the host's protocol warnings: a handler that threw (the router answers
 *   UNKNOWN_SERVER_ERROR or closes the connection) is contained but still a bug, so it fails the run.
 */
async function startHost(seed: number, onWarning: (message: string) => void): Promise<ClusterHost> {
  const host = await ClusterHost.start({
    brokers: 3, basePort: 0, seed, speed: 200, defaultPartitions: 1, defaultReplicationFactor: 3, brokerConfig: FUZZ_BROKER_CONFIG,
    log: (level, message) => {
      if (level === 'warn') onWarning(message);
    },
  });
  const topics = [...FUZZ_TOPICS, { name: GOOD_TOPIC, partitions: 1, replicationFactor: 3, configs: { 'retention.ms': '-1', 'retention.bytes': '-1', 'cleanup.policy': 'delete', 'min.insync.replicas': '1', 'max.message.bytes': '1048588' } }];
  for (const t of topics) {
    const result = await host.execute({ type: 'create-topic', topic: t.name, partitions: t.partitions, replicationFactor: t.replicationFactor, configs: t.configs });
    if (!result.ok) throw new Error(`create-topic ${t.name}: ${result.errorName} ${result.message}`);
  }
  // The internal topics get the overrides the good client's topic has, so a hostile broker-wide
  // min.insync.replicas=4 or message.max.bytes=1 (which stop offset commits in Kafka too) does not
  // fail the good client for no bug. Their topic-level configs are never altered (hostile.ts).
  const lane = new Lane(ports(host), 10_000, () => {});
  await lane.call(1, 10, 3, { key: GOOD_GROUP, keyType: 0 });
  await lane.call(1, 10, 3, { key: 'fuzz-txn-0', keyType: 1 });
  lane.close();
  for (const topic of ['__consumer_offsets', '__transaction_state']) {
    await waitUntil(() => host.snapshot().topics.some((t) => t.name === topic));
    const result = await host.execute({ type: 'alter-topic-config', topic, configs: { 'min.insync.replicas': '1', 'max.message.bytes': '1048588' } });
    if (!result.ok) throw new Error(`alter-topic-config ${topic}: ${result.errorName} ${result.message}`);
  }
  return host;
}

async function waitUntil(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out starting the fuzz host');
    await new Promise((r) => setTimeout(r, 20));
  }
}

function ports(host: ClusterHost): Map<number, number> {
  return new Map(host.snapshot().brokers.map((b) => [b.brokerId, b.port]));
}

/** The host's ClusterView (what serve mode and the app push at 2-10 Hz), or null after recording why it could not be built. */
function snapshotOf(host: ClusterHost, fail: (invariant: 'host', detail: string) => void): ClusterView | null {
  try {
    return host.snapshot();
  } catch (e) {
    fail('host', `snapshot failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return null;
  }
}

/**
 * The families of the next rounds: a deck holding each family about twice its weight (at least
 * once), shuffled; every family runs once per deck, so a short run still covers all of them.
 */
function dealer(families: readonly Family[]): (random: Random) => Family {
  let deck: Family[] = [];
  return (random) => {
    if (deck.length === 0) deck = random.shuffle(families.flatMap((f) => Array.from({ length: Math.max(1, Math.round(f.weight * 2)) }, () => f)));
    return deck.pop()!;
  };
}

export async function runFuzz(opts: FuzzOptions): Promise<{ stats: RunStats; failures: FuzzFailure[] }> {
  const registry = createHandlerRegistry();
  const advertised = registry.advertised();
  const skip = new Set(opts.skip ?? []);
  const families = (opts.families ?? allFamilies(advertised)).filter((f) => !skip.has(f.name) && (!opts.only || opts.only.includes(f.name)));
  if (families.length === 0) throw new Error('no family left to run');
  const recordKinds = RECORD_KINDS.filter((k: RecordKind) => !skip.has(`records-${k}`));
  const lanesCount = opts.lanes ?? 8;
  const perRound = opts.casesPerRound ?? 32;
  const backgroundMs = opts.backgroundMs ?? 70_000;
  const restartEvery = opts.restartBrokerEvery ?? 4;
  const rssBound = opts.rssBoundBytes ?? DEFAULT_RSS_BOUND_BYTES;
  const answerTimeoutMs = opts.answerTimeoutMs ?? 1500;
  const deadline = opts.seconds !== undefined ? Date.now() + opts.seconds * 1000 : Infinity;
  const maxCases = opts.cases ?? Infinity;
  const stats = new RunStats(registry.all());
  const failures: FuzzFailure[] = [];
  const root = new Random(opts.seed);
  const nextFamily = dealer(families);
  const seen = new Hostile(root, recordKinds).seen;
  let current = { family: '-', round: -1, cases: '-' };
  const fail = (invariant: FuzzFailure['invariant'], detail: string): void => {
    failures.push({ invariant, ...current, detail, reproduce: `reproduce with SEED=${opts.seed} (round ${current.round}, cases ${current.cases}, family ${current.family})` });
    opts.progress?.(`FAILURE ${invariant} in ${current.family} round ${current.round}: ${detail.split('\n')[0]}`);
  };
  const onUncaught = (err: unknown): void => fail('uncaught-exception', err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
  const onProblem = (p: LaneProblem): void => fail('response', `${p.what}: ${p.detail}`);

  const onWarning = (message: string): void => {
    if (/ failed: /.test(message)) fail('handler-exception', message);
  };
  // While the event loop is stuck nothing above runs; the watchdog thread reports and ends the run.
  const watchdog = new Watchdog(opts.seed, families.map((f) => f.name), opts.stallMs ?? 60_000, Math.max(2 * rssBound, 2 ** 31));
  let host = await startHost(opts.seed, onWarning);
  let good = new GoodClient(ports(host), opts.goodClientDeadlineMs);
  const started = Date.now();
  try {
    for (let round = 0; stats.cases < maxCases && Date.now() < deadline; round++) {
      const random = root.fork(`round-${round}`);
      const family = nextFamily(root);
      watchdog.round(round, families.indexOf(family));
      const count = Math.min(perRound, maxCases - stats.cases);
      current = { family: family.name, round, cases: `${stats.cases}-${stats.cases + count - 1}` };
      const h = new Hostile(random, recordKinds, seen);
      const brokerPorts = ports(host);
      const lanes = Array.from({ length: lanesCount }, () => new Lane(brokerPorts, answerTimeoutMs, onProblem));
      const view = snapshotOf(host, fail);
      const leaders = new Map((view?.topics ?? []).flatMap((t) => t.partitions.map((p) => [`${t.name}-${p.partition}`, p.leader] as const)));
      const roundStart = Date.now();
      const before = failures.length;
      await Promise.all(lanes.map(async (lane, laneIndex) => {
        for (let i = laneIndex; i < count; i += lanesCount) {
          try {
            await family.run(caseIO(h, lane, leaders, stats, advertised), stats.cases + i);
          } catch (e) {
            if (e instanceof CaseViolation) fail('outcome', e.message);
            else fail('generator', `case ${stats.cases + i}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          }
          stats.familyCase(family.name);
        }
      }));
      for (const lane of lanes) lane.close();
      stats.cases += count;
      stats.longestRoundMs = Math.max(stats.longestRoundMs, Date.now() - roundStart);
      stats.phaseMs.cases += Date.now() - roundStart;
      const backgroundStart = Date.now();

      try {
        await host.execute({ type: 'pause' });
        if (restartEvery > 0 && round % restartEvery === restartEvery - 1) {
          // A broker crash and restart: coordinators move and load what the cases wrote to
          // __consumer_offsets and __transaction_state, followers truncate and catch up.
          const brokerId = random.int(1, 3);
          await host.execute({ type: 'stop-broker', brokerId, controlled: random.chance(0.5) });
          await host.execute({ type: 'step', stepMs: 5_000 });
          await host.execute({ type: 'start-broker', brokerId });
          stats.brokerRestarts++;
        }
        for (let ms = 0; ms < backgroundMs; ms += 10_000) await host.execute({ type: 'step', stepMs: 10_000 });
        await host.execute({ type: 'resume' });
      } catch (e) {
        fail('background-task', e instanceof Error ? (e.stack ?? e.message) : String(e));
      }
      const goodStart = Date.now();
      stats.phaseMs.background += goodStart - backgroundStart;
      const goodError = await good.check(round);
      stats.phaseMs.goodClient += Date.now() - goodStart;
      if (goodError) fail('good-client', goodError);
      const { rss } = process.memoryUsage();
      stats.peakRss = Math.max(stats.peakRss, rss);
      if (rss > rssBound) fail('memory', `rss ${(rss / 2 ** 20).toFixed(0)} MiB above the ${(rssBound / 2 ** 20).toFixed(0)} MiB bound`);
      const after = snapshotOf(host, fail);
      if (after) {
        stats.partitions = after.topics.reduce((n, t) => n + t.partitions.length, 0);
        // What the brokers legitimately hold, to read the rss against: every replica's log, and the input log.
        stats.heldBytes = after.topics.reduce((n, t) => n + t.partitions.reduce((m, p) => m + p.replicaStates.reduce((k, r) => k + r.sizeBytes, 0), 0), 0) + (after.sim?.inputLog?.bytes ?? 0);
      }
      if (after && !after.brokers.every((b) => b.state === 'running')) fail('host', 'a broker is no longer running');
      if (failures.length > before) {
        // The host may be wedged by what failed; later rounds get a fresh one so they still test something.
        good.close();
        await host.close();
        host = await startHost(opts.seed + round + 1, onWarning);
        good = new GoodClient(ports(host), opts.goodClientDeadlineMs);
        stats.hostRestarts++;
      }
      if (round % 20 === 0) opts.progress?.(`${stats.cases} cases, ${round + 1} rounds, ${((Date.now() - started) / 1000).toFixed(1)} s, rss ${(rss / 2 ** 20).toFixed(0)} MiB, ${failures.length} failures`);
    }
  } finally {
    stats.durationMs = Date.now() - started;
    stats.goodRecords = good.records;
    good.close();
    await host.close();
    for (const f of families) await f.close?.();
    await watchdog.stop();
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onUncaught);
  }
  return { stats, failures };
}

function caseIO(h: Hostile, lane: Lane, leaders: ReadonlyMap<string, number>, stats: RunStats, advertised: ReturnType<ReturnType<typeof createHandlerRegistry>['advertised']>): CaseIO {
  const ranges = new Map(advertised.map((a) => [a.apiKey, a]));
  const version = (apiKey: number, min = 0, max = Infinity): number => {
    const r = ranges.get(apiKey)!;
    const lo = Math.max(r.minVersion, min);
    const hi = Math.min(r.maxVersion, max);
    return h.int(lo, Math.max(lo, hi));
  };
  const io: CaseIO = {
    h,
    version,
    async call(apiKey, body, options = {}) {
      const v = options.version ?? version(apiKey);
      const leader = options.topic !== undefined ? leaders.get(`${options.topic}-${options.partition ?? 0}`) : undefined;
      const broker = options.broker ?? (leader !== undefined && leader > 0 && h.chance(0.9) ? leader : h.pick(lane.brokerIds));
      const answer: Answer = await lane.call(broker, apiKey, v, typeof body === 'function' ? body(v) : body, options.clientId === undefined ? 'kafka-lab-fuzz' : options.clientId);
      stats.answered(apiKey, v, answer, answer.kind === 'response' ? errorCodes(answer.body) : []);
      return answer;
    },
    async coordinator(key, keyType) {
      const answer = await lane.call(h.pick(lane.brokerIds), 10, 3, { key, keyType });
      const node = answer.kind === 'response' && answer.body.errorCode === 0 ? (answer.body.nodeId as number) : -1;
      return node > 0 ? node : h.pick(lane.brokerIds);
    },
  };
  return io;
}
