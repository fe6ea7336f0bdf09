/**
 * The workbench's tabs and views for the app shell: Messages, Produce, Consume, Groups, Clients.
 * App.tsx renders <WorkbenchTabs /> in its nav and <WorkbenchContent view={view} /> in its main.
 */
import { ClientsView } from '../clients/ClientsView';
import { ConsumePanel } from '../consume/ConsumePanel';
import { GroupsList } from '../consumer-groups/GroupsList';
import { ProducePanel } from '../produce/ProducePanel';
import { useApp } from '../../store/store-context';
import type { ViewName } from '../../store/selection-slice';
import { MessageBrowser } from './MessageBrowser';
import './workbench.css';

export const workbenchViews = [
  { view: 'messages', label: 'Messages' },
  { view: 'produce', label: 'Produce' },
  { view: 'consume', label: 'Consume' },
  { view: 'groups', label: 'Consumer groups' },
  { view: 'clients', label: 'Clients' },
] as const satisfies readonly { view: ViewName; label: string }[];

export function WorkbenchTabs() {
  const view = useApp((s) => s.view);
  const showView = useApp((s) => s.showView);
  return (
    <>
      {workbenchViews.map((t) => (
        <button key={t.view} type="button" className={view === t.view ? 'tab tab-on' : 'tab'} onClick={() => showView(t.view)} data-testid={`tab-${t.view}`}>{t.label}</button>
      ))}
    </>
  );
}

export function WorkbenchContent({ view }: { view: ViewName }) {
  switch (view) {
    case 'messages': return <MessageBrowser />;
    case 'produce': return <ProducePanel />;
    case 'consume': return <ConsumePanel />;
    case 'groups': return <GroupsList />;
    case 'clients': return <ClientsView />;
    default: return null;
  }
}
