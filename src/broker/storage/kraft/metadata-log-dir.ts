/**
 * The lab's controller directory, laid out as a KRaft controller's metadata.log.dir:
 *
 *   <labDir>/metadata/meta.properties                     cluster.id, node.id, directory.id, version=1
 *   <labDir>/metadata/__cluster_metadata-0/quorum-state   Raft's election state (FileQuorumStateStore, data_version 0)
 *   <labDir>/metadata/__cluster_metadata-0/<endOffset>-<epoch>.checkpoint   the newest snapshot
 *
 * Why only a snapshot, rewritten on change: the model's controller is rebuilt from the saved state at
 * every start (it replays no log), so one self-contained snapshot is the whole truth and a restart
 * reads exactly one file. Each change writes a new snapshot to `<id>.checkpoint.part`, renames it
 * into place (atomic, as Kafka's FileRawSnapshotWriter.freeze does) and then deletes the older
 * snapshots (Kafka's log cleaning of snapshots below the log start), so a crash at any point leaves
 * a complete snapshot. The lab keeps no metadata log, so a snapshot's endOffset counts the saved
 * versions of the lab's metadata (each rewrite takes the next offset, so the newest is the highest
 * id, as KafkaMetadataLog picks it); its epoch is the controller epoch, never lower than the last
 * snapshot's.
 *
 * A snapshot that cannot be read refuses the start with the file and the reason (Kafka's controller
 * fails on a corrupt snapshot too): it is the only copy of the lab's topics, configs and users, so
 * recovering a prefix would silently drop topics whose records are still on disk. Leftover
 * `.checkpoint.part` / `.checkpoint.deleted` files (a crash mid-write) are deleted, as
 * KafkaMetadataLog does at start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LabMetadata } from '../lab-metadata';
import { decodeMetaProperties, encodeMetaProperties, META_PROPERTIES_FILE } from '../format/meta-properties';
import { writeAtomically } from '../disk-log-storage';
import { derivedUuid, encodeLabMetadataRecords } from './lab-metadata-records';
import { replayLabMetadata } from './lab-metadata-replay';
import {
  decodeSnapshot, encodeSnapshot, parseSnapshotFileName, snapshotFileName, PARTIAL_SNAPSHOT_SUFFIX, type SnapshotId,
} from './snapshot-file';

export const METADATA_LOG_DIR = 'metadata';
export const METADATA_PARTITION_DIR = '__cluster_metadata-0';
export const QUORUM_STATE_FILE = 'quorum-state';

/** Largest snapshot read (a lab's metadata is far smaller; this bounds a hostile file). */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

export function metadataPartitionDir(labDir: string): string {
  return path.join(labDir, METADATA_LOG_DIR, METADATA_PARTITION_DIR);
}

/** The complete snapshots of the directory, newest last; deletes partial and deleted ones. */
export function listSnapshots(partitionDir: string): (SnapshotId & { file: string })[] {
  if (!fs.existsSync(partitionDir)) return [];
  const out: (SnapshotId & { file: string })[] = [];
  for (const name of fs.readdirSync(partitionDir)) {
    const id = parseSnapshotFileName(name);
    if (!id) continue;
    if (id.state !== 'complete') {
      fs.rmSync(path.join(partitionDir, name), { force: true });
      continue;
    }
    out.push({ endOffset: id.endOffset, epoch: id.epoch, file: path.join(partitionDir, name) });
  }
  return out.sort((a, b) => a.endOffset - b.endOffset || a.epoch - b.epoch);
}

/** Raft's QuorumStateData v0 as FileQuorumStateStore writes it (JSON with data_version). */
export function encodeQuorumState(q: { leaderId: number; leaderEpoch: number; voters: readonly number[] }): string {
  return JSON.stringify({
    clusterId: '', leaderId: q.leaderId, leaderEpoch: q.leaderEpoch, votedId: -1, appliedOffset: 0,
    currentVoters: q.voters.map((voterId) => ({ voterId })), data_version: 0,
  });
}

/**
 * Writes the lab's metadata as a new snapshot (and meta.properties, quorum-state), then deletes the
 * older snapshots. Returns the new snapshot's id. `nowMs`: wall ms, the batches' timestamps.
 * @throws Error from node:fs (the caller reports KAFKA_STORAGE_ERROR and keeps serving).
 */
export function writeKraftMetadata(labDir: string, metadata: LabMetadata, nowMs: number): SnapshotId {
  const dir = metadataPartitionDir(labDir);
  fs.mkdirSync(dir, { recursive: true });
  const previous = listSnapshots(dir);
  const last = previous[previous.length - 1];
  const voters = metadata.quorum?.voters ?? metadata.brokerIds.slice(0, 3);
  const id: SnapshotId = { endOffset: (last?.endOffset ?? 0) + 1, epoch: Math.max(last?.epoch ?? 0, metadata.quorum?.leaderEpoch ?? 0) };
  const metaFile = path.join(labDir, METADATA_LOG_DIR, META_PROPERTIES_FILE);
  const nodeId = voters[0] ?? metadata.brokerIds[0] ?? 0;
  writeAtomically(metaFile, encodeMetaProperties({ version: 1, clusterId: metadata.clusterId, nodeId, directoryId: derivedUuid(`${metadata.clusterId}/metadata-log-dir`) }));
  writeAtomically(path.join(dir, QUORUM_STATE_FILE), encodeQuorumState({ leaderId: metadata.quorum?.leaderId ?? -1, leaderEpoch: id.epoch, voters }));
  const bytes = encodeSnapshot(encodeLabMetadataRecords(metadata), { id, timestampMs: nowMs, lastContainedLogTimestamp: nowMs });
  const file = path.join(dir, snapshotFileName(id));
  const partial = file.slice(0, -'.checkpoint'.length) + PARTIAL_SNAPSHOT_SUFFIX;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
  for (const old of previous) fs.rmSync(old.file, { force: true });
  return id;
}

/**
 * The lab's metadata from its newest snapshot, or null when the lab has none.
 * @throws Error `KAFKA_STORAGE_ERROR: <file>: <what is wrong>` for an unreadable meta.properties or snapshot.
 */
export function readKraftMetadata(labDir: string): { metadata: LabMetadata; id: SnapshotId; file: string } | null {
  const dir = metadataPartitionDir(labDir);
  const snapshots = listSnapshots(dir);
  const newest = snapshots[snapshots.length - 1];
  if (!newest) return null;
  const metaFile = path.join(labDir, METADATA_LOG_DIR, META_PROPERTIES_FILE);
  let clusterId: string;
  try {
    clusterId = decodeMetaProperties(fs.readFileSync(metaFile, 'utf8')).clusterId;
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${metaFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing (it holds the cluster ID of the snapshot beside it)' : (e as Error).message}`, { cause: e });
  }
  try {
    const size = fs.statSync(newest.file).size;
    if (size > MAX_SNAPSHOT_BYTES) throw new Error(`${size} bytes, more than the ${MAX_SNAPSHOT_BYTES} a lab snapshot may hold`);
    const snapshot = decodeSnapshot(fs.readFileSync(newest.file));
    return { metadata: replayLabMetadata(clusterId, snapshot.records), id: newest, file: newest.file };
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${newest.file}: ${(e as Error).message}. Kafka Lab refuses to start on it rather than lose the lab's topics (restore the file from a copy, or reset the lab to start afresh)`, { cause: e });
  }
}

