/**
 * Issue 16: several listeners per broker, with real clients over real sockets. Two brokers, each
 * with a PLAINTEXT listener and a SASL_SSL one (`listeners=PLAINTEXT://:0,SECURE://:0`,
 * `listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SECURE:SASL_SSL`): kcat produces and
 * consumes on the PLAINTEXT ports, confluent-kafka-python (SCRAM-SHA-512, a consumer group, so
 * FindCoordinator too) on the SASL_SSL ports, and Metadata / DescribeCluster on each listener
 * names only that listener's ports (Kafka's MetadataCache answers by the request's listener name).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { decodeResponse } from '../../protocol';
import { RawClient } from '../testing/raw-client';
import { startHost, topicView, waitFor } from './harness';
import { itWith, KCAT, missingConfluentKafka, missingKcat, run, runPython } from './tools';
import { occupyEphemeralPort } from '../../host/testing/occupied-port';

const TLS_DIR = join(tmpdir(), 'kafka-lab-test-tls-multi-listener');
const script = readFileSync(join(__dirname, 'sasl-clients.py'), 'utf8');

/** kcat -L -J: the brokers a Metadata answer names, as `host:port` by broker id. */
async function kcatBrokers(bootstrap: string, settings: Record<string, string>): Promise<string[]> {
  const listed = await run(KCAT, ['-b', bootstrap, ...Object.entries(settings).flatMap(([k, v]) => ['-X', `${k}=${v}`]), '-L', '-J'], { timeoutMs: 30_000 });
  if (listed.code !== 0) throw new Error(`kcat -L exited ${listed.code}: ${listed.stderr}`);
  const metadata = JSON.parse(listed.stdout) as { brokers: { id: number; name: string }[] };
  return metadata.brokers.sort((a, b) => a.id - b.id).map((b) => b.name);
}

