// The results table of bench/wire-throughput.ts: one row per measurement, ours next to the peer.
import { MESSAGE_BYTES } from './kcat-workload';
import { fmtInt, fmtNum, fmtRatio, type BenchRow } from './report';
import type { Latency, Options, Phase, TargetResult } from './wire-phases';

export function rows(o: Options, ours: TargetResult, peer: TargetResult): BenchRow[] {
  const mb = (n: number): number => (n * MESSAGE_BYTES) / 1e6;
  const out: BenchRow[] = [];
  const notRun = (r: TargetResult): string | undefined => r.error && 'not measured (see notes)';

  // Best round: the fastest error-free one (all rounds failed: the first, to show its error).
  const best = (phases: Phase[]): Phase | undefined =>
    phases.filter((p) => !p.error).sort((a, b) => a.wallMs - b.wallMs)[0] ?? phases[0];
  const throughput = (label: string, pick: (r: TargetResult) => Phase[], n: number, note: string): void => {
    const rate = (r: TargetResult): number | undefined => {
      const p = best(pick(r));
      return p && !p.error ? n / (p.wallMs / 1000) : undefined;
    };
    const cell = (r: TargetResult): string => {
      const p = best(pick(r));
      if (!p) return notRun(r) ?? 'n/a';
      const text = `${fmtInt(n / (p.wallMs / 1000))} msg/s (${fmtNum(mb(n) / (p.wallMs / 1000))} MB/s)`;
      return p.error ? `${text} — ${p.error}` : text;
    };
    // CPU per MB: the lowest over the rounds (contention inflates CPU time too, never deflates it).
    const cpuPerMb = (r: TargetResult): number | undefined => {
      const all = pick(r).map((p) => p.cpuMs / mb(n));
      return all.length ? Math.min(...all) : undefined;
    };
    const cpuCell = (r: TargetResult): string => { const v = cpuPerMb(r); return v === undefined ? notRun(r) ?? 'n/a' : `${fmtNum(v, 2)} CPU-ms/MB`; };
    const rounds = o.rounds > 1 ? `best of ${o.rounds} rounds; ` : '';
    out.push({ measurement: `${label}: throughput`, value: cell(ours), peer: cell(peer), ratio: fmtRatio(rate(ours), rate(peer)), note: `${rounds}${note}` });
    out.push({ measurement: `${label}: cluster CPU per MB`, value: cpuCell(ours), peer: cpuCell(peer), ratio: fmtRatio(cpuPerMb(ours), cpuPerMb(peer)),
      note: `${o.rounds > 1 ? `lowest of ${o.rounds} rounds; ` : ''}lower is better; user+system CPU of the cluster process tree from /proc` });
  };

  const acks = 'RF=3, acks=all';
  throughput(`kcat produce ${fmtInt(o.messages)} × ${MESSAGE_BYTES} B, ${o.partitions} partitions, ${acks}`, (r) => r.produce, o.messages,
    `higher is better; wall time of the kcat process (connect, metadata, all acks)${o.warmupMessages > 0 ? `; each cluster first took an untimed warm-up of ${fmtInt(o.warmupMessages)} messages` : ''}`);
  throughput(`kcat consume the same ${fmtInt(o.messages)} back`, (r) => r.consume, o.messages,
    `higher is better; kafka-lab: ${best(ours.consume)?.detail ?? 'n/a'}; peer: ${best(peer.consume)?.detail ?? 'n/a'}`);
  throughput(`kafkajs produce ${fmtInt(o.kafkajsMessages)} × ${MESSAGE_BYTES} B, 1,000 per send, 4 sends in flight, 3 partitions, ${acks}`,
    (r) => r.kafkajs, o.kafkajsMessages, 'higher is better; kafkajs runs in the bench process');

  const latencyRows = (label: string, which: (r: TargetResult) => Latency | undefined, note: string): void => {
    const lat = (r: TargetResult, pick: (l: Latency) => number): number | undefined => { const l = which(r); return l && !l.error ? pick(l) : undefined; };
    const latCell = (r: TargetResult, pick: (l: Latency) => number): string => {
      const l = which(r);
      return l ? `${fmtNum(pick(l), 2)} ms${l.error ? ` — ${l.error}` : ''}` : notRun(r) ?? 'n/a';
    };
    for (const [name, pick] of [['p50', (l: Latency) => l.p50Ms], ['p99', (l: Latency) => l.p99Ms]] as const) {
      out.push({ measurement: `${label}: produce latency ${name}`, value: latCell(ours, pick), peer: latCell(peer, pick),
        ratio: fmtRatio(lat(ours, pick), lat(peer, pick)), note });
    }
  };
  latencyRows(`librdkafka producer paced at ${fmtInt(o.latencyRate)} msg/s for ${o.latencySeconds} s, linger.ms=0, ${acks}`, (r) => r.latency,
    'lower is better; produce() to delivery report, per acknowledged message');
  latencyRows(`kafkajs paced at ${fmtInt(o.latencyRate)} sends/s × 1 message for ${o.latencySeconds} s, ${acks}`, (r) => r.latencyKafkajs,
    'lower is better; send() to its promise resolving, per send');
  const load = (r: TargetResult): number | undefined => (r.latency ? (r.latency.cpuMs / r.latency.wallMs) * 100 : undefined);
  const loadCell = (r: TargetResult): string => { const v = load(r); return v === undefined ? notRun(r) ?? 'n/a' : `${fmtNum(v, 1)} % of a core`; };
  out.push({ measurement: `cluster CPU while paced at ${fmtInt(o.latencyRate)} msg/s (librdkafka producer)`, value: loadCell(ours), peer: loadCell(peer), ratio: fmtRatio(load(ours), load(peer)), note: 'lower is better; CPU-ms per wall-ms during the paced run' });
  const rss = (r: TargetResult): string => (r.peakRssMb !== undefined ? `${fmtNum(r.peakRssMb, 0)} MB` : notRun(r) ?? 'n/a');
  out.push({ measurement: 'cluster peak RSS (VmHWM) over the run', value: rss(ours), peer: rss(peer), ratio: fmtRatio(ours.peakRssMb, peer.peakRssMb),
    note: 'ours keeps 3 replicas of every batch; the mock keeps one copy, at most 5 MB per partition' });
  return out;
}
