/**
 * Issue 16: a broker's several listeners as the host shows them: each listener's advertised
 * endpoints (what Metadata on that listener answers), the Security view's listener rows and the
 * ready line's per-listener fields.
 */
import type { ListenerView } from '../../shared/listener-view';
import type { WireServer } from '../wire/wire-server';
import type { ResolvedListener } from './listener-security';

/** A listener of the host with the host name clients are told for it (advertised.listeners, else the host's advertised host). */
export interface HostListener extends ResolvedListener {
  advertisedHostName: string;
}

/**
 * The port clients are told for the broker at `brokerIndex` (0 for the first) on a listener (Metadata, DescribeCluster,
 * FindCoordinator): advertised.listeners' port counted up per broker when it names one, else the
 * port the broker bound. Kafka advertises what advertised.listeners says without checking that
 * anything listens there (KafkaConfig.effectiveAdvertisedBrokerListeners), e.g. a forwarded port.
 */
export function advertisedPortOf(listener: Pick<HostListener, 'advertisedPort'>, brokerIndex: number, boundPort: number): number {
  return listener.advertisedPort === null ? boundPort : listener.advertisedPort + brokerIndex;
}

/** `host:port` with IPv6 addresses in brackets. */
export function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Where `brokerId` is on listener `listenerName`, for BrokerServices.listenerEndpoint: null for the
 * first listener (the model's endpoint is that one's, and stays the single source for it) and for
 * a listener the broker never opened.
 */
export function otherListenerEndpoint(listeners: readonly HostListener[], wire: WireServer, listenerName: string, brokerId: number, brokerIndex: number): { host: string; port: number } | null {
  const at = listeners.findIndex((l) => l.listener.name === listenerName);
  if (at <= 0) return null;
  const port = wire.port(brokerId, listenerName);
  return port === null ? null : { host: listeners[at]!.advertisedHostName, port: advertisedPortOf(listeners[at]!, brokerIndex, port) };
}

/** Each listener with every broker's advertised endpoint on it, in `listeners` order. */
export function listenerViews(listeners: readonly HostListener[], wire: WireServer, brokerIds: readonly number[]): ListenerView[] {
  return listeners.map((hostListener) => {
    const { listener, advertisedHostName } = hostListener;
    return {
    name: listener.name,
    securityProtocol: listener.securityProtocol,
    saslMechanisms: [...listener.saslMechanisms],
    sslClientAuth: listener.tls ? listener.sslClientAuth : null,
    endpoints: brokerIds.flatMap((brokerId, brokerIndex) => {
      const port = wire.port(brokerId, listener.name);
      if (port === null) return [];
      const advertisedPort = advertisedPortOf(hostListener, brokerIndex, port);
      return [{ brokerId, host: advertisedHostName, port: advertisedPort, ...(advertisedPort !== port ? { boundPort: port } : {}) }];
    }),
    };
  });
}

/**
 * The ready line's fields for a broker with more than one listener, after the unchanged
 * `bootstrap=… [security.protocol=… ssl.ca.location=…]` of the first listener: per listener
 * ` listener.<NAME>.bootstrap=h:p,… listener.<NAME>.security.protocol=P` and, with TLS,
 * ` listener.<NAME>.ssl.ca.location=<file>`. Empty with one listener, so that line stays as it was.
 */
export function readyListenerFields(views: readonly ListenerView[], caLocations: ReadonlyMap<string, string | null>): string {
  if (views.length < 2) return '';
  return views.map((view) => {
    const ca = caLocations.get(view.name);
    return ` listener.${view.name}.bootstrap=${view.endpoints.map((e) => hostPort(e.host, e.boundPort ?? e.port)).join(',')} listener.${view.name}.security.protocol=${view.securityProtocol}${ca ? ` listener.${view.name}.ssl.ca.location=${ca}` : ''}`;
  }).join('');
}
