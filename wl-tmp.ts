import { runHistoryWorkload } from './src/broker/host/session-history-workload';
const t0 = performance.now();
const r = runHistoryWorkload({ partitions: 100, recordsPerPartitionPerSec: 10, seconds: Number(process.argv[2] ?? 120) });
console.log((performance.now()-t0).toFixed(0), 'ms', r.history.range(), r.history.stats(), r.recordMeanMs, r.recordMaxMs, r.snapshotMeanMs);
const t1 = performance.now(); const v = r.history.viewAt(r.history.range().toMs! - 30000); console.log('viewAt', (performance.now()-t1).toFixed(1), JSON.stringify(v!.view).length);
