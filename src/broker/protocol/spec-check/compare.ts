/**
 * Compares our schemas (protocol/messages/NN-*.ts) field by field with Apache Kafka's JSON message
 * specs (kafka-spec.ts), over the versions both cover: message validVersions and
 * flexibleVersions; per field its name (Kafka's, with a lower-case first letter), type,
 * versions, nullableVersions, taggedVersions and tag, default, and the order of untagged fields
 * (the wire order). A field of Kafka's that we lack, or one of ours Kafka lacks, is a finding too.
 * Versions outside what our schema declares are not compared: serving fewer versions than Kafka
 * is a coverage fact (Coverage), not a mismatch; declaring a version Kafka lacks is a finding.
 */
import { defaultValue } from '../codec';
import { ZERO_UUID } from '../primitives';
import { formatVersions, type ApiSchema, type FieldSchema, type MessageSchema, type VersionRange } from '../schema';
import type { KafkaFieldSpec, KafkaMessageSpec } from './kafka-spec';

export interface SpecFinding {
  /** The message, e.g. `MetadataResponse`. */
  readonly message: string;
  /** Dotted field path in our names (`topics.partitions.leaderEpoch`), or '' for the message. */
  readonly path: string;
  readonly what: 'validVersions' | 'flexibleVersions' | 'missing' | 'extra' | 'type' | 'versions' | 'nullableVersions' | 'taggedVersions' | 'tag' | 'default' | 'order';
  readonly detail: string;
}

export interface Coverage {
  readonly apiKey: number;
  readonly name: string;
  /** Our request schema's versions and Kafka's, e.g. `0-12` and `0-13`. */
  readonly ours: string;
  readonly kafka: string;
  /**
   * Versions we declare below Kafka's lowest (e.g. Produce 0-2, which Kafka 4.0 removed, KIP-896),
   * or null. Not compared (Kafka's spec no longer describes them) and not a finding.
   */
  readonly belowKafka: string | null;
}

const EMPTY: VersionRange = { min: 0, max: -1 };

function intersect(a: VersionRange | null | undefined, b: VersionRange | null | undefined): VersionRange {
  if (a == null || b == null) return EMPTY;
  const r = { min: Math.max(a.min, b.min), max: Math.min(a.max, b.max) };
  return r.max < r.min ? EMPTY : r;
}

function sameWithin(a: VersionRange | null | undefined, b: VersionRange | null | undefined, window: VersionRange): boolean {
  const x = intersect(a, window);
  const y = intersect(b, window);
  return (x.max < x.min && y.max < y.min) || (x.min === y.min && x.max === y.max);
}

function show(r: VersionRange | null | undefined, window: VersionRange): string {
  return formatVersions(intersect(r, window));
}

/** Our name for a Kafka field: its name with a lower-case first letter (Kafka's generator's camelCaseName). */
export function ourFieldName(kafkaName: string): string {
  return kafkaName.charAt(0).toLowerCase() + kafkaName.slice(1);
}

/** Our description of a field's type in Kafka's notation (`int32`, `[]int32`, `[]Struct`, `Struct`). */
function ourType(f: FieldSchema): string {
  if (f.kind === 'scalar') return f.type!;
  if (f.kind === 'array') return f.fields === undefined ? `[]${f.type}` : '[]struct';
  return 'struct';
}

function kafkaType(k: KafkaFieldSpec): string {
  if (k.fields === null) return k.type;
  return k.type.startsWith('[]') ? '[]struct' : 'struct';
}

/** The value Kafka gives a field when it is absent or not sent (FieldSpec.fieldDefault). */
export function kafkaDefault(k: KafkaFieldSpec): unknown {
  const d = k.default;
  if (d === 'null') return null;
  if (k.type.startsWith('[]')) return [];
  if (k.fields !== null) return undefined;
  switch (k.type) {
    case 'bool': return d === true || d === 'true';
    case 'string': return d === undefined ? '' : String(d);
    case 'uuid': return ZERO_UUID;
    case 'bytes': return Buffer.alloc(0);
    case 'records': return null;
    default: return d === undefined || d === '' ? 0 : Number(d);
  }
}

function sameDefault(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length;
  return Object.is(a, b) || (a === 0 && b === 0);
}

