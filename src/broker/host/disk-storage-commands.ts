/**
 * The storage contract's host side for a lab on disk (issue 15): the in-memory facts of
 * ./storage-commands.ts plus what only disk has — the lab and its directory, each broker's
 * log.dirs, segment file names, offset and time index entry counts, the recovery point, every lab
 * under the data root, and deleting another lab's directory. Sizes are the segment files' bytes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimCluster } from '../cluster/cluster';
import { tpKey } from '../cluster/metadata';
import type { DiskSegment } from '../storage/disk-segment';
import { LOG_SUFFIX, segmentFileName } from '../storage/format/file-names';
import type { ReplicaStorage, StorageInfo, StorageResult } from '../../shared/storage-contract';
import { labNameProblem } from './data-dir';
import { directoryBytes, type LabStorage } from './lab-storage';
import { MemoryStorage } from './storage-commands';

export class DiskStorage extends MemoryStorage {
  constructor(private readonly simCluster: SimCluster, private readonly lab: LabStorage) {
    super(simCluster);
  }

  override info(): StorageInfo {
    const base = super.info();
    const { labDir, labName } = this.lab.options;
    const root = path.dirname(labDir);
    let labs: StorageInfo['labs'];
    try {
      labs = fs.readdirSync(root, { withFileTypes: true })
        .filter((d) => d.isDirectory() && labNameProblem(d.name) === null)
        .map((d) => ({ name: d.name, dir: path.join(root, d.name), bytes: d.name === labName ? base.totalBytes : directoryBytes(path.join(root, d.name)), current: d.name === labName }));
    } catch {
      labs = [{ name: labName, dir: labDir, bytes: base.totalBytes, current: true }];
    }
    return { ...base, kind: 'disk', labName, labDir, brokers: base.brokers.map((b) => ({ ...b, logDir: this.lab.disk.brokerDir(b.brokerId) })), labs };
  }

  override async describeReplicaStorage(topic: string, partition: number, brokerId: number): Promise<StorageResult<ReplicaStorage>> {
    const result = await super.describeReplicaStorage(topic, partition, brokerId);
    if (!result.ok) return result;
    const replica = this.simCluster.core.broker(brokerId)?.replicas.get(tpKey(topic, partition));
    const files = (replica?.log.store as { segments?: Map<number, DiskSegment>; dir?: string } | undefined);
    const value = result.value;
    return {
      ok: true,
      value: {
        ...value,
        dir: files?.dir ?? null,
        recoveryPoint: replica ? replica.log.recoveryPoint : null,
        segments: value.segments.map((s) => {
          const seg = files?.segments?.get(s.baseOffset);
          return { ...s, fileName: seg ? segmentFileName(s.baseOffset, LOG_SUFFIX) : null, offsetIndexEntries: seg ? seg.offsetIndex.length : null, timeIndexEntries: seg ? seg.timeIndex.length : null };
        }),
      },
    };
  }

  override async deleteLab(labName: string): Promise<StorageResult<{ labName: string; freedBytes: number }>> {
    const problem = labNameProblem(String(labName));
    if (problem) return { ok: false, errorName: 'INVALID_REQUEST', message: problem };
    if (labName === this.lab.options.labName) return { ok: false, errorName: 'INVALID_REQUEST', message: `Lab "${labName}" is running: reset it instead, or stop Kafka Lab and delete ${this.lab.options.labDir}.` };
    const dir = path.join(path.dirname(this.lab.options.labDir), labName);
    if (!fs.existsSync(dir)) return { ok: false, errorName: 'INVALID_REQUEST', message: `There is no lab "${labName}" under ${path.dirname(dir)}.` };
    try {
      const freedBytes = directoryBytes(dir);
      fs.rmSync(dir, { recursive: true, force: true });
      return { ok: true, value: { labName, freedBytes } };
    } catch (error) {
      return { ok: false, errorName: 'KAFKA_STORAGE_ERROR', message: (error as Error).message };
    }
  }
}
