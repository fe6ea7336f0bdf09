/**
 * Consumer-group lag history: samples every group's lag at a fixed interval for as long as the
 * app runs, independent of which view is open. Memory is bounded: each group keeps at most
 * `capacity` samples; when full, the older half is thinned to every other sample, so the chart
 * covers ever longer spans at coarser resolution. Generation changes are kept as the rebalance
 * history (at most 100 per group).
 *
 * The source is a function returning GroupView[]: for the embedded cluster the host's snapshot
 * (which knows lag in time, something a client cannot see); a remote cluster would pass one built
 * from kafkajs admin.fetchOffsets + fetchTopicOffsets.
 */
import type { GroupView } from '../../shared/cluster-view';
import type { LagHistory, LagSample, LagTrend, RebalanceRecord } from '../../shared/workbench-contract';

export interface LagSamplerOptions {
  intervalMs?: number;
  capacity?: number;
  /** Groups tracked at once; the least recently seen are forgotten beyond this. */
  maxGroups?: number;
  now?: () => number;
}

interface GroupTrack {
  samples: LagSample[];
  rebalances: RebalanceRecord[];
  lastGeneration: number;
  lastState: string;
  lastSeenMs: number;
}

const maxRebalances = 100;
const trendLength = 60;

export class LagSampler {
  readonly intervalMs: number;
  private readonly capacity: number;
  private readonly maxGroups: number;
  private readonly now: () => number;
  private readonly groups = new Map<string, GroupTrack>();
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly source: () => GroupView[], options: LagSamplerOptions = {}) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.capacity = Math.max(10, options.capacity ?? 600);
    this.maxGroups = options.maxGroups ?? 200;
    this.now = options.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Takes one sample of every group now (also what the timer calls). */
  sample(): void {
    let groups: GroupView[];
    try {
      groups = this.source();
    } catch {
      return;
    }
    const atMs = this.now();
    for (const g of groups) {
      let track = this.groups.get(g.groupId);
      if (!track) {
        track = { samples: [], rebalances: [], lastGeneration: Number.NaN, lastState: '', lastSeenMs: atMs };
        this.groups.set(g.groupId, track);
      }
      track.lastSeenMs = atMs;
      const partitions: Record<string, number> = {};
      let maxTimeLagMs = 0;
      for (const o of g.offsets) {
        partitions[`${o.topic}:${o.partition}`] = o.lag;
        maxTimeLagMs = Math.max(maxTimeLagMs, o.timeLagMs);
      }
      track.samples.push({ atMs, totalLag: g.totalLag, partitions, maxTimeLagMs });
      if (track.samples.length > this.capacity) thinOlderHalf(track.samples);
      if (g.generationId !== track.lastGeneration || (g.state !== track.lastState && (g.state === 'Stable' || g.state === 'Empty' || g.state === 'Dead'))) {
        track.rebalances.push({
          atMs, generationId: g.generationId, state: g.state, protocol: g.protocol,
          members: g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, assignment: m.assignment })),
        });
        if (track.rebalances.length > maxRebalances) track.rebalances.shift();
        track.lastGeneration = g.generationId;
        track.lastState = g.state;
      } else if (g.state === 'Stable' && track.rebalances.length > 0) {
        // The assignment arrives with SyncGroup, after the generation was first seen: keep the latest.
        const last = track.rebalances[track.rebalances.length - 1]!;
        if (last.generationId === g.generationId) last.members = g.members.map((m) => ({ memberId: m.memberId, clientId: m.clientId, assignment: m.assignment }));
      }
    }
    if (this.groups.size > this.maxGroups) {
      const oldest = [...this.groups].sort((a, b) => a[1].lastSeenMs - b[1].lastSeenMs).slice(0, this.groups.size - this.maxGroups);
      for (const [groupId] of oldest) this.groups.delete(groupId);
    }
  }

  history(groupId: string): LagHistory {
    const track = this.groups.get(groupId);
    return { groupId, intervalMs: this.intervalMs, samples: track ? [...track.samples] : [], rebalances: track ? [...track.rebalances] : [] };
  }

  trends(): LagTrend[] {
    return [...this.groups].map(([groupId, t]) => ({ groupId, totalLag: t.samples.slice(-trendLength).map((s) => s.totalLag) }));
  }

  /** Samples held in total (for the soak and memory tests). */
  sampleCount(): number {
    let n = 0;
    for (const t of this.groups.values()) n += t.samples.length;
    return n;
  }
}

/** Drops every other sample of the older half, in place. */
function thinOlderHalf(samples: LagSample[]): void {
  const half = Math.floor(samples.length / 2);
  const kept = samples.slice(0, half).filter((_, i) => i % 2 === 0);
  samples.splice(0, half, ...kept);
}
