/**
 * The first two steps of a connection, each with its own deadline and plain-words errors:
 * a TCP connect (node:net) and, for SSL / SASL_SSL, a TLS handshake over that socket (node:tls).
 * Deadlines follow Kafka's socket.connection.setup.timeout.ms (KIP-601): an address that does not
 * answer in time fails the connect, whatever the OS's own SYN timeout.
 */
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { TlsSettings } from '../shared/connection-profile';
import { KafkaClientError, describeSocketError, describeTlsError } from './errors';

export interface BrokerAddress {
  host: string;
  port: number;
}

export function formatAddress(a: BrokerAddress): string {
  return a.host.includes(':') ? `[${a.host}]:${a.port}` : `${a.host}:${a.port}`;
}

/**
 * Parses bootstrap.servers ("host:port,[::1]:9093"). Throws KafkaClientError('resolve') for an
 * entry that is not host:port, in the words of Kafka's ClientUtils.parseAndValidateAddresses.
 */
export function parseBootstrapServers(bootstrapServers: string): BrokerAddress[] {
  const out: BrokerAddress[] = [];
  for (const raw of bootstrapServers.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(entry) ?? /^([^:[\]]+):(\d+)$/.exec(entry);
    const port = m ? Number(m[2]) : NaN;
    if (!m || !(port > 0 && port < 65536)) throw new KafkaClientError('resolve', `Invalid url in bootstrap.servers: ${entry}`);
    out.push({ host: m[1]!, port });
  }
  if (out.length === 0) throw new KafkaClientError('resolve', 'bootstrap.servers is empty');
  return out;
}

/**
 * Opens a TCP connection to `connectHost` (an IP or a name) and the port of `address` within
 * `timeoutMs`. Throws KafkaClientError('tcp') with ETIMEDOUT, ECONNREFUSED, … in plain words.
 */
export function connectTcp(address: BrokerAddress, timeoutMs: number, connectHost = address.host): Promise<net.Socket> {
  const label = formatAddress({ host: connectHost, port: address.port });
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: connectHost, port: address.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new KafkaClientError('tcp', `no answer from ${label} within ${timeoutMs} ms (socket.connection.setup.timeout.ms): the address is unreachable or a firewall drops the packets`, 'ETIMEDOUT'));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.setNoDelay(true);
      resolve(socket);
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      socket.destroy();
      reject(new KafkaClientError('tcp', describeSocketError(err, label), err.code));
    });
  });
}

/**
 * Runs the TLS handshake over a connected socket. `serverName` is the bootstrap or advertised
 * host the certificate must name (checked unless verifyHostname is false); the chain is always
 * verified (an untrusted CA fails: Kafka has no "trust all" switch either).
 */
export function startTls(socket: net.Socket, serverName: string, settings: TlsSettings | undefined, timeoutMs: number): Promise<tls.TLSSocket> {
  const label = `${serverName}:${socket.remotePort ?? '?'}`;
  return new Promise((resolve, reject) => {
    const options: tls.ConnectionOptions = {
      socket,
      host: serverName,
      rejectUnauthorized: true,
      ALPNProtocols: [],
    };
    if (!net.isIP(serverName)) options.servername = serverName;
    if (settings?.caPem) options.ca = settings.caPem;
    if (settings?.certPem) options.cert = settings.certPem;
    if (settings?.keyPem) options.key = settings.keyPem;
    if (settings && !settings.verifyHostname) options.checkServerIdentity = () => undefined;
    let secure: tls.TLSSocket;
    try {
      secure = tls.connect(options);
    } catch (e) {
      socket.destroy();
      reject(new KafkaClientError('tls', `TLS settings refused: ${(e as Error).message} (check the PEM text)`));
      return;
    }
    const timer = setTimeout(() => {
      secure.destroy();
      reject(new KafkaClientError('tls', `no TLS handshake from ${label} within ${timeoutMs} ms: is the listener TLS?`, 'ETIMEDOUT'));
    }, timeoutMs);
    secure.once('secureConnect', () => {
      clearTimeout(timer);
      secure.removeAllListeners('error');
      resolve(secure);
    });
    secure.once('error', (err: NodeJS.ErrnoException & { reason?: string }) => {
      clearTimeout(timer);
      secure.destroy();
      reject(new KafkaClientError('tls', describeTlsError(err, label), err.code));
    });
    socket.once('close', () => {
      clearTimeout(timer);
      reject(new KafkaClientError('tls', `${label} closed the connection during the TLS handshake (does the listener require a client certificate?)`, 'ECONNRESET'));
    });
  });
}
