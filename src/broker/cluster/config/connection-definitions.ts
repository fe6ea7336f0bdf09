/**
 * Broker configs of the listeners' connection quotas (Kafka's SocketServerConfigs, enforced by
 * ConnectionQuotas and the Processor's Selector in core/.../network/SocketServer.scala). They live
 * in BROKER_CONFIGS so that `--config` validates them, DescribeConfigs lists them with their source
 * and AlterConfigs/IncrementalAlterConfigs change max.connections, max.connections.per.ip and its
 * overrides at runtime (dynamic in Kafka: SocketServer.ReconfigurableConfigs); connections.max.idle.ms
 * and socket.listen.backlog.size are static in Kafka (not in DynamicBrokerConfig.AllDynamicConfigs),
 * so altering them is refused with Kafka's INVALID_REQUEST "Cannot update these configs dynamically".
 * The wire layer reads them per broker on every accept and idle sweep (src/broker/wire/connection-quotas.ts).
 *
 * One lab default differs from Kafka on purpose: max.connections. Kafka's is 2147483647 (no limit;
 * a real broker is sized by its operator). Here one desktop process hosts every broker, so an
 * unbounded connection flood would exhaust the process's file descriptors and take every broker
 * down at once. 1000 per broker is far above what real clients use (a producer or consumer holds
 * about one connection per broker it talks to, plus one for bootstrap and one to its coordinator),
 * enough for a workshop room of dozens of people with several clients each.
 */
import type { ConfigDef } from './definitions';

export const LAB_DEFAULT_MAX_CONNECTIONS = 1000;

export const CONNECTION_BROKER_CONFIGS: ConfigDef[] = [
  {
    name: 'max.connections',
    type: 'int',
    defaultValue: String(LAB_DEFAULT_MAX_CONNECTIONS),
    min: 0,
    documentation: `Most connections a broker holds at once; beyond it the broker stops accepting (new connections wait, up to socket.listen.backlog.size, until one closes), as Kafka does (KIP-402). Lab default ${LAB_DEFAULT_MAX_CONNECTIONS} per broker, not Kafka's 2147483647: every broker shares one process and its file descriptors.`,
  },
  { name: 'max.connections.per.ip', type: 'int', defaultValue: '2147483647', min: 0, documentation: 'Most connections a broker accepts from one IP address; a new connection beyond it is closed at once (TooManyConnectionsException in Kafka).' },
  { name: 'max.connections.per.ip.overrides', type: 'string', defaultValue: '', documentation: 'Per-IP exceptions to max.connections.per.ip, e.g. "127.0.0.1:200,10.0.0.7:5" (IP addresses and localhost).' },
  { name: 'connections.max.idle.ms', type: 'long', defaultValue: '600000', staticOnly: true, documentation: 'A connection with no request or response for this long is closed (-1: never). Requests still waiting for their answer keep a connection active.' },
  { name: 'socket.listen.backlog.size', type: 'int', defaultValue: '50', min: 1, staticOnly: true, documentation: 'Connections that may wait to be accepted while max.connections is reached; more are closed.' },
];
