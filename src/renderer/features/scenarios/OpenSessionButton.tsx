/**
 * "Open session…": a recording saved by "Export session" (with or without a scenario) replayed
 * into a fresh cluster, shown paused at its end. A file that is not a recording is refused with
 * the reason, and the running cluster stays.
 */
import { useRef, useState } from 'react';
import { useAppStoreApi } from '../../store/store-context';
import { readChosenFile } from './read-file';

export const openSessionTitle =
  'Open a recording saved by "Export session": it is replayed from its seed and inputs into a new cluster (replacing the running one), which is shown paused at the end of the recording. The same file replays to the identical event log on any machine.';

export function OpenSessionButton({ onResult }: { onResult(result: { ok: boolean; text: string }): void }) {
  const store = useAppStoreApi();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const open = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const read = await readChosenFile(file);
      if ('error' in read) return onResult({ ok: false, text: read.error });
      const result = await store.client.openSession(read);
      onResult(result.ok ? { ok: true, text: result.message } : { ok: false, text: `${file.name} was not opened, the running cluster is unchanged: ${result.errorName}: ${result.message}` });
    } catch (error) {
      onResult({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };
  return (
    <>
      <button type="button" className="btn btn-small" disabled={busy} title={openSessionTitle} onClick={() => input.current?.click()} data-testid="open-session">
        {busy ? 'Opening…' : 'Open session…'}
      </button>
      <input ref={input} type="file" accept=".json,application/json" hidden onChange={(e) => void open(e.target.files?.[0])} data-testid="open-session-file" />
    </>
  );
}
