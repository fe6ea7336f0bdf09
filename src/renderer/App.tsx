/** The app frame: top bar (bootstrap, read-only badge, simulation, settings), views, timeline. */
import { useEffect } from 'react';
import { useApp } from './store/store-context';
import { CopyButton } from './components/CopyButton';
import { ClusterMap } from './features/cluster-map/ClusterMap';
import { TopicsTable } from './features/topics/TopicsTable';
import { TopicDetail } from './features/topic-detail/TopicDetail';
import { BrokerConfigs } from './features/broker-configs/BrokerConfigs';
import { SecurityView } from './features/security/SecurityView';
import { Timeline } from './features/timeline/Timeline';
import { SimControls } from './features/simulation/SimControls';
import { SettingsBar } from './features/settings/SettingsBar';
import { ConceptsButton } from './features/explainers/ConceptsButton';
import { ExplainerDrawer } from './features/explainers/ExplainerDrawer';
import { WorkbenchProvider } from './features/messages/WorkbenchProvider';
import { WorkbenchContent, WorkbenchTabs } from './features/messages/WorkbenchViews';
import { SessionBar } from './features/scenarios/SessionBar';
import { TimeTravelBar } from './features/time-travel/TimeTravelBar';
import { PresenterButton } from './features/presenter/PresenterButton';
import { PresenterView } from './features/presenter/PresenterView';
import { StorageView } from './features/storage/StorageView';
import { ClusterSwitcher } from './features/connections/ClusterSwitcher';
import { ConnectionsScreen } from './features/connections/ConnectionsScreen';
import { RemoteBanner } from './features/connections/RemoteBanner';

export function App() {
  const view = useApp((s) => s.view);
  const theme = useApp((s) => s.settings.theme);
  const hostInfo = useApp((s) => s.hostInfo);
  const connection = useApp((s) => s.connection);
  const selectedTopic = useApp((s) => s.selectedTopic);
  const showView = useApp((s) => s.showView);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app" data-testid="app">
      <header className="topbar">
        <span className="brand">Kafka Lab</span>
        {/* Issue 17: the embedded lab and the saved remote clusters. */}
        <ClusterSwitcher />
        {hostInfo && (
          <span className="bootstrap" data-testid="bootstrap">
            <span className="hint">bootstrap</span> <code data-testid="bootstrap-servers">{hostInfo.bootstrap}</code> <CopyButton text={hostInfo.bootstrap} label="Copy bootstrap" testId="copy-bootstrap" />
            {hostInfo.portNotice && <span className="badge badge-warn" data-testid="port-notice" title={`${hostInfo.portNotice}. Point clients at the bootstrap shown here.`}>{hostInfo.portNotice.split(';')[0]}</span>}
          </span>
        )}
        {hostInfo?.readOnly && hostInfo.mode !== 'remote' && <span className="badge badge-readonly" data-testid="read-only-badge" title="You can watch this cluster but not change it. Commands need the access token.">read-only</span>}
        {/* Issue 14: the Concepts index of the explainers. */}
        <ConceptsButton />
        {/* A remote cluster has no simulation: no seed, speed or simulated time (issue 17). */}
        {hostInfo?.mode !== 'remote' && <SimControls />}
        {/* Issue 14: the presenter view (key P). */}
        <PresenterButton />
        <SettingsBar />
      </header>
      {/* Issue 17: which remote cluster is shown, read-only, refused panels, what is not known remotely. */}
      <RemoteBanner />
      <ConnectionsScreen />
      {/* Issue 13: new cluster, scenarios and their narration, recordings. */}
      <SessionBar />
      {connection !== 'open' && (
        <div className="banner" role="status" data-testid="connection-banner">
          {connection === 'connecting' ? 'Connecting to the Kafka Lab host…' : 'Disconnected from the Kafka Lab host.'} The view shows the last state received.
        </div>
      )}
      {/* Issue 13: the scrubber over the whole session, and the "viewing the past" banner. */}
      <TimeTravelBar />
      {/* Issue 14: the explainer drawer, opened by a "?" beside a concept or by Concepts. */}
      <ExplainerDrawer />
      <nav className="tabs" aria-label="Views">
        <button type="button" className={view === 'overview' ? 'tab tab-on' : 'tab'} onClick={() => showView('overview')} data-testid="tab-overview">Cluster</button>
        <button type="button" className={view === 'topics' ? 'tab tab-on' : 'tab'} onClick={() => showView('topics')} data-testid="tab-topics">Topics</button>
        {selectedTopic && <button type="button" className={view === 'topic' ? 'tab tab-on' : 'tab'} onClick={() => showView('topic')} data-testid="tab-topic">Topic: {selectedTopic}</button>}
        {/* Issue 6: Messages, Produce, Consume, Consumer groups, Clients. */}
        <WorkbenchTabs />
        <button type="button" className={view === 'broker-configs' ? 'tab tab-on' : 'tab'} onClick={() => showView('broker-configs')} data-testid="tab-broker-configs">Broker configs</button>
        {/* Issue 15: disk use, a replica's segments, the segment inspector, reset and delete lab. */}
        <button type="button" className={view === 'storage' ? 'tab tab-on' : 'tab'} onClick={() => showView('storage')} data-testid="tab-storage">Storage</button>
        <button type="button" className={view === 'security' ? 'tab tab-on' : 'tab'} onClick={() => showView('security')} data-testid="tab-security">Security</button>
      </nav>
      <div className="workspace">
        <main className="content">
          {view === 'topics' && <TopicsTable />}
          {view === 'topic' && <TopicDetail />}
          {view === 'broker-configs' && <BrokerConfigs />}
          {view === 'storage' && <StorageView />}
          {view === 'security' && <SecurityView />}
          {/* Mounted always, so the workbench's UI state (produce draft, chosen group) survives tab switches. */}
          {/* Issue 14: the cluster map is the first screen (inside the workbench provider: a group on the map opens its detail there). */}
          <WorkbenchProvider>{view === 'overview' && <ClusterMap />}<WorkbenchContent view={view} /></WorkbenchProvider>
        </main>
        <Timeline />
      </div>
      <PresenterView />
    </div>
  );
}
