/**
 * Binds one listener per broker on consecutive ports. With basePort 0 every broker gets an
 * ephemeral port (tests run in parallel without clashing). With a fixed basePort, broker i gets
 * basePort + i - 1; when one of them is taken and `fallback` is set, the whole range slides past
 * the taken port, so bootstrap stays a consecutive run as users expect.
 */
import type { WireServer } from '../wire/wire-server';

/** How far the range may slide before giving up. */
const MAX_FALLBACK_PORTS = 1000;

export class PortInUseError extends Error {
  constructor(readonly port: number, cause: Error, host = '127.0.0.1') {
    super(`port ${port} on ${host} is not available (${cause.message})`);
    this.name = 'PortInUseError';
  }
}

/** Returns brokerId → bound port, in brokerIds order. Leaves nothing open on failure. */
export async function bindBrokerPorts(wire: WireServer, brokerIds: number[], basePort: number, fallback: boolean, host = '127.0.0.1', taken: number[] = []): Promise<Map<number, number>> {
  const ports = new Map<number, number>();
  if (basePort === 0) {
    try {
      for (const brokerId of brokerIds) ports.set(brokerId, await wire.listen(brokerId, 0));
    } catch (err) {
      await wire.close();
      throw err;
    }
    return ports;
  }
  let base = basePort;
  for (;;) {
    if (base + brokerIds.length - 1 > 65535) throw new Error(`no ${brokerIds.length} consecutive free ports from ${basePort}`);
    let failedAt = -1;
    let failure: Error | null = null;
    for (let i = 0; i < brokerIds.length; i++) {
      try {
        ports.set(brokerIds[i]!, await wire.listen(brokerIds[i]!, base + i));
      } catch (err) {
        failedAt = i;
        failure = err as Error;
        break;
      }
    }
    if (failedAt < 0) return ports;
    await wire.close();
    ports.clear();
    const code = (failure as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') taken.push(base + failedAt);
    if (!fallback || code !== 'EADDRINUSE' || base + failedAt + 1 - basePort > MAX_FALLBACK_PORTS) {
      throw new PortInUseError(base + failedAt, failure!, host);
    }
    base = base + failedAt + 1;
  }
}

/**
 * Issue 13: binds each broker on its preferred port (the port it had in the cluster this one
 * replaces); ids without one take basePort + id - 1, or an ephemeral port when that is taken or
 * basePort is 0. A preferred port that is taken fails the whole bind, leaving nothing open.
 */
export async function bindPreferredPorts(wire: WireServer, brokerIds: number[], preferred: ReadonlyMap<number, number>, basePort: number): Promise<Map<number, number>> {
  const ports = new Map<number, number>();
  try {
    for (const brokerId of brokerIds) {
      const wanted = preferred.get(brokerId);
      if (wanted !== undefined) {
        ports.set(brokerId, await wire.listen(brokerId, wanted));
        continue;
      }
      const fromBase = basePort === 0 ? 0 : basePort + brokerIds.indexOf(brokerId);
      const usedByOthers = [...preferred.values()].includes(fromBase);
      ports.set(brokerId, await wire.listen(brokerId, usedByOthers ? 0 : fromBase).catch(() => wire.listen(brokerId, 0)));
    }
  } catch (err) {
    await wire.close();
    throw err;
  }
  return ports;
}

/**
 * One line for a person: which requested ports were taken and which were chosen instead, e.g.
 * "port 9092 is in use; the brokers listen on 9095-9097 instead of 9092-9094". Null when the
 * requested ports were bound (or ephemeral ports were asked for).
 */
export function describePortFallback(what: string, requestedBase: number, chosen: readonly number[], taken: readonly number[]): string | null {
  if (requestedBase === 0 || taken.length === 0 || chosen.length === 0) return null;
  const range = (from: number, count: number) => (count === 1 ? String(from) : `${from}-${from + count - 1}`);
  const inUse = taken.length === 1 ? `port ${taken[0]} is in use` : `ports ${taken.join(', ')} are in use`;
  return `${inUse}; ${what} ${chosen.length === 1 ? 'listens' : 'listen'} on ${range(chosen[0]!, chosen.length)} instead of ${range(requestedBase, chosen.length)}`;
}

/**
 * Issue 16: binds every listener after the first (which bindBrokerPorts / bindPreferredPorts
 * bind) on each broker: port 0 gives each broker an ephemeral port, a fixed port P gives broker i
 * (i-th of brokerIds, from 0) port P + i, as the first listener's --port does. A taken port fails
 * the whole start (PortInUseError), closing everything the wire server had open. `preferred`:
 * listener name → brokerId → the port it had in the cluster this one replaces (issue 13's rule).
 */
export async function bindOtherListeners(wire: WireServer, brokerIds: number[], listeners: readonly { name: string; port: number; host?: string }[], defaultHost = '127.0.0.1', preferred?: ReadonlyMap<string, ReadonlyMap<number, number>>): Promise<void> {
  for (const { name, port, host = defaultHost } of listeners) {
    for (let i = 0; i < brokerIds.length; i++) {
      const wanted = preferred?.get(name)?.get(brokerIds[i]!) ?? (port === 0 ? 0 : port + i);
      try {
        await wire.listen(brokerIds[i]!, wanted, name);
      } catch (err) {
        await wire.close();
        throw new PortInUseError(wanted, err as Error, host);
      }
    }
  }
}
