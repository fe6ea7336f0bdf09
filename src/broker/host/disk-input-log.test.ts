/**
 * Issue 15: a lab on disk keeps record bytes in its files; its input log (every produced record
 * set, for trace export) gets the smaller DISK_LAB_INPUT_LOG_LIMIT_BYTES budget so it is not the
 * process's largest copy of them. --keep-input-log still keeps it whole.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { HOSTED_INPUT_LOG_LIMIT_BYTES } from '../cluster/api';
import { ClusterHost, DISK_LAB_INPUT_LOG_LIMIT_BYTES } from './cluster-host';

const hosts: ClusterHost[] = [];
const dirs: string[] = [];
afterEach(async () => {
  while (hosts.length) await hosts.pop()!.close();
  while (dirs.length) fs.rmSync(dirs.pop()!, { recursive: true, force: true });
});

async function start(onDisk: boolean, keepFullInputLog = false): Promise<ClusterHost> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-lab-input-log-'));
  dirs.push(root);
  const host = await ClusterHost.start({ brokers: 1, basePort: 0, seed: 3, log: () => {}, keepFullInputLog, ...(onDisk ? { storage: { labDir: path.join(root, 'lab'), labName: 'lab' } } : {}) });
  hosts.push(host);
  return host;
}

it('a lab on disk records its input log within 64 MiB; in memory within 256 MiB; --keep-input-log without a limit', async () => {
  expect(DISK_LAB_INPUT_LOG_LIMIT_BYTES).toBeLessThan(HOSTED_INPUT_LOG_LIMIT_BYTES);
  expect((await start(true)).cluster.inputLogStatus()).toMatchObject({ state: 'full', exportable: true, limitBytes: DISK_LAB_INPUT_LOG_LIMIT_BYTES });
  expect((await start(false)).cluster.inputLogStatus()).toMatchObject({ state: 'full', limitBytes: HOSTED_INPUT_LOG_LIMIT_BYTES });
  expect((await start(true, true)).cluster.inputLogStatus()).toMatchObject({ state: 'full', limitBytes: null });
});
