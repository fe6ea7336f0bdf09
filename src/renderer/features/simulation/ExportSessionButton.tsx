/**
 * "Export session": downloads the host's replayable trace { seed, config, inputLog, endTimeMs }.
 * Disabled, with the reason, once the host dropped its input log at the budget (a partial log
 * cannot replay the run); the tooltip says how to replay a file without npm scripts.
 */
import { useState } from 'react';
import type { InputLogView } from '../../../shared';
import { formatBytes } from '../../components/format';
import { useApp, useAppStoreApi } from '../../store/store-context';
import { download } from '../messages/export-records';

/** How to replay an exported file: in the app, or from the root of a Kafka Lab checkout (no npm scripts). */
export const replayInstructions =
  'Open it again with "Open session…" (in this app or on any machine): it is replayed into a new cluster, paused at its end.\n' +
  'Or replay it from a Kafka Lab checkout with the model\'s replayTrace (src/broker/sim/trace.ts), the coordinators attached as the host does:\n' +
  'npx tsx -e "import {readFileSync} from \'node:fs\'; import {traceFromJson, replayTrace} from \'./src/broker/sim/trace.ts\'; ' +
  'import {attachCoordinators} from \'./src/broker/cluster/transactions/attach.ts\'; ' +
  'const c = replayTrace(traceFromJson(readFileSync(\'SESSION.json\', \'utf8\')), (c) => void attachCoordinators(c)); ' +
  'console.log(c.events.length, \'events until\', new Date(c.now()).toISOString())"\n' +
  'The same seed, config and inputs rebuild the identical run (every event, leader epoch and offset).';

export function exportTitle(log: InputLogView): string {
  if (!log.exportable) return `Export is not possible: ${log.reason ?? 'the input log is not kept.'}`;
  const held = `${formatBytes(log.bytes)}${log.limitBytes === null ? '' : ` of its ${formatBytes(log.limitBytes)} budget`}`;
  return `Download this session as a replayable trace (JSON: seed, config, every input with its simulated time). The input log holds ${held}; past the budget it is dropped and export is no longer possible.\n\n${replayInstructions}`;
}

export function ExportSessionButton() {
  const inputLog = useApp((s) => s.snapshot?.sim?.inputLog);
  const store = useAppStoreApi();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  if (!inputLog) return null;
  const run = async () => {
    setBusy(true);
    setMessage(null);
    try {
      const result = await store.client.exportSession();
      if (result.ok) {
        download(result.fileName, result.json, 'application/json');
        setMessage({ ok: true, text: `saved ${result.fileName}` });
      } else {
        setMessage({ ok: false, text: `${result.errorName}: ${result.message}` });
      }
    } catch (error) {
      setMessage({ ok: false, text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  const title = exportTitle(inputLog);
  return (
    <span className="command" title={title}>
      <button type="button" className="btn btn-small" disabled={busy || !inputLog.exportable} aria-disabled={!inputLog.exportable} onClick={() => void run()} data-testid="export-session">
        Export session
      </button>
      {!inputLog.exportable && <span className="disabled-reason" role="note" data-testid="export-session-reason">cannot export: {inputLog.reason}</span>}
      {message && <span className={message.ok ? 'hint' : 'inline-error'} role={message.ok ? 'status' : 'alert'} data-testid="export-session-result">{message.text}</span>}
    </span>
  );
}
