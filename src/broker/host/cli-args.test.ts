import { describe, expect, it } from 'vitest';
import { parseBrokerArgs } from './cli-args';

describe('kafka-lab broker arguments', () => {
  it('has the documented defaults', () => {
    const env = { KAFKA_LAB_DATA_DIR: '/data/labs' };
    expect(parseBrokerArgs([], env)).toEqual({ brokers: 3, basePort: 9092, portFallback: true, seed: undefined, brokerConfig: {}, defaultPartitions: 3, defaultReplicationFactor: 3, speed: 1, storage: { labName: 'default', labDir: '/data/labs/default' } });
    // [cluster model owner, follow-up 7]
    expect(parseBrokerArgs(['--keep-input-log'])).toMatchObject({ keepFullInputLog: true });
    expect(parseBrokerArgs(['--brokers', '1'])).toMatchObject({ brokers: 1, defaultReplicationFactor: 1 });
    expect(parseBrokerArgs(['--help'])).toBe('help');
  });

  // Issue 15: where the lab's data lives.
  it('keeps data in a lab under the data root: --data-dir, --lab, $KAFKA_LAB_DATA_DIR, --in-memory', () => {
    expect(parseBrokerArgs(['--data-dir', '/tmp/x', '--lab', 'course-1'], {})).toMatchObject({ storage: { labName: 'course-1', labDir: '/tmp/x/course-1' } });
    expect(parseBrokerArgs(['--lab', 'day2'], { KAFKA_LAB_DATA_DIR: '/srv/kl' })).toMatchObject({ storage: { labDir: '/srv/kl/day2' } });
    expect(parseBrokerArgs([], { XDG_DATA_HOME: '/home/u/.data' })).toMatchObject({ storage: { labDir: '/home/u/.data/kafka-lab/default' } });
    expect(parseBrokerArgs(['--in-memory'], {})).not.toHaveProperty('storage');
    expect(() => parseBrokerArgs(['--in-memory', '--lab', 'x'], {})).toThrow(/--in-memory keeps nothing/);
    expect(() => parseBrokerArgs(['--lab', '../escape'], {})).toThrow(/lab name/);
  });

  it('reads every option, --config repeatable', () => {
    expect(parseBrokerArgs(['--brokers', '5', '--port', '0', '--partitions', '6', '--replication-factor', '2', '--seed', '42', '--speed', '2.5',
      '--config', 'min.insync.replicas=2', '--config', 'auto.create.topics.enable=false', '--config', 'socket.request.max.bytes=1048576', '--in-memory'])).toEqual({
      brokers: 5, basePort: 0, portFallback: false, seed: 42, defaultPartitions: 6, defaultReplicationFactor: 2, speed: 2.5,
      brokerConfig: { 'min.insync.replicas': '2', 'auto.create.topics.enable': 'false', 'socket.request.max.bytes': '1048576' },
    });
  });

  it('--racks spreads rack names round-robin over the brokers; replica.selector.class is checked (KIP-392)', () => {
    expect(parseBrokerArgs(['--brokers', '5', '--racks', 'rack-a,rack-b', '--in-memory'])).toMatchObject({ racks: ['rack-a', 'rack-b', 'rack-a', 'rack-b', 'rack-a'] });
    expect(() => parseBrokerArgs(['--racks', 'a,,b', '--in-memory'])).toThrow(/--racks expects comma-separated rack names/);
    expect(parseBrokerArgs(['--config', 'replica.selector.class=org.apache.kafka.common.replica.RackAwareReplicaSelector', '--in-memory'])).toMatchObject({ brokerConfig: { 'replica.selector.class': 'org.apache.kafka.common.replica.RackAwareReplicaSelector' } });
    expect(() => parseBrokerArgs(['--config', 'replica.selector.class=com.example.Mine', '--in-memory'])).toThrow(/replica\.selector\.class/);
  });

  it('numbers the brokers from --first-broker-id (0 as docker setups do; at most 1000)', () => {
    expect(parseBrokerArgs(['--first-broker-id', '0', '--in-memory'])).toMatchObject({ brokers: 3, firstBrokerId: 0 });
    expect(parseBrokerArgs(['--in-memory'])).not.toHaveProperty('firstBrokerId');
    expect(() => parseBrokerArgs(['--first-broker-id', '-1', '--in-memory'])).toThrow(/first-broker-id/);
    expect(() => parseBrokerArgs(['--first-broker-id', '1001', '--in-memory'])).toThrow(/at most 1000/);
  });

  it('takes the connection limits as broker configs', () => {
    expect(parseBrokerArgs(['--config', 'max.connections=5000', '--config', 'max.connections.per.ip=50', '--config', 'max.connections.per.ip.overrides=127.0.0.1:200',
      '--config', 'connections.max.idle.ms=60000'])).toMatchObject({
      brokerConfig: { 'max.connections': '5000', 'max.connections.per.ip': '50', 'max.connections.per.ip.overrides': '127.0.0.1:200', 'connections.max.idle.ms': '60000' },
    });
  });

  it('reads the listen and advertised hosts (workshop mode)', () => {
    expect(parseBrokerArgs(['--broker-host', '127.0.0.1', '--advertised-host', 'localhost'])).toMatchObject({ listenHost: '127.0.0.1', advertisedHost: 'localhost' });
    expect(parseBrokerArgs(['--broker-host', '0.0.0.0', '--advertised-host', 'trainer-laptop.local', '--allow-unauthenticated-brokers'])).toMatchObject({ listenHost: '0.0.0.0', advertisedHost: 'trainer-laptop.local' });
    expect(parseBrokerArgs(['--broker-host', '0.0.0.0', '--advertised-host', 'trainer-laptop.local', '--security-protocol', 'SASL_SSL', '--user', 'alice:a-secret'])).toMatchObject({ listenHost: '0.0.0.0' });
  });

  it('turns the security flags into Kafka listener configs and salted users (issue 16)', () => {
    const options = parseBrokerArgs(['--security-protocol', 'sasl_ssl', '--sasl-mechanism', 'SCRAM-SHA-512', '--user', 'alice:alice:secret', '--user', 'bob:b', '--ssl-dir', '/tmp/lab-tls']);
    expect(options).toMatchObject({ brokerConfig: { listeners: 'SASL_SSL://:0', 'sasl.enabled.mechanisms': 'SCRAM-SHA-512' }, users: [{ name: 'alice', password: 'alice:secret' }, { name: 'bob', password: 'b' }], tlsDir: '/tmp/lab-tls' });
    expect(parseBrokerArgs(['--config', 'listeners=CLIENT://:0', '--config', 'listener.security.protocol.map=CLIENT:SASL_PLAINTEXT', '--config', 'listener.name.client.sasl.enabled.mechanisms=PLAIN'])).toMatchObject({ brokerConfig: { 'listener.name.client.sasl.enabled.mechanisms': 'PLAIN' } });
  });

  it.each([
    [['--config', 'min.insync.replicas=zero'], /min.insync.replicas/],
    [['--config', 'no.such.config=1'], /unknown broker config "no.such.config"/],
    [['--config', 'broker.id=7'], /set by kafka-lab itself/],
    [['--config', 'max.connections.per.ip=-1'], /max.connections.per.ip: Value must be at least 0/],
    [['--config', 'max.connections=lots'], /max.connections: Not a number/],
    [['--config', 'novalue'], /key=value/],
    [['--brokers', 'many'], /--brokers must be a whole number/],
    [['--brokers', '0'], /--brokers must be at least 1/],
    [['--port', '65535', '--brokers', '3'], /no room for 3 brokers/],
    [['--speed', '0'], /--speed must be a positive number/],
    [['--bogus'], /bogus/],
    [['--broker-host', '0.0.0.0'], /add --advertised-host/],
    [['--broker-host', '0.0.0.0', '--advertised-host', 'lab.local'], /would put a PLAINTEXT listener on the room's network.*--allow-unauthenticated-brokers/],
    [['--broker-host', '0.0.0.0', '--advertised-host', 'lab.local', '--security-protocol', 'SSL'], /would put a SSL listener/],
    // Issue 16: every listener binds --broker-host, so a PLAINTEXT one beside a SASL_SSL one is refused too.
    [['--broker-host', '0.0.0.0', '--advertised-host', 'lab.local', '--config', 'listeners=SECURE://:0,OPEN://:0', '--config', 'listener.security.protocol.map=SECURE:SASL_SSL,OPEN:PLAINTEXT'], /would put a PLAINTEXT listener on the room's network/],
    // A listener's own host: a PLAINTEXT listener bound to every interface needs SASL even with --broker-host 127.0.0.1.
    [['--config', 'listeners=LOCAL://:0,ROOM://0.0.0.0:0', '--config', 'listener.security.protocol.map=LOCAL:PLAINTEXT,ROOM:PLAINTEXT', '--advertised-host', 'lab.local'], /listeners \(0\.0\.0\.0\) would put a PLAINTEXT listener on the room's network/],
    [['--security-protocol', 'TLS'], /--security-protocol must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL/],
    [['--sasl-mechanism', 'GSSAPI', '--security-protocol', 'SASL_SSL'], /--sasl-mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512/],
    [['--sasl-mechanism', 'PLAIN'], /needs a SASL listener/],
    [['--security-protocol', 'SASL_SSL', '--user', 'alice'], /--user expects name:password/],
    [['--security-protocol', 'SSL', '--config', 'listeners=SSL://:0'], /not both/],
    [['--config', 'ssl.client.auth=always'], /ssl.client.auth/],
    [['--config', 'listener.name.client.sasl.enabled.mechanisms=GSSAPI'], /sasl.enabled.mechanisms/],
    [['--advertised-host', '0.0.0.0'], /not the wildcard/],
    [['--advertised-host', 'http://x'], /host name or IP address/],
    [['extra'], /unexpected argument "extra"/],
  ])('rejects %j', (args, message) => {
    expect(() => parseBrokerArgs(args)).toThrow(message);
  });
});
