/**
 * librdkafka consumer groups: `kcat -G` (balanced consumer, auto-commit on close) consumes part
 * of a topic and a second `kcat -G` of the same group reads exactly the rest; confluent-kafka-
 * python runs a two-member group with synchronous commits, then a new member continues from the
 * committed offsets. librdkafka enables groups only when FindCoordinator, OffsetCommit/Fetch and
 * the four group APIs are all advertised.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import type { ClusterHost } from '../../host/cluster-host';
import { createTopic } from './harness';
import { groupView, startGroupHost } from './groups-harness';
import { itWith, KCAT, missingConfluentKafka, missingKcat, run, runPython } from './tools';

describe('librdkafka consumer groups', () => {
  let host: ClusterHost;
  beforeAll(async () => {
    host = await startGroupHost(91);
  });
  afterAll(async () => {
    await host?.close();
  });

  itWith(missingKcat, 'kcat -G consumes and commits; the next kcat -G of the group continues there', async () => {
    await createTopic(host, 'grp-kcat', 3, 3);
    const values = Array.from({ length: 300 }, (_, i) => `kc-${i}`);
    const produced = await run(KCAT, ['-b', host.bootstrap, '-P', '-t', 'grp-kcat', '-K', ':', '-X', 'enable.idempotence=true'], { input: values.map((v, i) => `k${i}:${v}\n`).join('') });
    expect(produced.code, produced.stderr).toBe(0);
    const consume = (extra: string[]) => run(KCAT, ['-b', host.bootstrap, '-G', 'g-kcat', 'grp-kcat', '-q', '-f', '%s\n',
      '-X', 'auto.offset.reset=earliest', '-X', 'auto.commit.interval.ms=100', '-X', 'session.timeout.ms=6000', '-X', 'heartbeat.interval.ms=300', ...extra], { timeoutMs: 60_000 });
    const first = await consume(['-c', '120']);
    expect(first.code, first.stderr).toBe(0);
    const firstValues = first.stdout.trim().split('\n');
    expect(firstValues).toHaveLength(120);
    expect(groupView(host, 'g-kcat')!.offsets.reduce((n, o) => n + o.committedOffset, 0)).toBe(120);

    const second = await consume(['-e']);
    expect(second.code, second.stderr).toBe(0);
    const secondValues = second.stdout.trim().split('\n');
    expect(secondValues).toHaveLength(180);
    expect(new Set([...firstValues, ...secondValues])).toEqual(new Set(values));
    expect(groupView(host, 'g-kcat')!.offsets.reduce((n, o) => n + o.committedOffset, 0)).toBe(300);
  }, 90_000);

  itWith(missingConfluentKafka, 'confluent-kafka-python: a two-member group commits; a new member continues from the committed offsets', async () => {
    await createTopic(host, 'grp-confluent', 4, 3);
    const script = readFileSync(join(__dirname, 'groups-confluent-kafka-python.py'), 'utf8');
    const out = JSON.parse(await runPython(script, [host.bootstrap, 'grp-confluent', '400'], 120_000));
    expect(out.errors).toEqual([]);
    expect(out.unflushed).toBe(0);
    expect(out.assignments.map((a: number[]) => a.length)).toEqual([2, 2]);
    expect([...out.assignments[0], ...out.assignments[1]].sort()).toEqual([0, 1, 2, 3]);
    expect(out.groups).toContain('g-confluent');
    expect(out.firstRun).toBe(200);
    expect(out.rereadFromFirstRun).toBe(0);
    expect(out.secondRun).toBe(200);
    expect(out.all).toBe(400);
    expect(out.committedTotal).toBe(400);
  }, 120_000);
});
