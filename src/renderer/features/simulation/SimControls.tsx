/**
 * Simulation speed: pause, step, 0.1×, 1×, and a stamp with the seed and the simulated time.
 * Pause freezes the simulation only; the words below say what that means for real clients.
 */
import { memo } from 'react';
import { useApp, useReadOnly } from '../../store/store-context';
import { CommandButton } from '../../components/CommandButton';
import { FixedText } from '../../components/FixedText';
import { formatTime, timeZoneLabel } from '../../components/format';
import { ExportSessionButton } from './ExportSessionButton';

export const pauseExplanation =
  'Paused: simulated time stands still, so replication, ISR timers and elections wait. Connected Kafka clients keep their own clocks: their request, session and transaction timeouts keep running, so they may time out, retry or rebalance while paused.';

/** What a speed button does, for its tooltip. */
export function speedTitle(speed: number): string {
  return speed === 1
    ? 'Simulated time runs at real time (1 simulated second per second)'
    : `Slow motion: one simulated second takes ${1 / speed} real seconds, so replication and elections are easier to follow. Real clients' own timeouts still run at real time.`;
}

export function SimControls() {
  // The live run's state and time, also while the past is shown (issue 13): these controls act on the live run.
  const sim = useApp((s) => (s.timeTravel.mode === 'past' ? s.liveSnapshot : s.snapshot)?.sim ?? null);
  const seed = useApp((s) => s.snapshot?.seed ?? s.hostInfo?.seed ?? null);
  const timeZone = useApp((s) => s.settings.timeZone);
  const readOnly = useReadOnly();
  const execute = useApp((s) => s.execute);
  return (
    <div className="sim-controls" data-testid="sim-controls">
      {sim && !readOnly && (
        <span className="sim-buttons">
          {sim.paused
            ? <CommandButton command={{ type: 'resume' }} label="Resume" title={`Simulated time runs again, at ${sim.speed}× real time`} testId="sim-resume" />
            : <CommandButton command={{ type: 'pause' }} label="Pause" title={pauseExplanation} testId="sim-pause" />}
          {sim.paused && <CommandButton command={{ type: 'step', stepMs: 100 }} label="Step 100 ms" title="Advance simulated time by 100 ms" testId="sim-step" />}
          {[0.1, 1].map((speed) => (
            <button key={speed} type="button" className={`btn btn-small ${sim.speed === speed ? 'btn-on' : ''}`} aria-pressed={sim.speed === speed}
              title={speedTitle(speed)} onClick={() => void execute({ type: 'set-speed', speed })} data-testid={`sim-speed-${speed}`}>{speed}×</button>
          ))}
          <ExportSessionButton />
        </span>
      )}
      <span className="sim-stamp" data-testid="sim-stamp" title="Seed and simulated time: the same seed and inputs replay the same run">
        {sim ? (sim.paused ? 'PAUSED · ' : `${sim.speed}× · `) : ''}seed {seed ?? '—'} · <SimTime timeZone={timeZone} /> {timeZoneLabel(timeZone)}
      </span>
      {sim?.paused && <p className="pause-note" role="note" data-testid="pause-note">{pauseExplanation}</p>}
    </div>
  );
}

/**
 * The simulated time: the one part of the top bar that changes on every snapshot, so the only part
 * re-rendered then, in a fixed-size `contain: strict` box ("2026-01-01 00:01:23.456" is 23
 * characters) so that the new text lays out that box alone rather than the whole page.
 */
const SimTime = memo(function SimTime({ timeZone }: { timeZone: string }) {
  const simTimeMs = useApp((s) => (s.timeTravel.mode === 'past' ? s.liveSnapshot : s.snapshot)?.simTimeMs ?? 0);
  return <FixedText ch={23} testId="sim-time">{formatTime(simTimeMs, timeZone)}</FixedText>;
});
