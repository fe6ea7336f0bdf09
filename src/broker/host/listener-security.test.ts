/**
 * Issue 16: the listener configs as Kafka's KafkaConfig checks them (wording from
 * SocketServerConfigs / KafkaConfig and the messages KafkaConfigTest asserts), per-listener
 * overrides under listener.name.<name>., and the ready line's per-listener fields.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveListeners } from './listener-security';
import { checkListenerPortRanges } from './listener-validation';
import { readyListenerFields } from './listener-endpoints';

const TLS_DIR = join(tmpdir(), 'kafka-lab-test-tls-listener-security');
const resolve = (configs: Record<string, string>) => resolveListeners(configs, { tlsDir: TLS_DIR, advertisedHost: '127.0.0.1' });
const MAP = 'PLAINTEXT:PLAINTEXT,SECURE:SASL_PLAINTEXT,TLS:SSL';

describe('resolveListeners', () => {
  it('resolves every listener in order, with listener.name.<l>. overrides before the broker-wide value', () => {
    const { listeners, interBrokerListenerName } = resolve({
      listeners: 'PLAINTEXT://:0,SECURE://:9200,TLS://:0', 'listener.security.protocol.map': MAP,
      'sasl.enabled.mechanisms': 'PLAIN', 'listener.name.secure.sasl.enabled.mechanisms': 'SCRAM-SHA-512,SCRAM-SHA-256',
      'listener.name.tls.ssl.client.auth': 'required', 'advertised.listeners': 'SECURE://lab.example:9200',
    });
    expect(listeners.map((l) => [l.listener.name, l.listener.securityProtocol, l.configuredPort, l.listener.saslMechanisms, l.listener.sslClientAuth, l.advertisedHost])).toEqual([
      ['PLAINTEXT', 'PLAINTEXT', 0, [], 'none', null],
      ['SECURE', 'SASL_PLAINTEXT', 9200, ['SCRAM-SHA-512', 'SCRAM-SHA-256'], 'none', 'lab.example'],
      ['TLS', 'SSL', 0, [], 'required', null],
    ]);
    expect(listeners[2]!.listener.tls?.cert).toContain('BEGIN CERTIFICATE');
    expect(listeners[2]!.caLocation).toBe(join(TLS_DIR, 'ca.pem'));
    expect(interBrokerListenerName).toBeNull();
  });

  it('refuses what Kafka refuses, in Kafka\'s words', () => {
    const cases: [Record<string, string>, string][] = [
      [{ listeners: 'PLAINTEXT://:0,PLAINTEXT://:0' }, 'Each listener must have a different name, listeners: PLAINTEXT://:0,PLAINTEXT://:0'],
      [{ listeners: 'PLAINTEXT://:9092,SECURE://:9092', 'listener.security.protocol.map': MAP }, 'Each listener must have a different port, listeners: PLAINTEXT://:9092,SECURE://:9092'],
      [{ listeners: 'PLAINTEXT://:0,CLIENT://:0' }, 'No security protocol defined for listener CLIENT'],
      [{ listeners: 'CLIENT://:0', 'listener.security.protocol.map': 'CLIENT:KERBEROS' }, 'No enum constant org.apache.kafka.common.security.auth.SecurityProtocol.KERBEROS'],
      [{ listeners: 'PLAINTEXT://:0', 'advertised.listeners': 'OTHER://h:1' }, 'advertised.listeners listener names must be equal to or a subset of the ones defined in listeners. Found OTHER. The valid options based on the current configuration are PLAINTEXT'],
      [{ listeners: 'PLAINTEXT://:0,SECURE://:0', 'listener.security.protocol.map': MAP, 'inter.broker.listener.name': 'INTERNAL' }, 'inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are PLAINTEXT,SECURE'],
      [{ listeners: 'SECURE://:0', 'listener.security.protocol.map': MAP, 'security.inter.broker.protocol': 'PLAINTEXT' }, 'inter.broker.listener.name must be a listener name defined in advertised.listeners. The valid options based on currently configured listeners are SECURE'],
      [{ listeners: 'PLAINTEXT://:0', 'inter.broker.listener.name': 'PLAINTEXT', 'security.inter.broker.protocol': 'PLAINTEXT' }, 'Only one of inter.broker.listener.name and security.inter.broker.protocol should be set.'],
      [{ listeners: 'PLAINTEXT://:0', 'control.plane.listener.name': 'PLAINTEXT' }, 'control.plane.listener.name is not supported in KRaft mode.'],
      [{ listeners: 'PLAINTEXT://:0,SECURE://:0', 'listener.security.protocol.map': MAP, 'listener.name.secure.sasl.enabled.mechanisms': 'GSSAPI' }, 'listener SECURE: SASL mechanism GSSAPI is not served'],
      [{ listeners: 'PLAINTEXT:/:0' }, 'listener "PLAINTEXT:/:0" is not NAME://host:port'],
    ];
    for (const [configs, message] of cases) expect(() => resolve(configs), JSON.stringify(configs)).toThrow(message);
  });

  it('takes inter.broker.listener.name or the listener named after security.inter.broker.protocol', () => {
    expect(resolve({ listeners: 'PLAINTEXT://:0,SECURE://:0', 'listener.security.protocol.map': MAP, 'inter.broker.listener.name': 'secure' }).interBrokerListenerName).toBe('SECURE');
    expect(resolve({ listeners: 'PLAINTEXT://:0,SASL_PLAINTEXT://:0', 'security.inter.broker.protocol': 'SASL_PLAINTEXT' }).interBrokerListenerName).toBe('SASL_PLAINTEXT');
  });
});

describe('checkListenerPortRanges', () => {
  it('refuses fixed ports whose per-broker ranges overlap, allows ephemeral ones', () => {
    expect(() => checkListenerPortRanges([{ name: 'A', port: 9092 }, { name: 'B', port: 9094 }], 3)).toThrow('listener A takes ports 9092-9094 and B takes 9094-9096, which overlap');
    expect(() => checkListenerPortRanges([{ name: 'A', port: 9092 }, { name: 'B', port: 9095 }, { name: 'C', port: 0 }, { name: 'D', port: 0 }], 3)).not.toThrow();
  });
});

describe('readyListenerFields', () => {
  it('is empty for one listener and names each listener\'s bootstrap, protocol and CA for several', () => {
    const view = (name: string, securityProtocol: 'PLAINTEXT' | 'SASL_SSL', ports: number[]) => ({ name, securityProtocol, saslMechanisms: [], sslClientAuth: null, endpoints: ports.map((port, i) => ({ brokerId: i + 1, host: '127.0.0.1', port })) });
    expect(readyListenerFields([view('PLAINTEXT', 'PLAINTEXT', [9092])], new Map())).toBe('');
    expect(readyListenerFields([view('PLAINTEXT', 'PLAINTEXT', [9092, 9093]), view('SECURE', 'SASL_SSL', [9192, 9193])], new Map([['SECURE', '/lab/tls/ca.pem']])))
      .toBe(' listener.PLAINTEXT.bootstrap=127.0.0.1:9092,127.0.0.1:9093 listener.PLAINTEXT.security.protocol=PLAINTEXT listener.SECURE.bootstrap=127.0.0.1:9192,127.0.0.1:9193 listener.SECURE.security.protocol=SASL_SSL listener.SECURE.ssl.ca.location=/lab/tls/ca.pem');
  });
});
