/** Consumer groups: state (with plain definitions), members, protocol, total lag and a lag trend. */
import { useEffect, useState } from 'react';
import type { LagTrend } from '../../../shared/workbench-contract';
import { formatInteger } from '../../components/format';
import { useApp } from '../../store/store-context';
import { useWorkbench, useWorkbenchUi } from '../messages/WorkbenchProvider';
import { GroupDetail } from './GroupDetail';
import { groupStateDefinitions, stateTone } from './group-states';
import { Sparkline } from './Sparkline';
import { ExplainButton } from '../explainers/ExplainButton';

const columns = 'minmax(180px, 2fr) 170px 90px 130px 100px 120px';

export function GroupsList() {
  const client = useWorkbench();
  const groups = useApp((s) => s.snapshot?.groups);
  const selected = useWorkbenchUi((s) => s.selectedGroupId);
  const selectGroup = useWorkbenchUi((s) => s.selectGroup);
  const [trends, setTrends] = useState<Map<string, number[]>>(new Map());
  useEffect(() => {
    const load = () => client.getLagTrends().then((list: LagTrend[]) => setTrends(new Map(list.map((t) => [t.groupId, t.totalLag]))), () => {});
    load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [client]);
  const list = [...(groups ?? [])].sort((a, b) => a.groupId.localeCompare(b.groupId));
  const shown = list.find((g) => g.groupId === selected);

  return (
    <div data-testid="groups-view">
      <section className="data-table panel-flush" data-testid="groups-list">
        <div className="data-row data-head" style={{ gridTemplateColumns: columns }}>
          <div>Group <ExplainButton concept="consumer-group" /></div><div>State <ExplainButton concept="consumer-group" label="What do the consumer group states mean?" /></div><div>Members</div><div>Protocol</div><div>Total lag <ExplainButton concept="consumer-group" label="What is consumer lag?" /></div><div>Lag trend</div>
        </div>
        {list.length === 0 && <div className="empty">No consumer groups yet. Start a consumer in a group (Consume tab) or from any Kafka client.</div>}
        {list.map((g) => (
          <div key={g.groupId} className={`data-row clickable ${g.groupId === selected ? 'selected' : ''}`} style={{ gridTemplateColumns: columns, minHeight: 34 }}
            onClick={() => selectGroup(g.groupId)} data-testid="group-row" data-group-id={g.groupId} data-state={g.state}>
            <div><strong>{g.groupId}</strong></div>
            <div><span className={`wb-state ${stateTone(g.state)}`} title={groupStateDefinitions[g.state]} data-testid="group-state">{g.state}</span></div>
            <div data-testid="group-members">{g.members.length}</div>
            <div>{g.protocolType || '—'}{g.protocol ? ` / ${g.protocol}` : ''}</div>
            <div className={g.totalLag > 0 ? 'count-bad' : 'count-muted'} data-testid="group-total-lag">{formatInteger(g.totalLag)}</div>
            <div><Sparkline values={trends.get(g.groupId) ?? []} /></div>
          </div>
        ))}
      </section>
      {shown && <GroupDetail group={shown} />}
    </div>
  );
}
