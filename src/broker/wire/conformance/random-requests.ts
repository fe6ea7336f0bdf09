/**
 * Well-formed requests with absurd values, for the fuzz test: walks an API's request schema at a
 * version and fills every field present in it with a random value drawn from edge cases (0, -1,
 * int32 max, empty and very long strings, null where nullable, existing and unknown topic names,
 * garbage record bytes). The codec encodes them, so the broker must survive its own handlers and
 * the model being asked nonsense, not just bytes it cannot parse.
 */
import { encodeRequest, ZERO_UUID, type FieldSchema } from '../../protocol';
import { apiSchemas } from '../../protocol';
import { encodeRecordBatch } from '../../protocol/records';

type Random = () => number;

const INT_EDGES: Record<string, number[]> = {
  int8: [0, 1, -1, 127, -128, 2, 3, 4],
  int16: [0, 1, -1, 32767, -32768, 3, 5],
  uint16: [0, 1, 65535],
  int32: [0, 1, -1, -2, 2147483647, -2147483648, 3, 100, 5000, 1 << 20],
  uint32: [0, 1, 4294967295],
  int64: [0, 1, -1, -2, -3, 9007199254740991, -9007199254740991, 1_700_000_000_000, 42],
};

function inRange(range: { min: number; max: number } | undefined, v: number): boolean {
  return range !== undefined && v >= range.min && v <= range.max;
}

export class RandomRequests {
  constructor(private readonly random: Random, private readonly topics: string[]) {}

  private int(n: number): number {
    return Math.floor(this.random() * n);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  private scalar(type: string): unknown {
    switch (type) {
      case 'bool': return this.random() < 0.5;
      case 'string': return this.pick([...this.topics, '', 'x'.repeat(300), '__consumer_offsets', 'no-such-topic', 'bad/name', '1']);
      case 'uuid': return this.pick([ZERO_UUID, 'AAAAAAAAAAAAAAAAAAAAAQ', '_____________________w']);
      case 'float64': return this.pick([0, -1, 1e308, Number.NaN]);
      case 'bytes': return Buffer.from(Array.from({ length: this.int(40) }, () => this.int(256)));
      case 'records':
        return this.random() < 0.5
          ? encodeRecordBatch({ compression: this.pick(['none', 'gzip', 'zstd'] as const), records: [{ key: null, value: Buffer.from('fuzz') }] })
          : Buffer.from(Array.from({ length: this.int(80) }, () => this.int(256)));
      default: return this.pick(INT_EDGES[type] ?? [0]);
    }
  }

  private fields(fields: readonly FieldSchema[], version: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      if (!inRange(f.versions, version)) continue;
      if (inRange(f.nullableVersions, version) && this.random() < 0.15) {
        out[f.name] = null;
        continue;
      }
      if (f.kind === 'struct') out[f.name] = this.fields(f.fields ?? [], version, depth + 1);
      else if (f.kind === 'array') {
        const length = depth > 2 ? this.int(2) : this.int(4);
        out[f.name] = Array.from({ length }, () => (f.fields ? this.fields(f.fields, version, depth + 1) : this.scalar(f.type!)));
      } else out[f.name] = this.scalar(f.type!);
    }
    return out;
  }

  /** One complete request frame (with size prefix) of `apiKey` at `version`, or null if the codec refuses the values. */
  frame(apiKey: number, version: number, correlationId: number): Buffer | null {
    const schema = apiSchemas.get(apiKey);
    if (!schema) return null;
    try {
      return encodeRequest(apiKey, version, correlationId, 'fuzz-values', this.fields(schema.request.fields, version, 0));
    } catch {
      return null;
    }
  }
}
