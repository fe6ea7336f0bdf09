// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { makeClusterView } from '../../../shared/cluster-view-fixtures';
import { FakeClient, loadedStore } from '../../test/fake-client';
import { renderWithStore } from '../../test/render';
import { SimControls } from './SimControls';
import type { InputLogView } from '../../../shared';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('SimControls', () => {
  it('stamps seed and simulated time in the chosen zone, and sends speed changes', async () => {
    const client = new FakeClient(makeClusterView({ seed: 7, simTimeMs: Date.UTC(2026, 0, 1, 12, 0, 0) }));
    const { store } = await loadedStore(client);
    store.getState().setTimeZone('Asia/Tokyo');
    renderWithStore(store, <SimControls />);
    expect(screen.getByTestId('sim-stamp').textContent).toContain('seed 7');
    expect(screen.getByTestId('sim-stamp').textContent).toContain('2026-01-01 21:00:00.000 Asia/Tokyo');
    expect(screen.queryByTestId('sim-step')).toBeNull();
    await act(async () => fireEvent.click(screen.getByTestId('sim-speed-0.1')));
    expect(client.commands).toEqual([{ type: 'set-speed', speed: 0.1 }]);
  });

  it('explains pause for external clients and offers step while paused', async () => {
    const view = makeClusterView();
    view.sim = { speed: 1, paused: true };
    const { store } = await loadedStore(new FakeClient(view));
    renderWithStore(store, <SimControls />);
    expect(screen.getByTestId('pause-note').textContent).toContain('timeouts keep running');
    expect(screen.getByTestId('sim-step')).toBeTruthy();
    expect(screen.getByTestId('sim-stamp').textContent).toMatch(/^PAUSED/);
  });

  it('sends exactly what each button says: Pause, Resume, Step 100 ms, and the speed named on the button', async () => {
    const view = makeClusterView();
    const client = new FakeClient(view);
    const { store } = await loadedStore(client);
    renderWithStore(store, <SimControls />);
    expect(screen.getByTestId('sim-pause').getAttribute('title')).toMatch(/simulated time stands still/);
    await act(async () => fireEvent.click(screen.getByTestId('sim-pause')));
    expect(client.commands.at(-1)).toEqual({ type: 'pause' });
    cleanup();
    const pausedClient = new FakeClient({ ...view, sim: { speed: 0.1, paused: true } });
    const paused = await loadedStore(pausedClient);
    renderWithStore(paused.store, <SimControls />);
    expect(screen.getByTestId('sim-step').textContent).toBe('Step 100 ms');
    await act(async () => fireEvent.click(screen.getByTestId('sim-step')));
    expect(pausedClient.commands.at(-1)).toEqual({ type: 'step', stepMs: 100 });
    expect(screen.getByTestId('sim-resume').getAttribute('title')).toBe('Simulated time runs again, at 0.1× real time');
    await act(async () => fireEvent.click(screen.getByTestId('sim-resume')));
    expect(pausedClient.commands.at(-1)).toEqual({ type: 'resume' });
    for (const speed of [0.1, 1]) {
      const button = screen.getByTestId(`sim-speed-${speed}`);
      expect(button.textContent).toBe(`${speed}×`);
      expect(button.getAttribute('aria-pressed')).toBe(String(speed === 0.1));
      await act(async () => fireEvent.click(button));
      expect(pausedClient.commands.at(-1)).toEqual({ type: 'set-speed', speed });
    }
    expect(screen.getByTestId('sim-speed-0.1').getAttribute('title')).toMatch(/one simulated second takes 10 real seconds/);
  });

  it('shows only the stamp to a read-only viewer', async () => {
    const client = new FakeClient();
    client.hostInfo = { ...client.hostInfo, readOnly: true };
    const { store } = await loadedStore(client);
    renderWithStore(store, <SimControls />);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.getByTestId('sim-stamp')).toBeTruthy();
  });

  describe('Export session', () => {
    const full: InputLogView = { state: 'full', exportable: true, bytes: 3 * 1024 * 1024, limitBytes: 256 * 1024 * 1024, reason: null };
    async function render(inputLog: InputLogView) {
      const view = makeClusterView();
      view.sim = { speed: 1, paused: false, inputLog };
      const client = new FakeClient(view);
      const { store } = await loadedStore(client);
      renderWithStore(store, <SimControls />);
      return client;
    }

    it('downloads the host\'s trace JSON under its file name, and says how to replay it', async () => {
      const created: Blob[] = [];
      vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => { created.push(blob as Blob); return 'blob:trace'; });
      vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
      const clicks: string[] = [];
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicks.push(this.download); });
      const client = await render(full);
      const button = screen.getByTestId('export-session') as HTMLButtonElement;
      expect(button.disabled).toBe(false);
      const title = button.parentElement!.getAttribute('title')!;
      expect(title).toContain('The input log holds 3.0 MiB of its 256.0 MiB budget');
      expect(title).toContain('replayTrace(traceFromJson(readFileSync(');
      expect(title).toContain('npx tsx -e');
      expect(title).not.toContain('npm run');
      await act(async () => fireEvent.click(button));
      expect(client.exports).toBe(1);
      expect(clicks).toEqual(['kafka-lab-session-seed42.json']);
      expect(await created[0]!.text()).toBe(client.sessionExport.ok ? client.sessionExport.json : '');
      expect(screen.getByTestId('export-session-result').textContent).toBe('saved kafka-lab-session-seed42.json');
    });

    it('is disabled with the reason once the host dropped its input log', async () => {
      const reason = 'The input log passed its 256 MiB budget and was dropped; this session can no longer be exported.';
      const client = await render({ state: 'dropped', exportable: false, bytes: 0, limitBytes: 256 * 1024 * 1024, reason });
      const button = screen.getByTestId('export-session') as HTMLButtonElement;
      expect(button.disabled).toBe(true);
      expect(button.parentElement!.getAttribute('title')).toBe(`Export is not possible: ${reason}`);
      expect(screen.getByTestId('export-session-reason').textContent).toBe(`cannot export: ${reason}`);
      await act(async () => fireEvent.click(button));
      expect(client.exports).toBe(0);
    });

    it('shows the host\'s refusal inline', async () => {
      const view = makeClusterView();
      view.sim = { speed: 1, paused: false, inputLog: full };
      const client = new FakeClient(view);
      client.sessionExport = { ok: false, errorName: 'INVALID_REQUEST', message: 'The input log was dropped.' };
      const { store } = await loadedStore(client);
      renderWithStore(store, <SimControls />);
      await act(async () => fireEvent.click(screen.getByTestId('export-session')));
      expect(screen.getByRole('alert').textContent).toBe('INVALID_REQUEST: The input log was dropped.');
    });
  });
});
