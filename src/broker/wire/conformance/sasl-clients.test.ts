/**
 * Issue 16: real clients authenticate against the embedded brokers over real sockets: kcat and
 * confluent-kafka-python with SASL_SSL + SCRAM-SHA-512 and SASL_PLAINTEXT + PLAIN, kafka-python
 * with SCRAM-SHA-256 (its SaslHandshake v0 raw-token exchange), kafkajs with SCRAM over TLS, kcat
 * with mTLS (ssl.client.auth=required). Each produces and consumes; a wrong password fails with
 * Kafka's SASL_AUTHENTICATION_FAILED message; a request before authentication closes the connection.
 * One single-broker cluster per listener kind, started together.
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { issueClientCertificate } from '../../host/tls-files';
import { decodeResponse } from '../../protocol';
import { RawClient } from '../testing/raw-client';
import { startHost, topicView, waitFor } from './harness';
import { itWith, KCAT, missingConfluentKafka, missingKafkaPython, missingKcat, run, runPython } from './tools';

const TLS_DIR = join(tmpdir(), 'kafka-lab-test-tls-sasl-clients');
const SCRAM_FAILED = 'Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512';
const USERS = [{ name: 'alice', password: 'alice-secret' }, { name: 'bob', password: 'bob-secret' }];
const script = readFileSync(join(__dirname, 'sasl-clients.py'), 'utf8');

/** Creates a topic through the host (the harness's createTopic checks with a plaintext Metadata request). */
async function createTopic(host: ClusterHost, topic: string, partitions: number, replicationFactor: number): Promise<void> {
  const result = await host.execute({ type: 'create-topic', topic, partitions, replicationFactor });
  if (!result.ok) throw new Error(result.message);
  await waitFor(`${topic} led`, () => topicView(host, topic)?.partitions.every((p) => p.leader >= 0));
}

function kcatSecurity(host: ClusterHost, settings: Record<string, string>): string[] {
  return ['-b', host.bootstrap, ...Object.entries(settings).flatMap(([k, v]) => ['-X', `${k}=${v}`])];
}

