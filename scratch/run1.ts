import { readFileSync } from 'node:fs';
import { parseScenario, runScenario } from '../src/broker/scenario';
const r = parseScenario(readFileSync(process.argv[2]!, 'utf8'));
if (!r.ok) { console.log(r.errors); process.exit(2); }
const t0 = performance.now();
const rep = runScenario(r.doc, { seed: process.argv[3] ? Number(process.argv[3]) : undefined });
console.log('ms', Math.round(performance.now() - t0), 'events', rep.eventCount);
for (const n of rep.narration) console.log(n.atMs, n.kind, n.text.slice(0, 160));
console.log(JSON.stringify({ producers: rep.producers.map(p => ({ ...p, lostIds: p.lostIds.slice(0, 5), duplicatedIds: p.duplicatedIds.slice(0, 5) })), lanes: rep.lanes.map(l => ({ ...l, lostIds: l.lostIds.slice(0, 5), duplicatedIds: l.duplicatedIds.slice(0, 5) })), groups: rep.groups, inv: rep.invariantViolations }, null, 1));
console.log('passed', rep.passed);
