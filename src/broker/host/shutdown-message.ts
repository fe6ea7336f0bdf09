/**
 * What a CLI prints when SIGINT (Ctrl-C) or SIGTERM arrives, before it closes the cluster:
 * "SIGINT (Ctrl-C): stopping 3 brokers, closing 4 client connections…", so a person at the
 * terminal sees what the pause is about. Used by `kafka-lab broker` and `npm run serve`.
 */

export interface ShutdownCounts {
  /** Brokers running now. */
  brokers: number;
  /** Kafka client connections the listeners hold. */
  clientConnections: number;
  /** Browser viewers of serve mode (absent for the headless broker). */
  viewers?: number;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function shutdownMessage(signal: string, counts: ShutdownCounts): string {
  const what = signal === 'SIGINT' ? 'SIGINT (Ctrl-C)' : signal;
  const parts = [`stopping ${plural(counts.brokers, 'broker', 'brokers')}`, `closing ${plural(counts.clientConnections, 'client connection', 'client connections')}`];
  if (counts.viewers !== undefined) parts.push(`disconnecting ${plural(counts.viewers, 'browser', 'browsers')}`);
  return `${what}: ${parts.join(', ')}…`;
}
