/**
 * A hostile snapshot only ever gives a MetadataRecordError: seeded mutations of a snapshot's bytes
 * (most caught by the CRC), and of single record values re-framed in batches with a valid CRC (so
 * the record decoder and the replay checks see them), never another exception, never a hang.
 */
import { describe, expect, it } from 'vitest';
import { replayLabMetadata } from './lab-metadata-replay';
import { encodeLabMetadataRecords } from './lab-metadata-records';
import { MetadataRecordError } from './metadata-record-codec';
import { decodeSnapshot, encodeSnapshot } from './snapshot-file';
import { SAMPLE_METADATA } from './test-fixtures';
import { Random } from '../../sim/random';

/** A seeded stream of floats in [0, 1) (the simulation's PRNG), so a failure names its seed and case. */
function random(seed: number): () => number {
  const rng = new Random(seed);
  return () => rng.float();
}

const opts = { id: { endOffset: 3, epoch: 1 }, timestampMs: 1000, lastContainedLogTimestamp: 1000 };
const values = encodeLabMetadataRecords(SAMPLE_METADATA);

/** Reads the bytes as a restart does; returns 'ok' or 'refused', and fails the test on any other exception. */
function readBack(bytes: Buffer, what: string): 'ok' | 'refused' {
  try {
    replayLabMetadata('cid', decodeSnapshot(bytes).records);
    return 'ok';
  } catch (e) {
    if (e instanceof MetadataRecordError) return 'refused';
    throw new Error(`${what}: ${(e as Error).constructor.name}: ${(e as Error).message}`, { cause: e });
  }
}

describe('hostile snapshots', () => {
  it('byte flips, truncations and insertions anywhere in the file are refused (seed 15)', () => {
    const next = random(15);
    const good = encodeSnapshot(values, opts);
    let refused = 0;
    for (let i = 0; i < 400; i++) {
      const bytes = Buffer.from(good);
      const at = Math.floor(next() * bytes.length);
      const mode = i % 3;
      let mutated: Buffer;
      if (mode === 0) {
        bytes[at] = bytes[at]! ^ (1 + Math.floor(next() * 255));
        mutated = bytes;
      } else if (mode === 1) mutated = bytes.subarray(0, at);
      else mutated = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(next() * 256)]), bytes.subarray(at)]);
      if (readBack(mutated, `case ${i} (mode ${mode} at ${at})`) === 'refused') refused++;
    }
    // A flip inside baseOffset/batchLength/partitionLeaderEpoch (outside the CRC) may still be caught by the offset checks; nearly all must be refused.
    expect(refused).toBeGreaterThan(380);
  });

  it('mutated record values inside CRC-valid batches are refused or read as valid metadata (seed 16)', () => {
    const next = random(16);
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < 600; i++) {
      const victim = Math.floor(next() * values.length);
      const value = Buffer.from(values[victim]!);
      const flips = 1 + Math.floor(next() * 3);
      for (let f = 0; f < flips; f++) {
        const at = Math.floor(next() * value.length);
        value[at] = Math.floor(next() * 256);
      }
      const mutated = values.map((v, j) => (j === victim ? value : v));
      outcomes[readBack(encodeSnapshot(mutated, opts), `case ${i} (record ${victim})`)]++;
    }
    expect(outcomes.refused).toBeGreaterThan(100);
    expect(outcomes.ok + outcomes.refused).toBe(600);
  });
});
