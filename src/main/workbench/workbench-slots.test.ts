/**
 * The workbench's global bound on scans and tails (issue 11, finding 4): when every slot is
 * taken it refuses the new session and stops nobody's; it used to stop the least recently polled
 * session, which could be the presenter's. (Per-viewer slots: ViewerScans, serve-server.test.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Workbench } from './workbench';

const scan = { topic: 't', partitions: null, seek: { kind: 'oldest' as const }, limit: 10, isolationLevel: 'read_uncommitted' as const };

describe('workbench scan slots', () => {
  let wb: Workbench | null = null;
  afterEach(async () => { await wb?.close(); wb = null; });

  it('refuses a session beyond the bound instead of stopping the oldest one', async () => {
    // Nothing listens on port 1: the sessions fail to connect, but they hold their slots until stopped.
    wb = new Workbench({ bootstrap: '127.0.0.1:1' });
    const ids: string[] = [];
    for (;;) {
      try {
        ids.push((await wb.startScan(scan)).sessionId);
      } catch (error) {
        expect(String(error)).toMatch(/At most \d+ scans and tails run at once/);
        break;
      }
      expect(ids.length).toBeLessThanOrEqual(64);
    }
    expect(ids.length).toBe(32);
    // Every session is still there: nobody was evicted to make room.
    for (const id of ids) expect(await wb.pollScan(id, 0)).not.toBeNull();
    expect(await wb.stopScan(ids[0]!)).toBe(true);
    expect((await wb.startTail({ topic: 't', partitions: null, capacity: 100, isolationLevel: 'read_uncommitted' })).sessionId).toMatch(/^tail-/);
  }, 30_000);
});
