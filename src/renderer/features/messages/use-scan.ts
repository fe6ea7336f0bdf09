/**
 * A message-browser session in the renderer: starts a scan or a live tail, pulls records every
 * `pollMs` (the host never pushes, so a busy tab is never flooded), and keeps at most `capacity`
 * records, counting those it evicted. Stops the host session on unmount.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BrowsedRecord, ScanProgress, ScanRequest, TailRequest, WorkbenchCommands } from '../../../shared/workbench-contract';

export interface ScanView {
  sessionId: string | null;
  kind: 'scan' | 'tail' | null;
  records: BrowsedRecord[];
  progress: ScanProgress | null;
  /** Records the renderer dropped from its own ring (the host's drops are in progress.dropped). */
  evicted: number;
  error: string | null;
}

const idle: ScanView = { sessionId: null, kind: null, records: [], progress: null, evicted: 0, error: null };

/** Pure: appends to a capped ring, returning the new list and how many fell off. */
export function appendCapped<T>(list: T[], more: T[], capacity: number): { list: T[]; evicted: number } {
  if (more.length === 0) return { list, evicted: 0 };
  const joined = list.concat(more);
  const over = joined.length - capacity;
  return over > 0 ? { list: joined.slice(over), evicted: over } : { list: joined, evicted: 0 };
}

export function useScan(client: WorkbenchCommands, capacity = 5000, pollMs = 250) {
  const [view, setView] = useState<ScanView>(idle);
  const session = useRef<{ id: string; afterSeq: number; timer: ReturnType<typeof setTimeout> | null } | null>(null);

  const stopPolling = () => {
    if (session.current?.timer) clearTimeout(session.current.timer);
    session.current = null;
  };

  const pollLoop = useCallback(async (id: string) => {
    const current = session.current;
    if (!current || current.id !== id) return;
    try {
      const poll = await client.pollScan(id, current.afterSeq);
      if (session.current?.id !== id) return;
      if (!poll) {
        setView((v) => ({ ...v, error: 'The host forgot this session (idle too long or restarted).' }));
        return stopPolling();
      }
      if (poll.records.length > 0) current.afterSeq = poll.records[poll.records.length - 1]!.seq;
      setView((v) => {
        const { list, evicted } = appendCapped(v.records, poll.records, capacity);
        return { ...v, records: list, evicted: v.evicted + evicted, progress: poll.progress };
      });
      // A finished scan may still hold records (a poll hands out at most 5,000): fetch them at once.
      if (poll.progress.state !== 'running') {
        if (poll.records.length === 0 || poll.kind === 'tail') return stopPolling();
        if (session.current?.id === id) session.current.timer = setTimeout(() => void pollLoop(id), 0);
        return;
      }
    } catch (error) {
      setView((v) => ({ ...v, error: error instanceof Error ? error.message : String(error) }));
    }
    if (session.current?.id === id) session.current.timer = setTimeout(() => void pollLoop(id), pollMs);
  }, [client, capacity, pollMs]);

  const begin = useCallback(async (kind: 'scan' | 'tail', request: ScanRequest | TailRequest) => {
    const previous = session.current?.id;
    stopPolling();
    if (previous) void client.stopScan(previous).catch(() => {});
    setView({ ...idle, kind });
    try {
      const { sessionId } = kind === 'scan' ? await client.startScan(request as ScanRequest) : await client.startTail(request as TailRequest);
      session.current = { id: sessionId, afterSeq: 0, timer: null };
      setView((v) => ({ ...v, sessionId }));
      void pollLoop(sessionId);
    } catch (error) {
      setView({ ...idle, kind, error: error instanceof Error ? error.message : String(error) });
    }
  }, [client, pollLoop]);

  const stop = useCallback(async () => {
    const id = session.current?.id;
    if (!id) return;
    // Stop polling and show "stopped" at once: the host may take a while to close the session's
    // connections (a client disconnect waits for its in-flight long-poll), and a poll answered in
    // the meantime must not bring back "running".
    stopPolling();
    setView((v) => ({ ...v, progress: v.progress ? { ...v.progress, state: 'stopped', reason: 'stopped by the user' } : v.progress }));
    await client.stopScan(id).catch(() => false);
  }, [client]);

  useEffect(() => () => {
    const id = session.current?.id;
    stopPolling();
    if (id) void client.stopScan(id).catch(() => {});
  }, [client]);

  return {
    view,
    startScan: (request: ScanRequest) => begin('scan', request),
    startTail: (request: TailRequest) => begin('tail', request),
    stop,
    clear: () => setView((v) => ({ ...v, records: [], evicted: 0 })),
  };
}
