/**
 * Issue 13: the session strip under the top bar. Says where the running cluster came from (a
 * new cluster, a scenario, a replayed recording with its file name) and offers "New cluster…",
 * "Scenarios…" and "Open session…" to viewers with the token. Also starts the viewer's timeline
 * afresh whenever the host replaces its cluster (session-generation.ts).
 */
import { useEffect, useState } from 'react';
import type { SessionOrigin } from '../../../shared/host-session-contract';
import { useApp, useAppStoreApi, useReadOnly } from '../../store/store-context';
import { NarrationPanel } from './NarrationPanel';
import { NewClusterForm, newClusterTitle } from './NewClusterForm';
import { OpenSessionButton } from './OpenSessionButton';
import { ScenarioPicker } from './ScenarioPicker';
import { liveSession, watchSessionGeneration } from './session-generation';

/** One line for the origin badge, or null for the cluster the host started with. */
export function originText(origin: SessionOrigin | undefined): string | null {
  switch (origin?.kind) {
    case undefined:
    case 'started':
      return null;
    case 'new-cluster':
      return 'Created by "New cluster…"';
    case 'scenario':
      return `Scenario: ${origin.title}`;
    case 'replay':
      return `Replayed recording: ${origin.fileName}`;
  }
}

export function SessionBar() {
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const origin = useApp((s) => liveSession(s)?.origin);
  const hasSession = useApp((s) => liveSession(s) !== undefined);
  const [panel, setPanel] = useState<'new-cluster' | 'scenarios' | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => watchSessionGeneration(store, store.client), [store]);
  if (!hasSession) return null;
  const label = originText(origin);
  const done = (text: string | null) => {
    setPanel(null);
    if (text) setMessage({ ok: true, text });
  };
  return (
    <>
      <div className="session-bar" data-testid="session-bar">
        {label && (
          <span className={`badge ${origin?.kind === 'replay' ? 'badge-replay' : 'badge-origin'}`} data-testid="session-origin"
            title={origin?.kind === 'replay' ? 'This cluster was rebuilt from a recording (its seed and inputs) and is paused at the end of the recording. Resume to let it run on from there.' : 'Where the running cluster came from'}>
            {label}{origin?.kind === 'replay' ? ' — paused at its end' : ''}
          </span>
        )}
        {!readOnly && (
          <span className="session-actions">
            <button type="button" className={`btn btn-small${panel === 'new-cluster' ? ' btn-on' : ''}`} aria-pressed={panel === 'new-cluster'} title={newClusterTitle} onClick={() => { setMessage(null); setPanel(panel === 'new-cluster' ? null : 'new-cluster'); }} data-testid="new-cluster">New cluster…</button>
            <button type="button" className={`btn btn-small${panel === 'scenarios' ? ' btn-on' : ''}`} aria-pressed={panel === 'scenarios'} title="Pick a scripted lesson: it replaces the running cluster by its own, drives traffic, breaks things on cue and asks the room what will happen" onClick={() => { setMessage(null); setPanel(panel === 'scenarios' ? null : 'scenarios'); }} data-testid="open-scenarios">Scenarios…</button>
            <OpenSessionButton onResult={(r) => { setPanel(null); setMessage(r); }} />
          </span>
        )}
        {message && <span className={message.ok ? 'hint' : 'inline-error'} role={message.ok ? 'status' : 'alert'} data-testid="session-message">{message.text}</span>}
      </div>
      {panel === 'new-cluster' && !readOnly && <NewClusterForm onDone={done} />}
      {panel === 'scenarios' && !readOnly && <ScenarioPicker onLoaded={(text) => done(text)} onClose={() => setPanel(null)} />}
      <NarrationPanel />
    </>
  );
}
