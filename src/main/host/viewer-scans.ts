/**
 * One viewer's scans and tails (issue 11). Every viewer (a serve-mode socket, the Electron
 * window) gets its own slots: opening one more than `maxScansPerViewer` stops that viewer's own
 * oldest session, never another viewer's, and a viewer can poll or stop only the sessions it
 * opened (session ids are sequential, hence guessable). When the viewer goes away, dispose()
 * stops every session it still holds at once, so a closed browser tab leaves no scan running.
 *
 * The workbench keeps its own global bound (it refuses new sessions when full rather than
 * evicting), so many viewers together cannot exhaust the host either.
 */
import type { ScanPoll, ScanRequest, TailRequest, WorkbenchCommands } from '../../shared/workbench-contract';

/** Sessions one viewer may hold; the message browser uses one at a time, tabs a few. */
export const maxScansPerViewer = 4;

type ScanMethods = Pick<WorkbenchCommands, 'startScan' | 'startTail' | 'pollScan' | 'stopScan'>;

export class ViewerScans implements ScanMethods {
  /** Session ids this viewer opened, oldest first. */
  private readonly owned: string[] = [];
  private disposed = false;

  constructor(private readonly workbench: WorkbenchCommands, private readonly limit = maxScansPerViewer) {}

  startScan(request: ScanRequest): Promise<{ sessionId: string }> {
    return this.open(() => this.workbench.startScan(request));
  }

  startTail(request: TailRequest): Promise<{ sessionId: string }> {
    return this.open(() => this.workbench.startTail(request));
  }

  async pollScan(sessionId: string, afterSeq: number): Promise<ScanPoll | null> {
    return this.owned.includes(sessionId) ? this.workbench.pollScan(sessionId, afterSeq) : null;
  }

  async stopScan(sessionId: string): Promise<boolean> {
    const at = this.owned.indexOf(sessionId);
    if (at < 0) return false;
    this.owned.splice(at, 1);
    return this.workbench.stopScan(sessionId);
  }

  /** Stops every session this viewer holds; later starts are refused. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const ids = this.owned.splice(0);
    await Promise.all(ids.map((id) => this.workbench.stopScan(id).catch(() => false)));
  }

  get sessionIds(): readonly string[] {
    return this.owned;
  }

  private async open(start: () => Promise<{ sessionId: string }>): Promise<{ sessionId: string }> {
    if (this.disposed) throw new Error('This viewer has disconnected.');
    while (this.owned.length >= this.limit) await this.stopScan(this.owned[0]!);
    const opened = await start();
    if (this.disposed) {
      // The socket closed while the session was starting: stop it rather than leak it.
      await this.workbench.stopScan(opened.sessionId).catch(() => false);
      throw new Error('This viewer has disconnected.');
    }
    this.owned.push(opened.sessionId);
    return opened;
  }
}
