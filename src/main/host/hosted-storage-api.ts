/**
 * The storage methods of one viewer (issue 15, src/shared/storage-contract.ts): reading storage
 * (sizes, segments, a segment's batch headers — no record contents) is open to read-only viewers;
 * resetLab and deleteLab are refused for them with CLUSTER_AUTHORIZATION_FAILED, here and not only
 * in the UI. A failure inside comes back as a result (KAFKA_STORAGE_ERROR), never a throw that
 * could end the host.
 */
import { readOnlyErrorName } from '../../shared/ipc-contract';
import type { HostSessionResult } from '../../shared/host-session-contract';
import type { StorageCommands, StorageInfo, StorageResult } from '../../shared/storage-contract';
import type { HostStorage } from '../../broker/host/storage-commands';
import type { ClusterHostLike } from './cluster-host-like';

const readOnlyStorageMessage = 'This view is read-only: resetting or deleting a lab needs the access token.';

/** Replaces the running cluster by an empty one of the same shape (HostSession.resetLab). */
export type LabReset = () => Promise<HostSessionResult>;

const emptyInfo: StorageInfo = { kind: 'memory', labName: null, labDir: null, totalBytes: 0, brokers: [], topics: [], labs: [] };

export function storageFor(host: ClusterHostLike, readOnly: boolean, labReset: LabReset | null): StorageCommands {
  const storage = (): HostStorage | null => (host.storage ? host.storage() : null);
  const guarded = async <T>(read: (s: HostStorage) => Promise<StorageResult<T>>): Promise<StorageResult<T>> => {
    try {
      const s = storage();
      if (!s) return { ok: false, errorName: 'KAFKA_STORAGE_ERROR', message: 'This host keeps no replica logs (the demo host).' };
      return await read(s);
    } catch (error) {
      return { ok: false, errorName: 'KAFKA_STORAGE_ERROR', message: errorText(error) };
    }
  };
  return {
    getStorageInfo: async () => {
      const s = storage();
      return s ? s.getStorageInfo() : emptyInfo;
    },
    describeReplicaStorage: (topic, partition, brokerId) => guarded((s) => s.describeReplicaStorage(topic, partition, brokerId)),
    inspectSegment: (topic, partition, brokerId, baseOffset, fromBatch, limit) => guarded((s) => s.inspectSegment(topic, partition, brokerId, baseOffset, fromBatch, limit)),
    resetLab: async () => {
      if (readOnly) return { ok: false, errorName: readOnlyErrorName, message: readOnlyStorageMessage };
      if (!labReset) return { ok: false, errorName: 'UNSUPPORTED_VERSION', message: 'This host cannot replace its cluster.' };
      try {
        const before = storage() ? await storage()!.getStorageInfo() : emptyInfo;
        const result = await labReset();
        if (!result.ok) return { ok: false, errorName: result.errorName, message: result.message };
        return { ok: true, value: { labName: before.labName ?? 'in-memory', freedBytes: before.totalBytes } };
      } catch (error) {
        return { ok: false, errorName: 'KAFKA_STORAGE_ERROR', message: errorText(error) };
      }
    },
    deleteLab: async (labName) => {
      if (readOnly) return { ok: false, errorName: readOnlyErrorName, message: readOnlyStorageMessage };
      if (typeof labName !== 'string' || labName.length === 0) return { ok: false, errorName: 'INVALID_REQUEST', message: 'labName must name a lab.' };
      return guarded((s) => s.deleteLab(labName));
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