describe('two listeners per broker (PLAINTEXT and SASL_SSL) with real clients', () => {
  let host: ClusterHost;
  const ports = (name: string): number[] => host.snapshot().listenerSecurity!.listeners.find((l) => l.name === name)!.endpoints.map((e) => e.port);
  const bootstrap = (name: string): string => ports(name).map((p) => `127.0.0.1:${p}`).join(',');
  const sasl = (): Record<string, string> => ({ 'security.protocol': 'SASL_SSL', 'sasl.mechanisms': 'SCRAM-SHA-512', 'sasl.username': 'alice', 'sasl.password': 'alice-secret', 'ssl.ca.location': host.security.caLocation! });

  beforeAll(async () => {
    host = await startHost({
      brokers: 2, seed: 1601, defaultPartitions: 2, defaultReplicationFactor: 2, tlsDir: TLS_DIR, users: [{ name: 'alice', password: 'alice-secret' }],
      brokerConfig: { listeners: 'PLAINTEXT://:0,SECURE://:0', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SECURE:SASL_SSL', 'inter.broker.listener.name': 'PLAINTEXT', 'group.initial.rebalance.delay.ms': '0' },
    });
    for (const topic of ['on-plaintext', 'on-secure']) {
      const result = await host.execute({ type: 'create-topic', topic, partitions: 2, replicationFactor: 2 });
      if (!result.ok) throw new Error(result.message);
      await waitFor(`${topic} led`, () => topicView(host, topic)?.partitions.every((p) => p.leader >= 0));
    }
  }, 60_000);
  afterAll(async () => {
    await host?.close();
  });

  it('opens both listeners on every broker, four distinct ports, and says which is which', () => {
    const view = host.snapshot().listenerSecurity!;
    expect(view.listeners.map((l) => [l.name, l.securityProtocol, l.endpoints.map((e) => e.brokerId)])).toEqual([['PLAINTEXT', 'PLAINTEXT', [1, 2]], ['SECURE', 'SASL_SSL', [1, 2]]]);
    expect(new Set([...ports('PLAINTEXT'), ...ports('SECURE')]).size).toBe(4);
    expect(host.bootstrap).toBe(bootstrap('PLAINTEXT'));
    expect(host.security.interBrokerListenerName).toBe('PLAINTEXT');
    expect(host.clientSecuritySettings()).toBe(` listener.PLAINTEXT.bootstrap=${bootstrap('PLAINTEXT')} listener.PLAINTEXT.security.protocol=PLAINTEXT listener.SECURE.bootstrap=${bootstrap('SECURE')} listener.SECURE.security.protocol=SASL_SSL listener.SECURE.ssl.ca.location=${host.security.caLocation}`);
  });

  it('DescribeCluster on a PLAINTEXT port names the PLAINTEXT ports', async () => {
    const raw = await RawClient.connect(ports('PLAINTEXT')[1]!);
    try {
      raw.request(60, 0, 7, { includeClusterAuthorizedOperations: false });
      const [frame] = await raw.waitFrames(1);
      const body = decodeResponse(60, 0, frame!).body as { brokers: { brokerId: number; port: number }[] };
      expect(body.brokers.map((b) => b.port).sort()).toEqual([...ports('PLAINTEXT')].sort());
    } finally {
      raw.socket.destroy();
    }
  });

  itWith(missingKcat, 'kcat: Metadata on each listener advertises only that listener\'s ports; produce and consume on PLAINTEXT', async () => {
    expect(await kcatBrokers(bootstrap('PLAINTEXT'), {})).toEqual(ports('PLAINTEXT').map((p) => `127.0.0.1:${p}`));
    expect(await kcatBrokers(bootstrap('SECURE'), sasl())).toEqual(ports('SECURE').map((p) => `127.0.0.1:${p}`));
    const produced = await run(KCAT, ['-b', bootstrap('PLAINTEXT'), '-P', '-t', 'on-plaintext', '-X', 'acks=all'], { input: 'one\ntwo\nthree\n', timeoutMs: 30_000 });
    expect(produced.code, produced.stderr).toBe(0);
    const consumed = await run(KCAT, ['-b', bootstrap('PLAINTEXT'), '-C', '-t', 'on-plaintext', '-o', 'beginning', '-e', '-q', '-f', '%s\n'], { timeoutMs: 30_000 });
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.split('\n').filter((l) => l !== '').sort()).toEqual(['one', 'three', 'two']);
    // Every connection is on the listener the client dialled.
    const listenersSeen = new Set(host.snapshot().connections.map((c) => `${c.security?.listenerName} ${c.security?.securityProtocol}`));
    expect([...listenersSeen].every((l) => l === 'PLAINTEXT PLAINTEXT' || l === 'SECURE SASL_SSL')).toBe(true);
  }, 90_000);

  itWith(missingConfluentKafka, 'confluent-kafka-python: SCRAM-SHA-512 on the SASL_SSL listener produces and consumes in a group', async () => {
    const out = await runPython(script, ['confluent', bootstrap('SECURE'), 'SASL_SSL', 'SCRAM-SHA-512', 'alice', 'alice-secret', host.security.caLocation!, 'on-secure'], 90_000);
    expect(JSON.parse(out)).toEqual({ produced: 20, consumed: 20 });
  }, 120_000);

  it('a stopped and restarted broker reopens both listeners on their ports', async () => {
    const before = { plain: ports('PLAINTEXT'), secure: ports('SECURE') };
    expect((await host.execute({ type: 'stop-broker', brokerId: 2 })).ok).toBe(true);
    await expect(RawClient.connect(before.secure[1]!)).rejects.toThrow();
    expect((await host.execute({ type: 'start-broker', brokerId: 2 })).ok).toBe(true);
    const raw = await RawClient.connect(before.secure[1]!);
    raw.socket.destroy();
    expect({ plain: ports('PLAINTEXT'), secure: ports('SECURE') }).toEqual(before);
  }, 30_000);
});

