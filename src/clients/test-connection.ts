/**
 * "Test connection" (issue 17): runs the steps of a connection one by one against the bootstrap
 * servers and names the first that fails with its cause —
 *   resolve      every bootstrap host through the OS resolver (dns.lookup, as Kafka's
 *                client.dns.lookup=use_all_dns_ips); unresolvable entries are skipped and only
 *                none resolving fails ("No resolvable bootstrap urls given in bootstrap.servers",
 *                Kafka's ClientUtils.parseAndValidateAddresses);
 *   tcp          each resolved address in turn until one accepts, each within connectTimeoutMs;
 *   tls          the handshake, with certificate problems in plain words (SSL, SASL_SSL);
 *   apiVersions  KIP-35/511, before SASL as Kafka's SaslClientAuthenticator sends it;
 *   sasl         SaslHandshake + SaslAuthenticate (SASL_PLAINTEXT, SASL_SSL);
 *   metadata     brokers, controller and topic count (Metadata, all topics).
 * Never throws: every failure is in the report.
 */
import { lookup } from 'node:dns/promises';
import type * as net from 'node:net';
import type { MetadataResponse } from '../broker/protocol';
import { connectionTestSteps, type ConnectionSettings, type ConnectionTestReport, type ConnectionTestStep, type ConnectionTestStepResult } from '../shared/connection-profile';
import { KafkaClientError } from './errors';
import { KafkaConnection } from './kafka-connection';
import { atStep, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_REQUEST_TIMEOUT_MS, usesSasl, usesTls } from './open-connection';
import { authenticateSasl } from './sasl-authenticate';
import { connectTcp, formatAddress, parseBootstrapServers, startTls, type BrokerAddress } from './socket-setup';

const METADATA = 3;

export async function testConnection(settings: ConnectionSettings, clientId = 'kafka-lab-test-connection'): Promise<ConnectionTestReport> {
  const steps: ConnectionTestStepResult[] = connectionTestSteps.map(({ step }) => ({ step, status: 'not-run', detail: '', elapsedMs: 0 }));
  const result = (step: ConnectionTestStep) => steps.find((s) => s.step === step)!;
  if (!usesTls(settings)) Object.assign(result('tls'), { status: 'skipped', detail: `${settings.securityProtocol} has no TLS` });
  if (!usesSasl(settings)) Object.assign(result('sasl'), { status: 'skipped', detail: `${settings.securityProtocol} has no SASL` });
  const run = async <T>(step: ConnectionTestStep, work: () => Promise<T>, detail: (v: T) => string): Promise<T> => {
    const started = Date.now();
    try {
      const value = await atStep(step, work());
      Object.assign(result(step), { status: 'ok', detail: detail(value), elapsedMs: Date.now() - started });
      return value;
    } catch (e) {
      Object.assign(result(step), { status: 'failed', detail: (e as Error).message, elapsedMs: Date.now() - started });
      throw e;
    }
  };
  const connectTimeoutMs = settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS;
  let connection: KafkaConnection | null = null;
  try {
    const resolved = await run('resolve', () => resolveAll(settings.bootstrapServers), (r) => r.map((a) => `${formatAddress(a.address)} → ${a.ips.join(', ')}`).join('; '));
    const { socket, address, ip } = await run('tcp', () => connectFirst(resolved, connectTimeoutMs), (c) => `connected to ${formatAddress({ host: c.ip, port: c.address.port })}`);
    let stream: net.Socket = socket;
    if (usesTls(settings)) {
      stream = await run('tls', () => startTls(socket, address.host, settings.tls, connectTimeoutMs), (s) => `${s.getProtocol() ?? 'TLS'}, certificate for ${describePeer(s.getPeerCertificate())}${settings.tls && !settings.tls.verifyHostname ? ' (host name not verified)' : ''}`);
    }
    connection = new KafkaConnection(stream, formatAddress({ host: ip, port: address.port }), { clientId, requestTimeoutMs: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS });
    const conn = connection;
    await run('apiVersions', () => conn.negotiateApiVersions(), (ranges) => `${ranges.length} APIs; Metadata v${conn.versionFor(METADATA)}`);
    if (usesSasl(settings)) {
      await run('sasl', async () => {
        if (!settings.sasl) throw new KafkaClientError('sasl', `${settings.securityProtocol} needs a SASL mechanism, user name and password`);
        return authenticateSasl(conn, settings.sasl);
      }, () => `${settings.sasl!.mechanism} as ${settings.sasl!.username}`);
    }
    await run('metadata', () => conn.send<MetadataResponse>(METADATA, { topics: null, allowAutoTopicCreation: false, includeClusterAuthorizedOperations: false, includeTopicAuthorizedOperations: false }).then((r) => r.body),
      (m) => `cluster ${m.clusterId ?? '(no id)'}: ${m.brokers.length} broker${m.brokers.length === 1 ? '' : 's'} (controller ${m.controllerId ?? -1}), ${m.topics.length} topic${m.topics.length === 1 ? '' : 's'}`);
  } catch {
    // The failed step is in `steps`.
  } finally {
    connection?.close();
  }
  const failed = steps.find((s) => s.status === 'failed');
  return { ok: failed === undefined, failedStep: failed?.step ?? null, steps };
}

function describePeer(cert: { subject?: Record<string, unknown>; subjectaltname?: string } | undefined): string {
  const cn = cert?.subject?.CN;
  return `${typeof cn === 'string' ? cn : '?'}${cert?.subjectaltname ? ` (${cert.subjectaltname})` : ''}`;
}

async function resolveAll(bootstrapServers: string): Promise<{ address: BrokerAddress; ips: string[] }[]> {
  const addresses = parseBootstrapServers(bootstrapServers);
  const out: { address: BrokerAddress; ips: string[] }[] = [];
  const failures: string[] = [];
  for (const address of addresses) {
    try {
      const ips = (await lookup(address.host, { all: true })).map((r) => r.address);
      out.push({ address, ips });
    } catch (e) {
      failures.push(`${address.host}: ${(e as NodeJS.ErrnoException).code === 'ENOTFOUND' ? 'no such host' : (e as Error).message}`);
    }
  }
  if (out.length === 0) throw new KafkaClientError('resolve', `No resolvable bootstrap urls given in bootstrap.servers (${failures.join('; ')})`, 'ENOTFOUND');
  return out;
}

async function connectFirst(resolved: { address: BrokerAddress; ips: string[] }[], timeoutMs: number): Promise<{ socket: net.Socket; address: BrokerAddress; ip: string }> {
  const failures: string[] = [];
  let lastCode: string | undefined;
  for (const { address, ips } of resolved) {
    for (const ip of ips) {
      try {
        return { socket: await connectTcp(address, timeoutMs, ip), address, ip };
      } catch (e) {
        failures.push((e as Error).message);
        lastCode = (e as KafkaClientError).code;
      }
    }
  }
  throw new KafkaClientError('tcp', failures.join('; '), lastCode);
}
