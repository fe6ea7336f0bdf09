/**
 * One built-in scenario in an explainer: its title (as the host lists it) and "Load scenario",
 * which first asks to replace the running cluster, then loads it the way the Scenarios… picker
 * does (loadScenario on the host). Read-only viewers see the button disabled, with the reason.
 */
import { useEffect, useState } from 'react';
import type { HostSessionResult, ScenarioListing } from '../../../shared/host-session-contract';
import { useAppStoreApi, useReadOnly } from '../../store/store-context';
import type { AppStore } from '../../store/app-store';
import { loadScenarioTitle } from '../scenarios/ScenarioPicker';

/** The top bar's read-only badge says the same. */
export const readOnlyReason = 'You can watch this cluster but not change it. Commands need the access token.';

const listings = new WeakMap<AppStore, Promise<ScenarioListing[]>>();

/** The host's scenario list, asked once per store (the built-ins do not change while it runs). */
function scenarioListing(store: AppStore): Promise<ScenarioListing[]> {
  let list = listings.get(store);
  if (!list) {
    list = store.client.listScenarios().catch(() => {
      listings.delete(store);
      return [];
    });
    listings.set(store, list);
  }
  return list;
}

type Phase = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'loading' } | { kind: 'done'; result: HostSessionResult };

export function ScenarioLoader({ name }: { name: string }) {
  const store = useAppStoreApi();
  const readOnly = useReadOnly();
  const [listing, setListing] = useState<ScenarioListing | null | undefined>(undefined);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  useEffect(() => {
    let live = true;
    void scenarioListing(store).then((list) => live && setListing(list.find((s) => s.name === name) ?? null));
    return () => { live = false; };
  }, [store, name]);
  const title = listing?.title ?? name;
  const load = async () => {
    setPhase({ kind: 'loading' });
    let result: HostSessionResult;
    try {
      result = await store.client.loadScenario({ name });
    } catch (error) {
      result = { ok: false, errorName: 'NETWORK_EXCEPTION', message: error instanceof Error ? error.message : String(error) };
    }
    setPhase({ kind: 'done', result });
  };
  const missing = listing === null;
  const disabledReason = readOnly ? readOnlyReason : missing ? `This host has no built-in scenario named ${name}.` : null;
  return (
    <div className="explainer-scenario" data-testid={`explainer-scenario-${name}`}>
      <div><strong>{title}</strong>{listing?.summary && <div className="hint">{listing.summary}</div>}</div>
      {phase.kind === 'confirm' ? (
        <div className="explainer-confirm" role="group" aria-label={`Replace the running cluster by ${title}?`}>
          <span>Replace the running cluster? Its topics, records and groups are discarded.</span>
          <button type="button" className="btn btn-small btn-danger" onClick={() => void load()} data-testid={`confirm-load-scenario-${name}`}>Replace and load</button>
          <button type="button" className="btn btn-small" onClick={() => setPhase({ kind: 'idle' })}>Keep the cluster</button>
        </div>
      ) : (
        // A disabled button gets no pointer events in some browsers: the reason sits on the wrapper too.
        <span title={disabledReason ?? undefined}>
          <button type="button" className="btn btn-small btn-primary" disabled={disabledReason !== null || phase.kind === 'loading'} aria-disabled={disabledReason !== null}
            title={disabledReason ?? loadScenarioTitle} onClick={() => setPhase({ kind: 'confirm' })} data-testid={`load-scenario-from-explainer-${name}`}>
            {phase.kind === 'loading' ? 'Loading…' : 'Load scenario'}
          </button>
        </span>
      )}
      {phase.kind === 'done' && (phase.result.ok
        ? <span className="hint" role="status" data-testid="explainer-scenario-loaded">{phase.result.message}</span>
        : <span className="inline-error" role="alert" data-testid="explainer-scenario-error">{phase.result.errorName}: {phase.result.message}</span>)}
    </div>
  );
}
