/** Three columns of boxes (producers, topics, groups) joined by curves; inferred edges (clusters that do not report per-connection topics) are dashed. */
import { useMemo } from 'react';
import type { ClusterView } from '../../../shared/cluster-view';
import { buildDataFlow, type FlowNode } from './data-flow';

const boxWidth = 220;
const boxHeight = 40;
const gap = 14;
const columnX = [10, 340, 670];

export function DataFlow({ view }: { view: ClusterView }) {
  const flow = useMemo(() => buildDataFlow(view), [view]);
  const columns: FlowNode[][] = [flow.producers, flow.topics, flow.groups];
  const position = new Map<string, { x: number; y: number }>();
  columns.forEach((nodes, c) => nodes.forEach((n, i) => position.set(n.id, { x: columnX[c]!, y: 30 + i * (boxHeight + gap) })));
  const height = 40 + Math.max(1, ...columns.map((n) => n.length)) * (boxHeight + gap);
  return (
    <section className="panel" data-testid="data-flow">
      <h2>Data flow <span className="hint">producers → topics → consumer groups, as the brokers see them (topics each connection produced to and fetched from, group ids it used); dashed = inferred (this cluster does not report per-connection topics)</span></h2>
      <svg width={columnX[2]! + boxWidth + 10} height={height} className="wb-flow" role="img" aria-label="data flow">
        {['Producers (client.id)', 'Topics', 'Consumer groups'].map((title, c) => <text key={title} x={columnX[c]} y={16} className="wb-flow-title">{title}</text>)}
        {flow.edges.map((e) => {
          const a = position.get(e.from);
          const b = position.get(e.to);
          if (!a || !b) return null;
          const x1 = a.x + boxWidth;
          const y1 = a.y + boxHeight / 2;
          const y2 = b.y + boxHeight / 2;
          const mid = (x1 + b.x) / 2;
          return <path key={`${e.from}>${e.to}`} data-testid="flow-edge" data-from={e.from} data-to={e.to} data-inferred={e.inferred ? 'true' : 'false'} d={`M${x1},${y1} C${mid},${y1} ${mid},${y2} ${b.x},${y2}`} fill="none" stroke="var(--accent)" strokeWidth={1.5} strokeDasharray={e.inferred ? '5 4' : undefined} opacity={0.8} />;
        })}
        {columns.flat().map((n) => {
          const p = position.get(n.id)!;
          return (
            <g key={n.id} data-testid="flow-node" data-node={n.id}>
              <rect x={p.x} y={p.y} width={boxWidth} height={boxHeight} rx={5} fill="var(--panel)" stroke="var(--border)" />
              <text x={p.x + 8} y={p.y + 16} className="wb-flow-label">{n.label.length > 30 ? `${n.label.slice(0, 29)}…` : n.label}</text>
              <text x={p.x + 8} y={p.y + 32} className="wb-flow-detail">{n.detail}</text>
            </g>
          );
        })}
      </svg>
      {columns.every((c) => c.length === 0) && <p className="hint">Nothing flowing yet: produce a record or start a consumer.</p>}
    </section>
  );
}
