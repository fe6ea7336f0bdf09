/** One broker: identity, state, controller badge, load, and the controls to break and heal it. */
import { memo } from 'react';
import type { BrokerView } from '../../../shared';
import { CommandButton } from '../../components/CommandButton';
import { POWER_LOSS_TITLE } from '../../components/durability-text';
import { formatByteRate } from '../../components/format';

const stateWords: Record<BrokerView['state'], string> = {
  running: 'running',
  stopped: 'stopped',
  isolated: 'isolated (network cut)',
  fenced: 'fenced by the controller',
};

/** Memoised: snapshot patches keep the brokers array (and its objects) while no broker changes. */
export const BrokerCard = memo(function BrokerCard({ broker, selected, readOnly }: { broker: BrokerView; selected: boolean; readOnly: boolean }) {
  const id = broker.brokerId;
  return (
    <article className={`broker-card broker-${broker.state} ${selected ? 'selected' : ''}`} data-testid={`broker-card-${id}`} data-state={broker.state}>
      <header>
        <h3>Broker {id}</h3>
        {broker.isActiveController && <span className="badge badge-controller" title="Active controller: owns the metadata log and elects partition leaders">controller</span>}
        <span className={`state-pill state-${broker.state}`} data-testid={`broker-state-${id}`}>{stateWords[broker.state]}</span>
      </header>
      <dl className="broker-facts">
        <dt>address</dt><dd>{broker.port > 0 ? `${broker.host}:${broker.port}` : '—'}</dd>
        <dt>rack</dt><dd>{broker.rack ?? '—'}</dd>
        <dt>leaders</dt><dd data-testid={`broker-leaders-${id}`}>{broker.leaderCount}</dd>
        <dt>replicas</dt><dd>{broker.replicaCount}</dd>
        <dt>bytes in</dt><dd>{formatByteRate(broker.bytesInPerSec)}</dd>
        <dt>bytes out</dt><dd>{formatByteRate(broker.bytesOutPerSec)}</dd>
      </dl>
      {!readOnly && (
        <div className="broker-actions">
          {/* A fenced broker is running (the controller has not let it back in yet): it can be stopped or cut off, not started. */}
          {(broker.state === 'running' || broker.state === 'fenced') && (
            <>
              <CommandButton command={{ type: 'stop-broker', brokerId: id, controlled: true }} label="Stop" variant="danger" title="Controlled shutdown, as kafka-server-stop does: the controller moves leadership away first, then the broker exits" testId={`stop-broker-${id}`} />
              <CommandButton command={{ type: 'stop-broker', brokerId: id, controlled: false }} label="Kill" variant="danger" title="Crash (kill -9): no controlled shutdown; the controller moves leadership only once the broker's heartbeats stop (broker.session.timeout.ms)" testId={`kill-broker-${id}`} />
              <CommandButton command={{ type: 'power-loss-broker', brokerId: id }} label="Power loss" variant="danger" title={POWER_LOSS_TITLE} testId={`power-loss-broker-${id}`} />
              <CommandButton command={{ type: 'isolate-broker', brokerId: id }} label="Isolate" variant="danger" title="Cut the broker off the network; it keeps running" testId={`isolate-broker-${id}`} />
            </>
          )}
          {broker.state === 'stopped' && <CommandButton command={{ type: 'start-broker', brokerId: id }} label="Start" testId={`start-broker-${id}`} />}
          {broker.state === 'isolated' && <CommandButton command={{ type: 'heal-broker', brokerId: id }} label="Heal" testId={`heal-broker-${id}`} />}
          {broker.state === 'fenced' && (
            <p className="hint" role="note" data-testid={`fenced-note-${id}`}>
              Running, but fenced: the controller does not count it as alive (no recent heartbeat, or it is still catching up on the metadata log). It leads nothing
              until the controller unfences it, which happens by itself.
            </p>
          )}
        </div>
      )}
    </article>
  );
});
