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
      await Promise.all([first, second].map(({ apiKey, version }) => io.call(apiKey, fillRequest(io.h, apiKey, version), { version })));
    },
  };
}