describe('per-listener SASL settings (listener.name.<l>.sasl.enabled.mechanisms)', () => {
  it('each listener answers SaslHandshake with its own mechanisms and grants its own session lifetime; a PLAINTEXT listener beside them serves without SASL', async () => {
    const host = await startHost({
      brokers: 1, seed: 1602, defaultPartitions: 1, defaultReplicationFactor: 1, users: [{ name: 'alice', password: 'alice-secret' }],
      brokerConfig: {
        listeners: 'PLAINTEXT://:0,SCRAM://:0,PLAIN://:0', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SCRAM:SASL_PLAINTEXT,PLAIN:SASL_PLAINTEXT',
        'sasl.enabled.mechanisms': 'PLAIN', 'listener.name.scram.sasl.enabled.mechanisms': 'SCRAM-SHA-512,PLAIN', 'listener.name.plain.connections.max.reauth.ms': '60000',
      },
    });
    try {
      const port = (name: string): number => host.snapshot().listenerSecurity!.listeners.find((l) => l.name === name)!.endpoints[0]!.port;
      const handshake = async (listener: string): Promise<{ errorCode: number; mechanisms: string[] }> => {
        const raw = await RawClient.connect(port(listener));
        try {
          raw.request(17, 1, 1, { mechanism: 'GSSAPI' });
          const [frame] = await raw.waitFrames(1);
          return decodeResponse(17, 1, frame!).body as { errorCode: number; mechanisms: string[] };
        } finally {
          raw.socket.destroy();
        }
      };
      // 33 = UNSUPPORTED_SASL_MECHANISM, with the listener's enabled list.
      expect(await handshake('SCRAM')).toEqual({ errorCode: 33, mechanisms: ['SCRAM-SHA-512', 'PLAIN'] });
      expect(await handshake('PLAIN')).toEqual({ errorCode: 33, mechanisms: ['PLAIN'] });
      // SaslAuthenticate v1 carries the session lifetime: listener.name.plain.connections.max.reauth.ms, 0 (never expires) elsewhere.
      const lifetime = async (listener: string): Promise<{ errorCode: number; sessionLifetimeMs: number }> => {
        const raw = await RawClient.connect(port(listener));
        try {
          raw.request(17, 1, 1, { mechanism: 'PLAIN' });
          raw.request(36, 1, 2, { authBytes: Buffer.from('\u0000alice\u0000alice-secret') });
          const [, frame] = await raw.waitFrames(2);
          return decodeResponse(36, 1, frame!).body as { errorCode: number; sessionLifetimeMs: number };
        } finally {
          raw.socket.destroy();
        }
      };
      expect(await lifetime('PLAIN')).toMatchObject({ errorCode: 0, sessionLifetimeMs: 60000 });
      expect(await lifetime('SCRAM')).toMatchObject({ errorCode: 0, sessionLifetimeMs: 0 });
      const plain = await RawClient.connect(port('PLAINTEXT'));
      try {
        plain.request(60, 0, 2, { includeClusterAuthorizedOperations: false });
        const [frame] = await plain.waitFrames(1);
        expect((decodeResponse(60, 0, frame!).body as { brokers: { port: number }[] }).brokers.map((b) => b.port)).toEqual([port('PLAINTEXT')]);
      } finally {
        plain.socket.destroy();
      }
    } finally {
      await host.close();
    }
  }, 30_000);
});

