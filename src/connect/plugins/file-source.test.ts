import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from './file-source';
import { offsetKey, parseConfigRecord, parseOffsetKey } from '../storage/keys';

const dir = mkdtempSync(join(tmpdir(), 'kafka-lab-file-source-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('FileStreamSource line reading', () => {
  it('returns complete lines and the byte position after the last one', () => {
    const file = join(dir, 'a.txt');
    writeFileSync(file, 'één\r\ntwo\nthree\rfour-without-newline');
    expect(readLines(file, 0, 10)).toEqual({ lines: ['één', 'two', 'three'], next: Buffer.byteLength('één\r\ntwo\nthree\r') });
    expect(readLines(file, 0, 2)).toEqual({ lines: ['één', 'two'], next: Buffer.byteLength('één\r\ntwo\n') });
    const resumed = readLines(file, Buffer.byteLength('één\r\n'), 10);
    expect(resumed.lines).toEqual(['two', 'three']);
    expect(readLines(file, resumed.next, 10)).toEqual({ lines: [], next: resumed.next });
  });
  it('reads lines longer than its 64 KiB read chunk', () => {
    const file = join(dir, 'long.txt');
    const long = 'x'.repeat(200_000);
    writeFileSync(file, `${long}\nshort\n`);
    expect(readLines(file, 0, 10)).toEqual({ lines: [long, 'short'], next: 200_007 });
  });
});

describe('internal topic keys', () => {
  it('uses Kafka Connect key formats', () => {
    expect(offsetKey('src', { filename: '/tmp/a' })).toBe('["src",{"filename":"/tmp/a"}]');
    expect(parseOffsetKey('["src",{"filename":"/tmp/a"}]')).toEqual({ connector: 'src', partition: { filename: '/tmp/a' } });
    expect(parseOffsetKey('not json')).toBeUndefined();
    expect(parseConfigRecord('connector-my-src', '{"properties":{"tasks.max":"1"}}')).toEqual({ kind: 'connector', name: 'my-src', properties: { 'tasks.max': '1' } });
    expect(parseConfigRecord('task-my-src-12', '{"properties":{}}')).toEqual({ kind: 'task', name: 'my-src', task: 12, properties: {} });
    expect(parseConfigRecord('target-state-my-src', '{"state":"PAUSED"}')).toEqual({ kind: 'target-state', name: 'my-src', state: 'PAUSED' });
    expect(parseConfigRecord('connector-gone', null)).toEqual({ kind: 'connector', name: 'gone', properties: null });
    expect(parseConfigRecord('session-key', '{}')).toBeUndefined();
  });
});
