import { makeClusterView } from './src/shared/cluster-view-fixtures';
import { SessionHistory } from './src/broker/host/session-history';
const topics = Array.from({ length: 100 }, (_, i) => ({ name: `topic-${i}`, partitions: 100, replicationFactor: 3, records: 5000 }));
const view = makeClusterView({ topics });
const h = new SessionHistory();
for (let i = 0; i < 3; i++) { const t0 = performance.now(); h.record({ ...view, simTimeMs: view.simTimeMs + i * 1000, topics: i === 0 ? view.topics : [...view.topics] }, i, 'interval', i * 1000); console.log('record', i, (performance.now() - t0).toFixed(1)); }
console.log(h.range(), JSON.stringify(view).length);
let t0 = performance.now(); h.viewAt(view.simTimeMs); console.log('viewAt', (performance.now() - t0).toFixed(1));
t0 = performance.now(); JSON.stringify(view); console.log('stringify', (performance.now() - t0).toFixed(1));