function compareFields(
  message: string, prefix: string, ours: readonly FieldSchema[], kafka: readonly KafkaFieldSpec[],
  window: VersionRange, flexible: VersionRange | null, out: SpecFinding[],
): void {
  const byName = new Map(ours.map((f) => [f.name, f]));
  const seen = new Set<string>();
  const add = (path: string, what: SpecFinding['what'], detail: string): void => void out.push({ message, path, what, detail });
  for (const k of kafka) {
    const present = intersect(k.versions, window);
    if (present.max < present.min) continue;
    const name = ourFieldName(k.name);
    const path = prefix + name;
    const f = byName.get(name);
    if (f === undefined) {
      add(path, 'missing', `Kafka has ${k.name} (${k.type}) in versions ${formatVersions(present)}`);
      continue;
    }
    seen.add(name);
    if (ourType(f) !== kafkaType(k)) add(path, 'type', `ours ${ourType(f)}, Kafka ${k.type}`);
    if (!sameWithin(f.versions, k.versions, window)) add(path, 'versions', `ours ${show(f.versions, window)}, Kafka ${show(k.versions, window)}`);
    if (!sameWithin(f.nullableVersions, k.nullableVersions, present)) {
      add(path, 'nullableVersions', `ours ${show(f.nullableVersions, present)}, Kafka ${show(k.nullableVersions, present)}`);
    }
    const taggable = intersect(present, flexible);
    if (!sameWithin(f.taggedVersions, k.taggedVersions, taggable)) {
      add(path, 'taggedVersions', `ours ${show(f.taggedVersions, taggable)}, Kafka ${show(k.taggedVersions, taggable)}`);
    } else if (intersect(k.taggedVersions, taggable).max >= 0 && (f.tag ?? null) !== k.tag) {
      add(path, 'tag', `ours ${f.tag ?? 'none'}, Kafka ${k.tag ?? 'none'}`);
    }
    const kd = kafkaDefault(k);
    if (kd !== undefined && ourType(f) === kafkaType(k)) {
      const od = defaultValue(f);
      if (!sameDefault(od, kd)) add(path, 'default', `ours ${JSON.stringify(od)}, Kafka ${JSON.stringify(kd)}`);
    }
    if (k.fields !== null && f.fields !== undefined) compareFields(message, `${path}.`, f.fields, k.fields, present, flexible, out);
  }
  for (const f of ours) {
    if (!seen.has(f.name) && intersect(f.versions, window).max >= 0 && !kafka.some((k) => ourFieldName(k.name) === f.name)) {
      add(prefix + f.name, 'extra', `Kafka has no field ${f.name}`);
    }
  }
  const untagged = (names: string[], tagged: (n: string) => boolean): string[] => names.filter((n) => seen.has(n) && !tagged(n));
  const kafkaOrder = untagged(kafka.map((k) => ourFieldName(k.name)), (n) => kafka.find((k) => ourFieldName(k.name) === n)!.taggedVersions !== null);
  const ourOrder = untagged(ours.map((f) => f.name), (n) => byName.get(n)!.taggedVersions !== undefined);
  if (kafkaOrder.join() !== ourOrder.join()) add(prefix.replace(/\.$/, ''), 'order', `ours ${ourOrder.join(', ')}; Kafka ${kafkaOrder.join(', ')}`);
}

/** Findings for one of our messages against Kafka's spec of it. */
export function compareMessage(ours: MessageSchema, kafka: KafkaMessageSpec): SpecFinding[] {
  const out: SpecFinding[] = [];
  const valid = ours.validVersions;
  if (valid.max > kafka.validVersions.max) {
    out.push({ message: ours.name, path: '', what: 'validVersions', detail: `ours ${formatVersions(valid)} reaches above Kafka's ${formatVersions(kafka.validVersions)}` });
  }
  const window = intersect(valid, kafka.validVersions);
  if (!sameWithin(ours.flexibleVersions, kafka.flexibleVersions, window)) {
    out.push({ message: ours.name, path: '', what: 'flexibleVersions', detail: `ours ${show(ours.flexibleVersions, window)}, Kafka ${show(kafka.flexibleVersions, window)}` });
  }
  compareFields(ours.name, '', ours.fields, kafka.fields, window, intersect(kafka.flexibleVersions, window), out);
  return out;
}

/**
 * Compares every API schema with the specs found by `specFor(messageName)` (e.g. reading
 * `<dir>/MetadataRequest.json`); a missing spec is a finding.
 */
export function compareApis(
  schemas: Iterable<ApiSchema>, specFor: (messageName: string) => KafkaMessageSpec | null,
): { findings: SpecFinding[]; coverage: Coverage[] } {
  const findings: SpecFinding[] = [];
  const coverage: Coverage[] = [];
  for (const api of schemas) {
    for (const m of [api.request, api.response]) {
      const spec = specFor(m.name);
      if (spec === null) {
        findings.push({ message: m.name, path: '', what: 'missing', detail: `no Kafka spec ${m.name}.json` });
        continue;
      }
      if (spec.apiKey !== api.apiKey) findings.push({ message: m.name, path: '', what: 'type', detail: `Kafka's apiKey is ${spec.apiKey}, ours ${api.apiKey}` });
      findings.push(...compareMessage(m, spec));
      if (m === api.request) {
        const below = intersect(m.validVersions, { min: 0, max: spec.validVersions.min - 1 });
        coverage.push({
          apiKey: api.apiKey, name: api.name, ours: formatVersions(m.validVersions), kafka: formatVersions(spec.validVersions),
          belowKafka: below.max < below.min ? null : formatVersions(below),
        });
      }
    }
  }
  return { findings, coverage };
}
