/**
 * Golden bytes (ARCHITECTURE §5.2): request frames captured from real clients by record-proxy.ts
 * (see each fixture's .json note) must decode to the committed, hand-checked expected object
 * (`.expected.json`) and re-encode to exactly the captured bytes. UPDATE_GOLDEN=1 rewrites the
 * expected objects from the current decoder (then check the diff by hand before committing).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeRequestBody, decodeRequestHeader, encodeRequest } from '../../protocol';
import type { FixtureNote } from './record-proxy';

const DIR = join(__dirname, 'fixtures');
const fixtures = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.bin')).map((f) => f.slice(0, -4)).sort() : [];

/** JSON form of a decoded body: Buffers as { $base64 }. */
function toJson(value: unknown): unknown {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return { $base64: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.$base64 === 'string' && Object.keys(o).length === 1) return Buffer.from(o.$base64, 'base64');
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, fromJson(v)]));
  }
  return value;
}

describe('golden request fixtures from real clients', () => {
  it('has fixtures from kcat, kafkajs, confluent-kafka-python and kafka-python', () => {
    const clients = new Set(fixtures.map((f) => (JSON.parse(readFileSync(join(DIR, `${f}.json`), 'utf8')) as FixtureNote).client));
    expect([...clients].sort()).toEqual(['confluent-kafka-python', 'kafka-python', 'kafkajs', 'kcat']);
  });

  for (const name of fixtures) {
    it(`${name} decodes to the expected object and re-encodes byte for byte`, () => {
      const frame = readFileSync(join(DIR, `${name}.bin`));
      const note = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as FixtureNote;
      const { header, bodyOffset } = decodeRequestHeader(frame);
      expect(header.apiKey).toBe(note.apiKey);
      expect(header.apiVersion).toBe(note.apiVersion);
      const body = decodeRequestBody(header.apiKey, header.apiVersion, frame, bodyOffset) as object;
      const decoded = { header: { apiKey: header.apiKey, apiVersion: header.apiVersion, correlationId: header.correlationId, clientId: header.clientId }, body: toJson(body) };
      const expectedPath = join(DIR, `${name}.expected.json`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(expectedPath)) {
        if (process.env.CI === 'true') throw new Error(`${name}.expected.json is missing`);
        writeFileSync(expectedPath, `${JSON.stringify(decoded, null, 2)}\n`);
      }
      expect(decoded).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
      const reencoded = encodeRequest(header.apiKey, header.apiVersion, header.correlationId, header.clientId, fromJson(decoded.body) as object);
      expect(reencoded.subarray(4).toString('hex')).toBe(frame.toString('hex'));
    });
  }
});
