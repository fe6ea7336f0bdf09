/**
 * Issue 16: the checks Kafka makes on a broker's listener configs before it opens a socket, with
 * Kafka's wording (SocketServerConfigs.listenerListToEndPoints, EndPoint.createEndPoint,
 * KafkaConfig.validateValues; the messages KafkaConfigTest asserts):
 * - "Each listener must have a different name, listeners: …" and "… different port …" (port 0 is
 *   exempt, as in Kafka);
 * - "No security protocol defined for listener X" (listener.security.protocol.map);
 * - "advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. …";
 * - "Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.";
 * - "inter.broker.listener.name must be a listener name defined in advertised.listeners. …";
 * - "control.plane.listener.name is not supported in KRaft mode." (the lab's brokers are KRaft).
 *
 * One divergence on purpose: with neither inter.broker.listener.name nor
 * security.inter.broker.protocol set, Kafka replicates over a listener named PLAINTEXT and refuses
 * to start without one; the lab's replication runs inside the model, so a lab of SASL_SSL
 * listeners only starts.
 */
import type { SecurityProtocol } from '../cluster/security/principal';
import { SECURITY_PROTOCOLS } from '../wire/listener-config';

/** A listener that cannot be opened as configured; the CLI prints it as a usage error. */
export class ListenerConfigError extends Error {}

interface ListenerEntry {
  name: string;
  host: string;
  port: number;
}

/**
 * Throws ListenerConfigError on the first problem; returns the inter-broker listener name (null
 * when neither inter.broker.listener.name nor security.inter.broker.protocol is set).
 */
export function validateListenerSet(configs: Record<string, string>, listeners: ListenerEntry[], protocolMap: Map<string, SecurityProtocol>, advertised: ListenerEntry[]): string | null {
  const value = configs['listeners'] ?? 'PLAINTEXT://:9092';
  if (listeners.length === 0) throw new ListenerConfigError(`listeners names no listener ("${value}"); a broker needs at least one, e.g. PLAINTEXT://:9092`);
  const names = listeners.map((l) => l.name);
  if (new Set(names).size !== names.length) throw new ListenerConfigError(`Each listener must have a different name, listeners: ${value}`);
  const fixedPorts = listeners.map((l) => l.port).filter((p) => p !== 0);
  if (new Set(fixedPorts).size !== fixedPorts.length) throw new ListenerConfigError(`Each listener must have a different port, listeners: ${value}`);
  for (const l of listeners) {
    if (!protocolMap.has(l.name)) throw new ListenerConfigError(`Error creating broker listeners from '${value}': No security protocol defined for listener ${l.name} (add ${l.name}:<protocol> to listener.security.protocol.map)`);
  }
  const advertisedNames = advertised.map((l) => l.name);
  if (new Set(advertisedNames).size !== advertisedNames.length) throw new ListenerConfigError(`Each listener must have a different name, listeners: ${configs['advertised.listeners']}`);
  if (advertisedNames.some((n) => !names.includes(n))) {
    throw new ListenerConfigError(`advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. Found ${advertisedNames.join(',')}. The valid options based on the current configuration are ${names.join(',')}`);
  }
  if (configs['control.plane.listener.name'] !== undefined) throw new ListenerConfigError('control.plane.listener.name is not supported in KRaft mode.');
  const interName = configs['inter.broker.listener.name'];
  const interProtocol = configs['security.inter.broker.protocol'];
  if (interName !== undefined && interProtocol !== undefined) throw new ListenerConfigError('Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.');
  if (interProtocol !== undefined && !(SECURITY_PROTOCOLS as string[]).includes(interProtocol.toUpperCase())) {
    throw new ListenerConfigError(`security.inter.broker.protocol: No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.${interProtocol.toUpperCase()} (the protocols are ${SECURITY_PROTOCOLS.join(', ')})`);
  }
  // Kafka: security.inter.broker.protocol=P means the listener named P (ListenerName.forSecurityProtocol).
  const inter = (interName ?? interProtocol)?.toUpperCase();
  if (inter === undefined) return null;
  // advertised.listeners defaults to listeners (KafkaConfig.effectiveAdvertisedBrokerListeners).
  const advertisedBrokerNames = advertised.length > 0 ? advertisedNames : names;
  if (!advertisedBrokerNames.includes(inter)) {
    throw new ListenerConfigError(`inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are ${advertisedBrokerNames.join(',')}`);
  }
  return inter;
}

/**
 * Fixed ports count up per broker (broker i listens on port + i - 1), so two listeners with fixed
 * ports clash when their ranges of `brokerCount` ports overlap, e.g. 9092 and 9093 with 3 brokers.
 * `ports`: each listener's first port (0 = ephemeral). Kafka checks only distinct ports, since
 * each of its brokers is its own process.
 */
export function checkListenerPortRanges(listeners: { name: string; port: number }[], brokerCount: number): void {
  const fixed = listeners.filter((l) => l.port !== 0);
  for (let i = 0; i < fixed.length; i++) {
    for (let j = i + 1; j < fixed.length; j++) {
      const [a, b] = [fixed[i]!, fixed[j]!];
      if (Math.abs(a.port - b.port) < brokerCount) {
        throw new ListenerConfigError(`Each listener must have a different port: with ${brokerCount} brokers listener ${a.name} takes ports ${a.port}-${a.port + brokerCount - 1} and ${b.name} takes ${b.port}-${b.port + brokerCount - 1}, which overlap`);
      }
    }
    if (fixed[i]!.port + brokerCount - 1 > 65535) throw new ListenerConfigError(`listener ${fixed[i]!.name}: port ${fixed[i]!.port} leaves no room for ${brokerCount} brokers`);
  }
}
