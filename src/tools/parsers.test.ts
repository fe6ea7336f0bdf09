/**
 * The tools' pure parts: Kafka's client properties and JAAS line, the console producer's line
 * reader (LineMessageReader), the console consumer's formatter (DefaultMessageFormatter), option
 * parsing (joptsimple's messages), the reset-offsets date-time and duration, topic filters.
 */
import { describe, expect, it } from 'vitest';
import { kafkajsConnection, parseJaasConfig, parseProperties } from './client-config';
import { parseDateTime, parseDuration } from './group-offsets';
import { lineReaderProps, readLine } from './line-reader';
import { formatRecord, formatterProps } from './message-formatter';
import { parseOptions } from './options';
import { topicMatcher } from './topic-filter';

describe('client properties', () => {
  it('reads a Java .properties file: comments, `:` and `=`, continuations (leading blanks of the next line dropped), escapes', () => {
    expect(parseProperties('# comment\n! also\nsecurity.protocol=SASL_SSL\nclient.id : tools\nsasl.jaas.config=a \\\n   b\\\n c;\nkey\\=x=y\n')).toEqual({
      'security.protocol': 'SASL_SSL', 'client.id': 'tools', 'sasl.jaas.config': 'a bc;', 'key=x': 'y',
    });
  });

  it('takes username and password from a JAAS login module line', () => {
    expect(parseJaasConfig('org.apache.kafka.common.security.scram.ScramLoginModule required username="alice" password="p\\"w;d";')).toEqual({
      loginModule: 'org.apache.kafka.common.security.scram.ScramLoginModule', username: 'alice', password: 'p"w;d',
    });
    expect(() => parseJaasConfig('username="alice"')).toThrow('sasl.jaas.config must be');
    expect(() => parseJaasConfig('org.apache.kafka.common.security.plain.PlainLoginModule required username="alice";')).toThrow('must set username and password');
  });

  it('maps security.protocol, sasl.mechanism and PEM settings to a kafkajs connection', () => {
    const jaas = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="bob" password="secret";';
    expect(kafkajsConnection('h1:9092, h2:9093', { 'security.protocol': 'SASL_PLAINTEXT', 'sasl.mechanism': 'PLAIN', 'sasl.jaas.config': jaas }, 'tool')).toEqual({
      brokers: ['h1:9092', 'h2:9093'], clientId: 'tool', sasl: { mechanism: 'plain', username: 'bob', password: 'secret' },
    });
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const ssl = kafkajsConnection('h:1', { 'security.protocol': 'SSL', 'ssl.truststore.type': 'PEM', 'ssl.truststore.certificates': pem, 'ssl.endpoint.identification.algorithm': '', 'client.id': 'mine' }, 'tool');
    expect(ssl.clientId).toBe('mine');
    expect(ssl.ssl).toMatchObject({ ca: pem });
    expect((ssl.ssl as { checkServerIdentity: () => unknown }).checkServerIdentity()).toBeUndefined();
    expect(kafkajsConnection('h:1', { 'security.protocol': 'SSL' }, 't').ssl).toBe(true);
    expect(() => kafkajsConnection('h:1', { 'security.protocol': 'TLS' }, 't')).toThrow('Invalid value TLS for configuration security.protocol: String must be one of: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL');
    expect(() => kafkajsConnection('h:1', { 'security.protocol': 'SASL_SSL', 'sasl.mechanism': 'OAUTHBEARER' }, 't')).toThrow('sasl.mechanism OAUTHBEARER is not supported here');
  });
});

describe("the console producer's LineMessageReader", () => {
  it('splits key and value at key.separator, headers at headers.delimiter, and knows null.marker', () => {
    const keyed = lineReaderProps({ 'parse.key': 'true', 'key.separator': ':' });
    expect(readLine('alice:signed up: twice', 1, keyed)).toEqual({ key: 'alice', value: 'signed up: twice', headers: {} });
    expect(() => readLine('no separator', 7, keyed)).toThrow("No key separator found on line number 7: 'no separator'");
    expect(readLine('no separator', 7, lineReaderProps({ 'parse.key': 'true', 'ignore.error': 'true' }))).toEqual({ key: null, value: 'no separator', headers: {} });
    expect(readLine('plain\tvalue', 1, lineReaderProps({}))).toEqual({ key: null, value: 'plain\tvalue', headers: {} });
    const all = lineReaderProps({ 'parse.key': 'true', 'parse.headers': 'true', 'null.marker': 'NULL' });
    expect(readLine('h1:v1,h2:NULL\tNULL\tvalue', 1, all)).toEqual({ key: null, value: 'value', headers: { h1: 'v1', h2: null } });
  });
});

describe("the console consumer's DefaultMessageFormatter", () => {
  const record = { partition: 2, offset: '41', timestamp: '1700000000000', timestampType: 0, key: Buffer.from('k'), value: Buffer.from('v'), headers: [['h', Buffer.from('x')], ['n', null]] as [string, Buffer | null][] };
  it('prints only the value by default, then every field in Kafka\'s order when asked', () => {
    expect(formatRecord(record, formatterProps({}))).toBe('v\n');
    expect(formatRecord(record, formatterProps({ 'print.timestamp': 'true', 'print.partition': 'true', 'print.offset': 'true', 'print.headers': 'true', 'print.key': 'true' })))
      .toBe('CreateTime:1700000000000\tPartition:2\tOffset:41\th:x,n:null\tk\tv\n');
    expect(formatRecord({ ...record, key: null, headers: [], timestampType: 1 }, formatterProps({ 'print.key': 'true', 'print.headers': 'true', 'print.timestamp': 'true', 'key.separator': ' | ' })))
      .toBe('LogAppendTime:1700000000000 | NO_HEADERS | null | v\n');
  });
});

describe('options', () => {
  it('reads --name value and --name=value, and words errors as joptsimple does', () => {
    const specs = [{ name: 'topic', arg: 'String', description: '' }, { name: 'list', description: '' }];
    const parsed = parseOptions(['--topic=a', '--list', '--topic', 'b'], specs);
    expect([parsed.value('topic'), parsed.values('topic'), parsed.has('list')]).toEqual(['b', ['a', 'b'], true]);
    expect(() => parseOptions(['--zookeeper', 'x'], specs)).toThrow('zookeeper is not a recognized option');
    expect(() => parseOptions(['--topic'], specs)).toThrow('Option topic requires an argument');
  });
});

describe('reset-offsets arguments and topic filters', () => {
  it('parses Kafka\'s date-time and ISO durations', () => {
    expect(parseDateTime('2024-01-02T03:04:05.678Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 678));
    expect(parseDateTime('2024-01-02T03:04:05+01:00')).toBe(Date.UTC(2024, 0, 2, 2, 4, 5));
    expect(() => parseDateTime('yesterday')).toThrow("Error parsing timestamp 'yesterday'");
    expect(parseDuration('P1DT2H3M4S')).toBe(((24 + 2) * 60 + 3) * 60_000 + 4000);
    expect(parseDuration('PT0.5S')).toBe(500);
    expect(() => parseDuration('PT')).toThrow('expected PnDTnHnMnS');
  });

  it('matches --topic as a whole-name regular expression with , as |', () => {
    const m = topicMatcher('orders.*,payments');
    expect(['orders', 'orders-eu', 'payments', 'payments-eu', 'xorders'].filter(m)).toEqual(['orders', 'orders-eu', 'payments']);
  });
});