async function kcatRoundTrip(host: ClusterHost, settings: Record<string, string>, topic: string): Promise<string[]> {
  const base = kcatSecurity(host, settings);
  const produced = await run(KCAT, [...base, '-P', '-t', topic, '-X', 'acks=all'], { input: 'one\ntwo\nthree\n', timeoutMs: 30_000 });
  if (produced.code !== 0) throw new Error(`kcat -P exited ${produced.code}: ${produced.stderr}`);
  const consumed = await run(KCAT, [...base, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%s\n'], { timeoutMs: 30_000 });
  if (consumed.code !== 0) throw new Error(`kcat -C exited ${consumed.code}: ${consumed.stderr}`);
  return consumed.stdout.split('\n').filter((l) => l !== '').sort();
}

describe('SASL and TLS listeners with real clients', () => {
  let saslSsl: ClusterHost;
  let saslPlain: ClusterHost;
  let mtls: ClusterHost;
  beforeAll(async () => {
    const common = { brokers: 1, defaultReplicationFactor: 1, defaultPartitions: 1, tlsDir: TLS_DIR };
    // Consumers join groups at once (Kafka's 3 s initial rebalance delay would dominate the run).
    const groups = { 'group.initial.rebalance.delay.ms': '0' };
    [saslSsl, saslPlain] = await Promise.all([
      startHost({ ...common, seed: 161, users: USERS, brokerConfig: { ...groups, listeners: 'SASL_SSL://:0', 'connections.max.reauth.ms': '600000' } }),
      startHost({ ...common, seed: 162, users: USERS, brokerConfig: { ...groups, listeners: 'SASL_PLAINTEXT://:0', 'sasl.enabled.mechanisms': 'PLAIN' } }),
    ]);
    mtls = await startHost({ ...common, seed: 163, brokerConfig: { listeners: 'SSL://:0', 'ssl.client.auth': 'required' } });
  }, 60_000);
  afterAll(async () => {
    await Promise.all([saslSsl?.close(), saslPlain?.close(), mtls?.close()]);
  });

  const ca = (): string => saslSsl.security.caLocation!;
  const scram512 = (password: string): Record<string, string> => ({ 'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': 'alice', 'sasl.password': password, 'ssl.ca.location': ca() });
  const plain = (password: string): Record<string, string> => ({ 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanisms': 'PLAIN', 'sasl.username': 'bob', 'sasl.password': password });

  itWith(missingKcat, 'kcat: SASL_SSL + SCRAM-SHA-512 and SASL_PLAINTEXT + PLAIN produce and consume; wrong passwords fail with Kafka\'s message', async () => {
    await createTopic(saslSsl, 'kcat-scram', 1, 1);
    expect(await kcatRoundTrip(saslSsl, scram512('alice-secret'), 'kcat-scram')).toEqual(['one', 'three', 'two']);
    const principals = new Set<string>();
    const poll = setInterval(() => saslSsl.snapshot().connections.forEach((c) => c.security && principals.add(`${c.security.principal} ${c.security.saslMechanism} ${c.security.securityProtocol}`)), 5);
    await kcatRoundTrip(saslSsl, scram512('alice-secret'), 'kcat-scram').finally(() => clearInterval(poll));
    expect(principals).toContain('User:alice SCRAM-SHA-512 SASL_SSL');
    const wrong = await run(KCAT, [...kcatSecurity(saslSsl, scram512('not-the-password')), '-L', '-m', '1'], { timeoutMs: 20_000 });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain(SCRAM_FAILED);

    await createTopic(saslPlain, 'kcat-plain', 1, 1);
    expect(await kcatRoundTrip(saslPlain, plain('bob-secret'), 'kcat-plain')).toEqual(['one', 'three', 'two']);
    const wrongPlain = await run(KCAT, [...kcatSecurity(saslPlain, plain('nope')), '-L', '-m', '1'], { timeoutMs: 20_000 });
    expect(wrongPlain.stderr).toContain('Authentication failed: Invalid username or password');
  }, 60_000);

  itWith(missingConfluentKafka, 'confluent-kafka-python: SASL_SSL + SCRAM-SHA-512 and SASL_PLAINTEXT + PLAIN', async () => {
    await createTopic(saslSsl, 'ckp-scram', 1, 1);
    await createTopic(saslPlain, 'ckp-plain', 1, 1);
    const [scram, plainOk, wrong] = await Promise.all([
      runPython(script, ['confluent', saslSsl.bootstrap, 'SASL_SSL', 'SCRAM-SHA-512', 'alice', 'alice-secret', ca(), 'ckp-scram'], 60_000),
      runPython(script, ['confluent', saslPlain.bootstrap, 'SASL_PLAINTEXT', 'PLAIN', 'bob', 'bob-secret', '', 'ckp-plain'], 60_000),
      runPython(script, ['confluent', saslSsl.bootstrap, 'SASL_SSL', 'SCRAM-SHA-512', 'alice', 'wrong', ca(), 'ckp-scram'], 60_000),
    ]);
    expect(JSON.parse(scram)).toEqual({ produced: 20, consumed: 20 });
    expect(JSON.parse(plainOk)).toEqual({ produced: 20, consumed: 20 });
    const failed = JSON.parse(wrong) as { error: string; message: string };
    expect(failed.error).toBe('_AUTHENTICATION');
    expect(failed.message).toContain(SCRAM_FAILED);
  }, 90_000);

  itWith(missingKafkaPython, 'kafka-python: SCRAM-SHA-256 over SASL_SSL (SaslHandshake v0, raw tokens)', async () => {
    await createTopic(saslSsl, 'kp-scram', 1, 1);
    const ok = JSON.parse(await runPython(script, ['kafka-python', saslSsl.bootstrap, 'SASL_SSL', 'SCRAM-SHA-256', 'alice', 'alice-secret', ca(), 'kp-scram'], 60_000));
    expect(ok).toEqual({ produced: 20, consumed: 20 });
    const wrong = JSON.parse(await runPython(script, ['kafka-python', saslSsl.bootstrap, 'SASL_SSL', 'SCRAM-SHA-256', 'alice', 'wrong', ca(), 'kp-scram'], 60_000));
    expect(wrong.error).toMatch(/NoBrokersAvailable|AuthenticationFailed|KafkaConnectionError/);
  }, 90_000);

  it('kafkajs: SCRAM-SHA-512 over TLS produces and consumes; a wrong password gets SASL_AUTHENTICATION_FAILED', async () => {
    await createTopic(saslSsl, 'kjs-scram', 1, 1);
    const client = (password: string) => new Kafka({ clientId: 'sasl-kafkajs', brokers: saslSsl.bootstrap.split(','), ssl: { ca: [readFileSync(ca(), 'utf8')] }, sasl: { mechanism: 'scram-sha-512', username: 'alice', password }, logLevel: logLevel.NOTHING, retry: { retries: 0 } });
    const producer = client('alice-secret').producer();
    await producer.connect();
    await producer.send({ topic: 'kjs-scram', acks: -1, messages: [{ value: 'a' }, { value: 'b' }] });
    await producer.disconnect();
    const consumer = client('alice-secret').consumer({ groupId: 'kjs-sasl' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'kjs-scram', fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void seen.push(String(message.value)) });
    await waitFor('two records', () => seen.length >= 2, 20_000);
    await consumer.disconnect();
    expect(seen.sort()).toEqual(['a', 'b']);
    const bad = client('wrong').producer();
    const error = await bad.connect().then(() => null, (e: Error & { type?: string }) => e);
    expect(error?.message).toContain(SCRAM_FAILED);
    await bad.disconnect().catch(() => {});
  }, 60_000);

  itWith(missingKcat, 'kcat with mTLS (ssl.client.auth=required): the principal is the certificate DN; no certificate, no connection', async () => {
    await createTopic(mtls, 'kcat-mtls', 1, 1);
    const { certLocation, keyLocation } = issueClientCertificate(TLS_DIR, 'carol');
    const settings = { 'security.protocol': 'SSL', 'ssl.ca.location': mtls.security.caLocation!, 'ssl.certificate.location': certLocation, 'ssl.key.location': keyLocation };
    const principals = new Set<string>();
    const poll = setInterval(() => mtls.snapshot().connections.forEach((c) => c.security && principals.add(c.security.principal)), 5);
    expect(await kcatRoundTrip(mtls, settings, 'kcat-mtls').finally(() => clearInterval(poll))).toEqual(['one', 'three', 'two']);
    expect(principals).toContain('User:CN=carol,O=Kafka Lab');
    const without = await run(KCAT, [...kcatSecurity(mtls, { 'security.protocol': 'SSL', 'ssl.ca.location': mtls.security.caLocation! }), '-L', '-m', '1'], { timeoutMs: 20_000 });
    expect(without.code).not.toBe(0);
  }, 60_000);

  it('refuses requests before authentication, unsupported mechanisms and SASL on a listener without it', async () => {
    const port = saslPlain.listenerPorts().get(1)!;
    const metadataFirst = await RawClient.connect(port);
    metadataFirst.request(3, 9, 1, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(await metadataFirst.waitClosed()).toBe(true);
    expect(metadataFirst.frames).toHaveLength(0);

    const scramOnPlain = await RawClient.connect(port);
    scramOnPlain.request(17, 1, 2, { mechanism: 'SCRAM-SHA-512' });
    const [frame] = await scramOnPlain.waitFrames(1);
    const answer = decodeResponse(17, 1, frame!).body as { errorCode: number; mechanisms: string[] };
    expect(answer).toEqual({ errorCode: 33, mechanisms: ['PLAIN'] });
    expect(await scramOnPlain.waitClosed()).toBe(true);

    // ApiVersions then SaslHandshake v0 then a raw PLAIN token: the v0 exchange old clients use.
    const raw = await RawClient.connect(port);
    raw.request(18, 0, 3, {});
    raw.request(17, 0, 4, { mechanism: 'PLAIN' });
    await raw.waitFrames(2);
    const token = Buffer.from('\u0000bob\u0000bob-secret');
    const sized = Buffer.alloc(4 + token.length);
    sized.writeInt32BE(token.length, 0);
    token.copy(sized, 4);
    raw.send(sized);
    const frames = await raw.waitFrames(3);
    expect(frames[2]).toEqual(Buffer.alloc(0));
    raw.request(3, 9, 5, { topics: null, allowAutoTopicCreation: false, includeTopicAuthorizedOperations: false });
    expect(await raw.waitFrames(4)).toHaveLength(4);
    raw.socket.destroy();

  });
});
