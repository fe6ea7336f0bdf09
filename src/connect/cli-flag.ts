/**
 * `--connect [PORT]` of `kafka-lab broker`: takes the flag (and its optional port) out of argv
 * before the broker's own parseArgs, which has no optional-value options.
 * `--connect` → 8083 (Kafka Connect's rest.port default), `--connect 8084` / `--connect=8084` → 8084,
 * `--connect 0` → an ephemeral port.
 */
/** Kafka Connect's rest.port default. */
export const DEFAULT_CONNECT_PORT = 8083;

export const CONNECT_USAGE = `  --connect [port]           also run a Kafka Connect worker with its REST API on 127.0.0.1:port
                             (default 8083): connectors stored in connect-configs, connect-offsets
                             and connect-status; FileStreamSource and FileStreamSink`;

export function takeConnectFlag(argv: string[]): { argv: string[]; connectPort?: number } {
  const rest: string[] = [];
  let connectPort: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--connect=(.*)$/.exec(arg);
    if (arg !== '--connect' && !inline) {
      rest.push(arg);
      continue;
    }
    let raw = inline?.[1];
    if (raw === undefined && argv[i + 1] !== undefined && /^\d+$/.test(argv[i + 1]!)) raw = argv[++i];
    if (raw === undefined) {
      connectPort = DEFAULT_CONNECT_PORT;
      continue;
    }
    if (!/^\d+$/.test(raw) || Number(raw) > 65535) throw new Error(`--connect expects a port number (0-65535), got "${raw}"`);
    connectPort = Number(raw);
  }
  return connectPort === undefined ? { argv: rest } : { argv: rest, connectPort };
}