describe('fixed ports of other listeners', () => {
  it('a taken fixed port of the second listener fails the start with the port named', async () => {
    const occupied = await occupyEphemeralPort();
    const taken = (occupied.address() as { port: number }).port;
    try {
      const start = startHost({
        brokers: 1, seed: 1603, defaultPartitions: 1, defaultReplicationFactor: 1,
        brokerConfig: { listeners: `PLAINTEXT://:0,SECURE://:${taken}`, 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SECURE:SASL_PLAINTEXT' },
        log: () => {},
      });
      await expect(start).rejects.toThrow(`port ${taken} on 127.0.0.1 is not available`);
    } finally {
      await new Promise<void>((resolve) => occupied.close(() => resolve()));
    }
  });
});

describe('advertised.listeners with ports (a forwarded port, say)', () => {
  it('Metadata and DescribeCluster tell clients the advertised port counted up per broker, on each listener; the ready line keeps the bound ports', async () => {
    const host = await startHost({
      brokers: 2, seed: 1604, defaultPartitions: 1, defaultReplicationFactor: 1, log: () => {},
      brokerConfig: {
        listeners: 'PLAINTEXT://:0,SECURE://:0', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,SECURE:SASL_PLAINTEXT',
        'advertised.listeners': 'PLAINTEXT://127.0.0.1:19092,SECURE://lab.example:29092',
      },
    });
    try {
      const listeners = host.snapshot().listenerSecurity!.listeners;
      const bound = (name: string) => listeners.find((l) => l.name === name)!.endpoints.map((e) => e.boundPort!);
      expect(listeners.map((l) => l.endpoints.map((e) => `${e.host}:${e.port}`))).toEqual([['127.0.0.1:19092', '127.0.0.1:19093'], ['lab.example:29092', 'lab.example:29093']]);
      expect(bound('PLAINTEXT').every((p) => p > 0 && p !== 19092 && p !== 19093)).toBe(true);
      // On the PLAINTEXT listener (SECURE is SASL_PLAINTEXT: it refuses both before authentication).
      const raw = await RawClient.connect(bound('PLAINTEXT')[0]!);
      try {
        raw.request(60, 0, 7, { includeClusterAuthorizedOperations: false });
        raw.request(3, 1, 8, { topics: [] });
        const [describe, metadata] = await raw.waitFrames(2);
        const cluster = decodeResponse(60, 0, describe!).body as { brokers: { port: number }[] };
        expect(cluster.brokers.map((b) => b.port).sort()).toEqual([19092, 19093]);
        const meta = decodeResponse(3, 1, metadata!).body as { brokers: { host: string; port: number }[] };
        expect(meta.brokers.map((b) => `${b.host}:${b.port}`).sort()).toEqual(['127.0.0.1:19092', '127.0.0.1:19093']);
      } finally {
        raw.socket.destroy();
      }
      expect(host.clientSecuritySettings()).toContain(` listener.SECURE.bootstrap=lab.example:${bound('SECURE')[0]},lab.example:${bound('SECURE')[1]}`);
    } finally {
      await host.close();
    }
  }, 60_000);
});

describe('a listener with its own host (listeners=NAME://host:port)', () => {
  it('binds that address only and tells clients that host; a listener without a host binds --broker-host', async () => {
    const host = await startHost({
      brokers: 1, seed: 1605, defaultPartitions: 1, defaultReplicationFactor: 1, log: () => {},
      brokerConfig: { listeners: 'PLAINTEXT://:0,OTHER://127.0.0.2:0', 'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,OTHER:PLAINTEXT' },
    });
    try {
      const other = host.snapshot().listenerSecurity!.listeners.find((l) => l.name === 'OTHER')!.endpoints[0]!;
      expect(other.host).toBe('127.0.0.2');
      const reach = (address: string) => new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: other.port }, () => { socket.destroy(); resolve(true); });
        socket.once('error', () => resolve(false));
      });
      expect(await reach('127.0.0.2')).toBe(true);
      expect(await reach('127.0.0.1')).toBe(false);
      const raw = await RawClient.connect(other.port, '127.0.0.2');
      try {
        raw.request(3, 1, 9, { topics: [] });
        const [metadata] = await raw.waitFrames(1);
        const meta = decodeResponse(3, 1, metadata!).body as { brokers: { host: string; port: number }[] };
        expect(meta.brokers.map((b) => `${b.host}:${b.port}`)).toEqual([`127.0.0.2:${other.port}`]);
      } finally {
        raw.socket.destroy();
      }
    } finally {
      await host.close();
    }
  }, 60_000);
});
