/** Shared by the workbench tests that run against a real ClusterHost. */
import type { BrowsedRecord, ScanPoll } from '../../shared/workbench-contract';
import type { Workbench } from './workbench';

/** Resolves with the probe's first truthy value; throws after `timeoutMs` (wall-clock ms). */
export async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls a session until it is no longer running; returns every record seen and the last poll. */
export async function drain(wb: Workbench, sessionId: string): Promise<{ records: BrowsedRecord[]; last: ScanPoll }> {
  const records: BrowsedRecord[] = [];
  let after = 0;
  for (;;) {
    const poll = (await wb.pollScan(sessionId, after))!;
    records.push(...poll.records);
    if (poll.records.length > 0) after = poll.records[poll.records.length - 1]!.seq;
    if (poll.progress.state !== 'running') return { records, last: poll };
    await new Promise((r) => setTimeout(r, 30));
  }
}
