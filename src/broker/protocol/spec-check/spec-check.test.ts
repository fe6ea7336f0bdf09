/**
 * The spec checker on small spec texts written here (CI has no copy of Kafka's specs; the full
 * check runs with `npm run check:specs -- <dir>`).
 */
import { describe, expect, it } from 'vitest';
import { api, array, field, message, struct } from '../schema';
import { compareApis, compareMessage } from './compare';
import { parseKafkaSpec, stripLineComments } from './kafka-spec';

const SPEC = `// Licensed to nobody: a spec written for this test.
{
  "apiKey": 99,
  "type": "response",
  "name": "WidgetResponse",
  // Version 1 adds Color; version 2 is the first flexible version.
  "validVersions": "0-3",
  "flexibleVersions": "2+",
  "fields": [
    { "name": "ThrottleTimeMs", "type": "int32", "versions": "0+", "about": "see http://example.invalid // not a comment" },
    { "name": "Color", "type": "string", "versions": "1+", "nullableVersions": "1+", "default": "null" },
    { "name": "Widgets", "type": "[]Widget", "versions": "0+" },
    { "name": "Leader", "type": "LeaderIdAndEpoch", "versions": "3+", "taggedVersions": "3+", "tag": 0 },
    { "name": "Ids", "type": "[]int64", "versions": "0+" }
  ],
  "commonStructs": [
    { "name": "Widget", "versions": "0+", "fields": [
      { "name": "PartitionIndex", "type": "int32", "versions": "0+" },
      { "name": "LeaderEpoch", "type": "int32", "versions": "1+", "default": "-1" }
    ]},
    { "name": "LeaderIdAndEpoch", "versions": "3+", "fields": [
      { "name": "LeaderId", "type": "int32", "versions": "3+", "default": "-1" }
    ]}
  ]
}`;

function ours(overrides: { color?: ReturnType<typeof field>; epoch?: ReturnType<typeof field>; swap?: boolean; extra?: boolean; valid?: string; flex?: string; tag?: number; tagged?: string } = {}) {
  const widget = [
    field('partitionIndex', 'int32', '0+'),
    overrides.epoch ?? field('leaderEpoch', 'int32', '1+', { default: -1 }),
  ];
  const fields = [
    field('throttleTimeMs', 'int32', '0+'),
    overrides.color ?? field('color', 'string', '1+', { nullable: '1+', default: null }),
    array('widgets', widget, '0+'),
    struct('leader', [field('leaderId', 'int32', '3+', { default: -1 })], '3+', { tagged: overrides.tagged ?? '3+', tag: overrides.tag ?? 0 }),
    array('ids', 'int64', '0+'),
    ...(overrides.extra ? [field('bonus', 'bool', '0+')] : []),
  ];
  if (overrides.swap) [fields[0], fields[2]] = [fields[2]!, fields[0]!];
  return message('WidgetResponse', overrides.valid ?? '0-3', overrides.flex ?? '2+', fields);
}

describe('Kafka spec reader', () => {
  it('drops // comments but not // inside strings, and resolves common structs', () => {
    expect(stripLineComments('{"a": "x//y"} // gone\n')).toBe('{"a": "x//y"} \n');
    const spec = parseKafkaSpec(SPEC);
    expect(spec).toMatchObject({ apiKey: 99, type: 'response', name: 'WidgetResponse', validVersions: { min: 0, max: 3 }, flexibleVersions: { min: 2, max: Infinity } });
    expect(spec.fields.map((f) => f.name)).toEqual(['ThrottleTimeMs', 'Color', 'Widgets', 'Leader', 'Ids']);
    expect(spec.fields[2]!.fields!.map((f) => f.name)).toEqual(['PartitionIndex', 'LeaderEpoch']);
    expect(spec.fields[3]).toMatchObject({ tag: 0, taggedVersions: { min: 3, max: Infinity }, fields: [{ name: 'LeaderId', default: '-1' }] });
    expect(() => parseKafkaSpec('{"name": "X"}', 'X.json')).toThrow(/X.json: not a request or response spec/);
  });
});

describe('schema against spec', () => {
  const spec = parseKafkaSpec(SPEC);
  const whats = (m: ReturnType<typeof ours>) => compareMessage(m, spec).map((f) => `${f.path}:${f.what}`);

  it('a schema written as the spec has no finding', () => {
    expect(compareMessage(ours(), spec)).toEqual([]);
  });

  it('finds each kind of difference, naming the field path', () => {
    expect(whats(ours({ color: field('color', 'string', '2+', { nullable: '1+', default: null }) }))).toEqual(['color:versions']);
    expect(whats(ours({ color: field('color', 'string', '1+', { default: null }) }))).toEqual(['color:nullableVersions']);
    expect(whats(ours({ color: field('color', 'bytes', '1+', { nullable: '1+', default: null }) }))).toEqual(['color:type']);
    expect(whats(ours({ color: field('color', 'string', '1+', { nullable: '1+' }) }))).toEqual(['color:default']);
    expect(whats(ours({ color: field('colour', 'string', '1+', { nullable: '1+', default: null }) }))).toEqual(['color:missing', 'colour:extra']);
    expect(whats(ours({ epoch: field('leaderEpoch', 'int32', '1+') }))).toEqual(['widgets.leaderEpoch:default']);
    expect(whats(ours({ tag: 1 }))).toEqual(['leader:tag']);
    expect(whats(ours({ extra: true }))).toEqual(['bonus:extra']);
    expect(whats(ours({ swap: true }))).toEqual([':order']);
    expect(whats(ours({ flex: '3+' }))).toEqual([':flexibleVersions']);
    expect(whats(ours({ tagged: 'none' }))).toEqual(['leader:taggedVersions']);
    expect(whats(ours({ valid: '0-4' }))).toEqual([':validVersions']);
  });

  it('compares only the versions both declare: fewer versions than Kafka is coverage, not a finding', () => {
    expect(compareMessage(ours({ valid: '0-1', color: field('color', 'string', '1+', { nullable: '1+', default: null }) }), spec)).toEqual([]);
    // Color differs only in v3, outside 0-2.
    expect(compareMessage(ours({ valid: '0-2', color: field('color', 'string', '1-2', { nullable: '1+', default: null }) }), spec)).toEqual([]);
    const request = parseKafkaSpec(SPEC.replace('"response"', '"request"').replace('WidgetResponse', 'WidgetRequest').replace('"0-3"', '"1-3"'));
    const widgets = api(99, 'Widget', { ...ours(), name: 'WidgetRequest' }, ours());
    const { findings, coverage } = compareApis([widgets], (name) => (name === 'WidgetRequest' ? request : name === 'WidgetResponse' ? spec : null));
    expect(findings).toEqual([]);
    expect(coverage).toEqual([{ apiKey: 99, name: 'Widget', ours: '0-3', kafka: '1-3', belowKafka: '0' }]);
    const none = compareApis([widgets], () => null);
    expect(none.findings.map((f) => `${f.message}:${f.what}`)).toEqual(['WidgetRequest:missing', 'WidgetResponse:missing']);
  });
});
