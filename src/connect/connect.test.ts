/**
 * The Connect worker against the embedded cluster over real sockets, driven only through its REST
 * API (real HTTP): a FileStreamSource streams a file into a topic and a FileStreamSink writes it to
 * another file, identical; a new worker resumes from connect-offsets with no duplicate and no loss;
 * a source whose file disappears goes FAILED with its trace; bad requests get Kafka's statuses.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Admin } from 'kafkajs';
import type { ClusterHost } from '../broker/host/cluster-host';
import { createTopic, startHost } from '../broker/wire/conformance/harness';
import { ConnectWorker } from './worker';

const SOURCE = 'org.apache.kafka.connect.file.FileStreamSourceConnector';
const SINK = 'org.apache.kafka.connect.file.FileStreamSinkConnector';

type Reply = { status: number; body: unknown };

async function http(worker: ConnectWorker, method: string, path: string, body?: unknown, raw?: string): Promise<Reply> {
  const res = await fetch(`${worker.url}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(raw !== undefined ? { body: raw } : body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
}

/** Polls until `check` resolves truthy (a state, not a duration: the limit only ends a hung run). */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, limitMs = 90_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const lines = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => `line ${from + i} — ünïcödé ${'x'.repeat((from + i) % 7)}\n`).join('');

describe('Kafka Connect worker', () => {
  let host: ClusterHost;
  let worker: ConnectWorker;
  let admin: Admin;
  let dir: string;

  beforeAll(async () => {
    host = await startHost({ seed: 19 });
    dir = mkdtempSync(join(tmpdir(), 'kafka-lab-connect-'));
    admin = new Kafka({ clientId: 'connect-test', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    await createTopic(host, 'connect-lines', 1, 3);
    worker = await ConnectWorker.start({ bootstrapServers: host.bootstrap.split(','), restPort: 0 });
  }, 180_000);
  afterAll(async () => {
    await worker?.close();
    await admin?.disconnect();
    await host?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  /** Every record of a topic, read with a consumer of a fresh group up to the high watermarks. */
  const readAll = async (topic: string): Promise<{ key: string; value: string | null }[]> => {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]));
    const seen = new Map<number, number>();
    const records: { key: string; value: string | null }[] = [];
    const consumer = new Kafka({ clientId: 'connect-test-reader', brokers: host.bootstrap.split(','), logLevel: logLevel.NOTHING }).consumer({ groupId: `connect-test-reader-${topic}-${Date.now()}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => {
      records.push({ key: message.key?.toString() ?? '', value: message.value === null ? null : message.value.toString() });
      seen.set(partition, Number(message.offset) + 1);
    } });
    await until(`${topic} read to its end`, async () => [...ends].every(([p, end]) => end === 0 || (seen.get(p) ?? 0) >= end));
    await consumer.disconnect();
    return records;
  };

  const highWatermark = async (topic: string): Promise<number> => (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0);

  it('creates its internal topics compacted and answers GET / and /connector-plugins', async () => {
    const root = await http(worker, 'GET', '/');
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ version: expect.any(String), kafka_cluster_id: expect.any(String) });
    const plugins = await http(worker, 'GET', '/connector-plugins');
    expect(plugins.body).toEqual(expect.arrayContaining([expect.objectContaining({ class: SOURCE, type: 'source' }), expect.objectContaining({ class: SINK, type: 'sink' })]));
    const described = await admin.describeConfigs({ includeSynonyms: false, resources: ['connect-configs', 'connect-offsets', 'connect-status'].map((name) => ({ type: 2, name, configNames: ['cleanup.policy'] })) });
    for (const r of described.resources) expect(r.configEntries[0]).toMatchObject({ configName: 'cleanup.policy', configValue: 'compact' });
    const metadata = await admin.fetchTopicMetadata({ topics: ['connect-configs', 'connect-offsets', 'connect-status'] });
    expect(metadata.topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual([['connect-configs', 1], ['connect-offsets', 25], ['connect-status', 5]]);
  }, 300_000);

  it('streams a file through a topic into another file, identical, and resumes after a worker restart from connect-offsets', async () => {
    const input = join(dir, 'input.txt');
    const output = join(dir, 'output.txt');
    writeFileSync(input, lines(0, 50));
    const created = await http(worker, 'POST', '/connectors', { name: 'file-source', config: { 'connector.class': SOURCE, 'tasks.max': 1, file: input, topic: 'connect-lines' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'file-source', type: 'source', config: { file: input, topic: 'connect-lines', 'tasks.max': '1', name: 'file-source' } });
    expect((await http(worker, 'POST', '/connectors', { name: 'file-sink', config: { 'connector.class': 'FileStreamSink', topics: 'connect-lines', file: output } })).status).toBe(201);
    await until('the sink file to equal the source file', async () => existsSync(output) && readFileSync(output, 'utf8') === readFileSync(input, 'utf8'));
    expect(await highWatermark('connect-lines')).toBe(50);
    const status = await http(worker, 'GET', '/connectors/file-source/status');
    expect(status.body).toMatchObject({ name: 'file-source', type: 'source', connector: { state: 'RUNNING' }, tasks: [{ id: 0, state: 'RUNNING' }] });
    const tasks = await http(worker, 'GET', '/connectors/file-source/tasks');
    expect(tasks.body).toEqual([{ id: { connector: 'file-source', task: 0 }, config: expect.objectContaining({ file: input, topic: 'connect-lines', 'batch.size': '2000' }) }]);

    // The worker stops (its tasks commit); lines arrive meanwhile; a new worker reads connect-configs
    // and connect-offsets and carries on from byte offset where the first one stopped.
    await worker.close();
    appendFileSync(input, lines(50, 80));
    worker = await ConnectWorker.start({ bootstrapServers: host.bootstrap.split(','), restPort: 0 });
    expect((await http(worker, 'GET', '/connectors')).body).toEqual(['file-sink', 'file-source']);
    await until('the sink file to catch up after the restart', async () => readFileSync(output, 'utf8').length >= readFileSync(input, 'utf8').length && readFileSync(output, 'utf8'));
    expect(readFileSync(output, 'utf8')).toBe(readFileSync(input, 'utf8'));
    expect(await highWatermark('connect-lines')).toBe(80);

    // What the worker stored, in Kafka Connect's own key formats.
    const offsets = (await readAll('connect-offsets')).filter((r) => r.key === JSON.stringify(['file-source', { filename: input }]));
    expect(offsets.at(-1)!.value).toBe(JSON.stringify({ position: Buffer.byteLength(readFileSync(input)) }));
    const configs = new Map((await readAll('connect-configs')).map((r) => [r.key, r.value]));
    expect(JSON.parse(configs.get('connector-file-source')!)).toEqual({ properties: expect.objectContaining({ 'connector.class': SOURCE, file: input }) });
    expect(JSON.parse(configs.get('task-file-source-0')!)).toEqual({ properties: expect.objectContaining({ 'task.class': 'org.apache.kafka.connect.file.FileStreamSourceTask' }) });
    expect(JSON.parse(configs.get('commit-file-source')!)).toEqual({ tasks: 1 });
    const statuses = new Map((await readAll('connect-status')).map((r) => [r.key, r.value]));
    // The second worker's statuses carry the next generation.
    expect(JSON.parse(statuses.get('status-task-file-sink-0')!)).toEqual({ state: 'RUNNING', trace: null, worker_id: worker.url.replace('http://', ''), generation: 2 });
  }, 300_000);

  it('fails a source whose file disappears, with its trace in /status', async () => {
    const file = join(dir, 'vanishing.txt');
    writeFileSync(file, lines(0, 5));
    expect((await http(worker, 'POST', '/connectors', { name: 'vanishing', config: { 'connector.class': 'FileStreamSource', file, topic: 'connect-vanishing' } })).status).toBe(201);
    await until('the first lines in connect-vanishing', async () => (await admin.listTopics()).includes('connect-vanishing') && (await highWatermark('connect-vanishing')) === 5);
    unlinkSync(file);
    const failed = await until('the task to fail', async () => {
      const s = (await http(worker, 'GET', '/connectors/vanishing/status')).body as { tasks: { state: string; trace?: string }[] };
      return s.tasks[0]?.state === 'FAILED' ? s : undefined;
    });
    expect(failed.tasks[0]!.trace).toContain(`Source file ${file} no longer exists`);
    expect(failed).toMatchObject({ connector: { state: 'RUNNING' }, type: 'source' });
  }, 300_000);

  it('fails a sink task on a record its converter cannot read (errors.tolerance=none)', async () => {
    const config = { 'connector.class': SINK, topics: 'connect-lines', file: join(dir, 'json-sink.txt'), 'value.converter': 'org.apache.kafka.connect.json.JsonConverter' };
    expect((await http(worker, 'PUT', '/connectors/json-sink/config', config)).status).toBe(201);
    const failed = await until('the sink task to fail', async () => {
      const s = (await http(worker, 'GET', '/connectors/json-sink/status')).body as { tasks: { state: string; trace?: string }[] };
      return s.tasks[0]?.state === 'FAILED' ? s : undefined;
    });
    expect(failed.tasks[0]!.trace).toContain('DataException: Converting byte[] to Kafka Connect data failed');
    expect(existsSync(join(dir, 'json-sink.txt'))).toBe(false);
    // Updating the config of an existing connector answers 200.
    expect((await http(worker, 'PUT', '/connectors/json-sink/config', { ...config, 'value.converter': 'org.apache.kafka.connect.storage.StringConverter' })).status).toBe(200);
    expect((await http(worker, 'DELETE', '/connectors/json-sink')).status).toBe(204);
  }, 300_000);

  it('pauses, resumes and deletes, and answers bad requests with Kafka Connect status codes', async () => {
    expect((await http(worker, 'PUT', '/connectors/file-sink/pause')).status).toBe(202);
    expect((await http(worker, 'GET', '/connectors/file-sink/status')).body).toMatchObject({ connector: { state: 'PAUSED' }, tasks: [{ state: 'PAUSED' }] });
    expect((await http(worker, 'PUT', '/connectors/file-sink/resume')).status).toBe(202);
    expect((await http(worker, 'GET', '/connectors/file-sink/status')).body).toMatchObject({ connector: { state: 'RUNNING' }, tasks: [{ state: 'RUNNING' }] });

    expect(await http(worker, 'GET', '/connectors/nope/status')).toEqual({ status: 404, body: { error_code: 404, message: 'Connector nope not found' } });
    expect((await http(worker, 'DELETE', '/connectors/nope')).status).toBe(404);
    const conflict = await http(worker, 'POST', '/connectors', { name: 'file-sink', config: { 'connector.class': SINK, topics: 'connect-lines', file: join(dir, 'other.txt') } });
    expect(conflict).toEqual({ status: 409, body: { error_code: 409, message: 'Connector file-sink already exists' } });
    const badJson = await http(worker, 'POST', '/connectors', undefined, '{"name": "x", config: }');
    expect(badJson.status).toBe(500);
    expect(badJson.body).toMatchObject({ error_code: 500, message: expect.stringContaining('JSON') });
    const invalid = await http(worker, 'POST', '/connectors', { name: 'no-topic', config: { 'connector.class': SOURCE, file: join(dir, 'x.txt'), 'batch.size': 'many' } });
    expect(invalid.status).toBe(400);
    expect((invalid.body as { message: string }).message).toContain('Missing required configuration "topic" which has no default value.');
    expect((invalid.body as { message: string }).message).toContain('Invalid value many for configuration batch.size: Not a number of type INT');
    expect((await http(worker, 'POST', '/connectors', { name: 'unknown', config: { 'connector.class': 'com.example.Nope' } })).status).toBe(400);
    expect((await http(worker, 'GET', '/connectors')).body).not.toContain('no-topic');
    const validated = await http(worker, 'PUT', `/connector-plugins/${SINK}/config/validate`, { file: join(dir, 'y.txt') });
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ name: SINK, error_count: 3 }); // name, topics, topics.regex
    expect((validated.body as { configs: { value: { name: string; errors: string[] } }[] }).configs.find((c) => c.value.name === 'topics')!.value.errors).toEqual(['Must configure one of topics or topics.regex']);
    expect((await http(worker, 'GET', '/no-such-path')).status).toBe(404);
    expect((await http(worker, 'POST', '/connectors/file-sink/status')).status).toBe(405);

    expect((await http(worker, 'DELETE', '/connectors/vanishing')).status).toBe(204);
    expect((await http(worker, 'GET', '/connectors/vanishing')).status).toBe(404);
    // The worker still serves after every bad request.
    expect((await http(worker, 'GET', '/connectors')).body).toEqual(['file-sink', 'file-source']);
  }, 300_000);
});
