/**
 * `every-api-version`: one request of every served API at every advertised version, in turn,
 * filled from the schema with hostile values (fill.ts). It is what makes the fuzzer cover an API
 * or a version nobody wrote a scenario for; the scenario families go deeper into each area.
 */
import { fillRequest } from '../fill';
import { encodeRequest } from '../../protocol';
import { DEFAULT_SOCKET_REQUEST_MAX_BYTES } from '../../wire/frame-decoder';
import type { AdvertisedApi } from '../../wire/handler-registry';
import type { Family } from './family';

export function everyApiVersion(advertised: readonly AdvertisedApi[]): Family {
  const pairs = advertised.flatMap((a) => Array.from({ length: a.maxVersion - a.minVersion + 1 }, (_, i) => ({ apiKey: a.apiKey, version: a.minVersion + i })));
  let cursor = 0;
  return {
    name: 'every-api-version',
    weight: 4,
    apiKeys: advertised.map((a) => a.apiKey),
    async run(io) {
      // Two requests per case, pipelined: the next pair in turn and one drawn at random.
      const first = pairs[cursor++ % pairs.length]!;
      const second = io.h.pick(pairs);
      const clientId = io.h.chance(0.8) ? 'kafka-lab-fuzz' : io.h.pick([null, '', 'c'.repeat(5000), 'клиент-🦀', '\u0000']);
      await Promise.all([first, second].map(({ apiKey, version }) => io.call(apiKey, fillRequest(io.h, apiKey, version), { version, clientId })));
    },
  };
}

/**
 * `huge-arrays`: a schema-filled request of a random API whose top-level arrays hold thousands of
 * copies of their first element (partitions, topics, groups, protocols, resources), within the
 * default 100 MiB frame limit (socket.request.max.bytes). The broker must answer or refuse without
 * work or memory out of proportion; the lane's answer timeout bounds how long it may take.
 */
export function hugeArrays(advertised: readonly AdvertisedApi[]): Family {
  return {
    name: 'huge-arrays',
    weight: 0.5,
    apiKeys: advertised.map((a) => a.apiKey),
    async run(io) {
      const api = io.h.pick(advertised);
      const version = io.version(api.apiKey);
      const body = fillRequest(io.h, api.apiKey, version);
      const n = Math.min(io.h.pick([500, 2000, 5000]), copiesWithinFrameLimit(api.apiKey, version, body));
      for (const [key, value] of Object.entries(body)) {
        if (Array.isArray(value) && value.length > 0) body[key] = Array.from({ length: n }, (_, i) => grow(value[0], i));
      }
      await io.call(api.apiKey, body, { version });
    },
  };
}

/** Room left under the broker's frame limit for the client's request header (client id up to 5000 characters). */
export const HUGE_ARRAYS_MAX_FRAME_BYTES = DEFAULT_SOCKET_REQUEST_MAX_BYTES - 64 * 1024;

/**
 * How many copies of each top-level array's first element still encode within the frame limit.
 * Without it a Produce whose one partition carried a 300 KiB batch became 5000 copies, a 1.47 GB
 * request: the broker refused it on the size prefix (FrameDecoder, as Kafka's
 * socket.request.max.bytes), but encoding it took this process — the fuzzer's and the brokers' —
 * 5 s and 2.8 GB rss, and under GC pressure past the watchdog's 60 s (seed 7, round 856). Whether
 * oversized frames are refused is the frame fuzzers' test; this family is for decoded requests.
 * The cost of one copy is measured with the largest copy grow() makes (the first, with its
 * 100-partition list), so the bound holds for every mix of copies.
 */
export function copiesWithinFrameLimit(apiKey: number, version: number, body: Record<string, unknown>, limit = HUGE_ARRAYS_MAX_FRAME_BYTES): number {
  const arrays = Object.entries(body).filter(([, v]) => Array.isArray(v) && v.length > 0) as [string, unknown[]][];
  if (arrays.length === 0) return Number.MAX_SAFE_INTEGER;
  const size = (copies: number): number => encodeRequest(apiKey, version, 0, null, { ...body, ...Object.fromEntries(arrays.map(([k, v]) => [k, copies === 0 ? [] : [grow(v[0], 0)]])) }).length;
  try {
    const empty = size(0);
    const perCopy = Math.max(1, size(1) - empty);
    return Math.max(1, Math.floor((limit - empty) / perCopy));
  } catch {
    // A body the codec cannot write (a hostile value out of its type's range) is answered
    // `unencodable` by the lane without being sent, whatever its length.
    return Number.MAX_SAFE_INTEGER;
  }
}

/** A copy of an array element whose partition-like numbers differ, so copies are not all one duplicate. */
function grow(element: unknown, i: number): unknown {
  if (element === null || typeof element !== 'object' || Buffer.isBuffer(element)) return element;
  const copy: Record<string, unknown> = { ...(element as Record<string, unknown>) };
  for (const k of ['partitionIndex', 'partition', 'index']) if (typeof copy[k] === 'number') copy[k] = i;
  if (Array.isArray(copy.partitions) && copy.partitions.length > 0 && i % 100 === 0) copy.partitions = Array.from({ length: 100 }, (_, j) => grow(copy.partitions && (copy.partitions as unknown[])[0], j));
  return copy;
}
