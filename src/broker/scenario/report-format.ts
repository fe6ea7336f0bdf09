/**
 * Plain-text rendering of narration lines and of the ScenarioReport for the CLI (and anything
 * else printing to a terminal). Times in seconds of simulated time.
 */
import type { ScenarioNarrationLine, ScenarioReport } from '../../shared/scenario-view';

const SHOWN_IDS = 10;
const ids = (list: string[], total: number) => `${list.slice(0, SHOWN_IDS).join(' ')}${total > SHOWN_IDS ? ` … (${total} in all)` : ''}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(3).padStart(8)} s`;

export function formatNarration(line: ScenarioNarrationLine): string {
  const at = `[${seconds(line.atMs)}]`;
  switch (line.kind) {
    case 'title': return line.stepIndex === null ? `${at} ══ ${line.text} ══` : `${at} ▸ step ${line.stepIndex + 1}: ${line.text}`;
    case 'text': return `${at}     ${line.text}`;
    case 'action': return `${at}     → ${line.text}`;
    case 'predict': return `${at}   ? PREDICT: ${line.text}`;
    case 'answer': return `${at}   ✓ ${line.text}`;
    case 'expectation': return `${at}   ${line.text.startsWith('PASS') ? '✔' : '✘'} ${line.text}`;
    case 'note': return `${at}     · ${line.text}`;
  }
}

export function formatReport(report: ScenarioReport): string[] {
  const out: string[] = ['', `Report: ${report.title} (seed ${report.seed}, ${report.durationMs / 1000} s simulated, ${report.eventCount} model events)`];
  if (report.producers.length > 0) {
    out.push('', 'Producers            acks  idempotent  sent   acknowledged  failed  lost  duplicated');
    for (const p of report.producers) {
      const failed = Object.values(p.failed).reduce((a, b) => a + b, 0);
      out.push(`  ${p.name.padEnd(18)} ${String(p.acks).padEnd(5)} ${String(p.idempotent).padEnd(11)} ${String(p.sent).padEnd(6)} ${String(p.acknowledged).padEnd(13)} ${String(failed).padEnd(7)} ${String(p.lost).padEnd(5)} ${p.duplicated}`);
      if (failed > 0) out.push(`      failed by error: ${Object.entries(p.failed).map(([k, v]) => `${k} ${v}`).join(', ')}`);
      if (p.transactional) out.push(`      transactions: ${p.transactionsCommitted} committed, ${p.transactionsAborted} aborted`);
      if (p.lostIds.length > 0) out.push(`      lost: ${ids(p.lostIds, p.lost)}`);
    }
  }
  if (report.lanes.length > 0) {
    out.push('', 'Lanes                input  processed  lost  duplicated');
    for (const l of report.lanes) {
      out.push(`  ${l.name.padEnd(18)} ${String(l.input).padEnd(6)} ${String(l.processed).padEnd(10)} ${String(l.lost).padEnd(5)} ${l.duplicated}   (${l.title})`);
      if (l.lostIds.length > 0) out.push(`      lost: ${ids(l.lostIds, l.lost)}`);
      if (l.duplicatedIds.length > 0) out.push(`      duplicated: ${ids(l.duplicatedIds, l.duplicated)}`);
    }
  }
  if (report.groups.length > 0) {
    out.push('', 'Consumer groups');
    for (const g of report.groups) out.push(`  ${g.groupId}: lag ${g.lag}, ${g.rebalances} rebalance(s); ${g.members.map((m) => `${m.name} ${m.state} processed ${m.processed}${m.lastError ? ` last error ${m.lastError}` : ''}`).join('; ')}`);
  }
  out.push('', 'Expected outcomes');
  for (const e of report.expectations) out.push(`  ${e.passed ? 'PASS' : 'FAIL'}  ${e.label} — actual ${e.actual ?? 'unmeasurable'}${e.actualSet ? ` (ISR [${e.actualSet.join(',')}])` : ''}${e.expectation.description ? `  (${e.expectation.description})` : ''}`);
  if (report.expectations.length === 0) out.push('  (none stated)');
  if (report.invariantViolations.length > 0) {
    out.push('', 'Invariant violations');
    for (const v of report.invariantViolations) out.push(`  ${v}`);
  }
  out.push('', report.passed ? 'RESULT: every expected outcome met.' : 'RESULT: FAILED — see the FAIL lines above.');
  return out;
}
