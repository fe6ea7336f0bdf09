/**
 * `every-api-version`: one request of every served API at every advertised version, in turn,
 * filled from the schema with hostile values (fill.ts). It is what makes the fuzzer cover an API
 * or a version nobody wrote a scenario for; the scenario families go deeper into each area.
 */
import { fillRequest } from '../fill';
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
 * default 100 MiB frame limit. The broker must answer or refuse without work or memory out of
 * proportion; the lane's answer timeout bounds how long it may take.
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
      const n = io.h.pick([500, 2000, 5000]);
      for (const [key, value] of Object.entries(body)) {
        if (Array.isArray(value) && value.length > 0) body[key] = Array.from({ length: n }, (_, i) => grow(value[0], i));
      }
      await io.call(api.apiKey, body, { version });
    },
  };
}

/** A copy of an array element whose partition-like numbers differ, so copies are not all one duplicate. */
function grow(element: unknown, i: number): unknown {
  if (element === null || typeof element !== 'object' || Buffer.isBuffer(element)) return element;
  const copy: Record<string, unknown> = { ...(element as Record<string, unknown>) };
  for (const k of ['partitionIndex', 'partition', 'index']) if (typeof copy[k] === 'number') copy[k] = i;
  if (Array.isArray(copy.partitions) && copy.partitions.length > 0 && i % 100 === 0) copy.partitions = Array.from({ length: 100 }, (_, j) => grow(copy.partitions && (copy.partitions as unknown[])[0], j));
  return copy;
}
