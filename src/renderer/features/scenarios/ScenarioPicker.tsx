/**
 * The scenario picker: the built-in lessons (title, one line, the Kafka concepts each teaches)
 * and "Open scenario file…" for a user's JSON. Loading one replaces the running cluster by the
 * scenario's; an invalid file is refused with each error's field path and problem, and the
 * running cluster stays.
 */
import { useEffect, useRef, useState } from 'react';
import type { HostSessionResult, ScenarioListing, ScenarioSource } from '../../../shared/host-session-contract';
import { useAppStoreApi } from '../../store/store-context';
import { readChosenFile } from './read-file';

export const loadScenarioTitle = 'Replace the running cluster by this scenario\'s cluster and play it: traffic, timed faults, narration and the predict questions.';

export function ScenarioPicker({ onLoaded, onClose }: { onLoaded(message: string): void; onClose(): void }) {
  const store = useAppStoreApi();
  const [listing, setListing] = useState<ScenarioListing[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<{ source: string; lines: string[] } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useEffect(() => {
    let live = true;
    store.client.listScenarios().then((list) => live && setListing(list), () => live && setListing([]));
    return () => { live = false; };
  }, [store]);

  const load = async (label: string, source: ScenarioSource) => {
    setBusy(label);
    setRefusal(null);
    let result: HostSessionResult;
    try {
      result = await store.client.loadScenario(source);
    } catch (error) {
      result = { ok: false, errorName: 'NETWORK_EXCEPTION', message: error instanceof Error ? error.message : String(error) };
    }
    setBusy(null);
    if (result.ok) return onLoaded(result.message);
    const lines = result.fieldErrors && result.fieldErrors.length > 0 ? result.fieldErrors.map((e) => `${e.field}: ${e.message}`) : [`${result.errorName}: ${result.message}`];
    setRefusal({ source: label, lines });
  };
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const read = await readChosenFile(file);
    if (fileInput.current) fileInput.current.value = '';
    if ('error' in read) return setRefusal({ source: file.name, lines: [read.error] });
    await load(file.name, read);
  };

  return (
    <section className="panel scenario-picker" data-testid="scenario-picker" aria-label="Scenarios">
      <div className="scenario-picker-head">
        <h2>Scenarios</h2>
        <button type="button" className="btn btn-small" title="Load a scenario JSON file of your own (format: resources/scenarios/scenario.schema.json)" onClick={() => fileInput.current?.click()} data-testid="open-scenario-file">Open scenario file…</button>
        <input ref={fileInput} type="file" accept=".json,application/json" hidden onChange={(e) => void openFile(e.target.files?.[0])} data-testid="open-scenario-file-input" />
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="close-scenario-picker">Close</button>
      </div>
      {refusal && (
        <div className="inline-error scenario-refusal" role="alert" data-testid="scenario-refusal">
          <p>{refusal.source} was not loaded; the running cluster is unchanged:</p>
          <ul>{refusal.lines.map((line) => <li key={line} data-testid="scenario-error">{line}</li>)}</ul>
        </div>
      )}
      {busy && <p className="hint" role="status">Loading {busy}…</p>}
      {listing === null ? <p className="hint">Loading the list…</p> : listing.length === 0 ? <p className="hint" data-testid="no-scenarios">No built-in scenarios are available on this host.</p> : (
        <ul className="scenario-list">
          {listing.map((s) => (
            <li key={s.name} className="scenario-item" data-testid={`scenario-${s.name}`}>
              <div>
                <strong>{s.title}</strong>
                <p className="scenario-summary">{s.summary}</p>
                {s.concepts.length > 0 && <p className="scenario-concepts">{s.concepts.map((c) => <span key={c} className="chip chip-static">{c}</span>)}</p>}
              </div>
              <button type="button" className="btn btn-primary btn-small" disabled={busy !== null} title={loadScenarioTitle} onClick={() => void load(s.title, { name: s.name })} data-testid={`load-scenario-${s.name}`}>Load</button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
