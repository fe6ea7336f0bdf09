/**
 * The lab's controller directory, laid out as a KRaft controller's metadata.log.dir:
 *
 *   <labDir>/metadata/meta.properties                     cluster.id, node.id, directory.id, version=1
 *   <labDir>/metadata/__cluster_metadata-0/quorum-state   Raft's election state (FileQuorumStateStore, data_version 0)
 *   <labDir>/metadata/__cluster_metadata-0/<baseOffset>.log                 the metadata log (./metadata-log.ts)
 *   <labDir>/metadata/__cluster_metadata-0/<endOffset>-<epoch>.checkpoint   the newest snapshot (./snapshot-file.ts)
 *
 * KraftMetadataStore keeps them as Kafka's controller does: each change of the metadata is appended
 * to the log as the records of that change (./metadata-delta.ts), in the quorum's epoch; a snapshot
 * of the whole image is written when enough has been appended since the last one, following
 * Kafka's SnapshotGenerator (metadata.log.max.record.bytes.between.snapshots, default 20 MiB; or
 * metadata.log.max.snapshot.interval.ms, default 1 hour, once anything was appended; KIP-876). A
 * snapshot goes to `<id>.checkpoint.part` and is renamed into place (FileRawSnapshotWriter.freeze);
 * then the older snapshots are deleted, the log rolls to a segment starting at the snapshot's end
 * offset and the segments it covers are deleted (Kafka deletes them under metadata.max.retention.*;
 * the lab keeps only what a restart needs). A start reads the newest snapshot and replays the log
 * after its end offset (KafkaRaftClient / MetadataLoader), after cutting a torn log tail.
 *
 * A snapshot that cannot be read refuses the start with the file and the reason (Kafka's controller
 * fails on a corrupt snapshot too): recovering a prefix would silently drop topics whose records
 * are still on disk. Leftover `.checkpoint.part` / `.checkpoint.deleted` files (a crash mid-write)
 * are deleted, as KafkaMetadataLog does at start.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LabMetadata } from '../lab-metadata';
import { decodeMetaProperties, encodeMetaProperties, META_PROPERTIES_FILE } from '../format/meta-properties';
import { writeAtomically } from '../disk-log-storage';
import { aclKey, derivedUuid, encodeLabMetadataRecords } from './lab-metadata-records';
import { MetadataImageBuilder } from './lab-metadata-replay';
import { metadataDeltaRecords } from './metadata-delta';
import { MetadataLogWriter, recoverMetadataLog } from './metadata-log';
import { decodeMetadataRecord, encodeMetadataRecord, type MetadataRecordInput } from './metadata-record-codec';
import { METADATA_VERSION_LEVEL } from './metadata-schemas';
import {
  decodeSnapshot, encodeSnapshot, parseSnapshotFileName, snapshotFileName, PARTIAL_SNAPSHOT_SUFFIX, type SnapshotId,
} from './snapshot-file';

export const METADATA_LOG_DIR = 'metadata';
export const METADATA_PARTITION_DIR = '__cluster_metadata-0';
export const QUORUM_STATE_FILE = 'quorum-state';

/** Largest snapshot read (a lab's metadata is far smaller; this bounds a hostile file). */
const MAX_SNAPSHOT_BYTES = 256 * 1024 * 1024;

/** When a snapshot is written (Kafka's SnapshotGenerator settings). */
export interface MetadataSnapshotPolicy {
  /** metadata.log.max.record.bytes.between.snapshots: bytes appended to the log that trigger a snapshot. */
  maxRecordBytesBetweenSnapshots: number;
  /** metadata.log.max.snapshot.interval.ms: wall ms after the last snapshot (or the start) that trigger one once anything was appended; 0 = never. */
  maxSnapshotIntervalMs: number;
}

/** Kafka's defaults: 20 MiB, 1 hour (KIP-876). */
export const DEFAULT_SNAPSHOT_POLICY: MetadataSnapshotPolicy = { maxRecordBytesBetweenSnapshots: 20 * 1024 * 1024, maxSnapshotIntervalMs: 3_600_000 };

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

/** What the metadata log's recovery cut (reported by the host). */
export interface MetadataLogTruncation {
  bytes: number;
  reason: string;
}

/** The lab's KRaft metadata directory: the image replayed from it, and the writer of its log and snapshots. */
export class KraftMetadataStore {
  private readonly dir: string;
  private writer: MetadataLogWriter;
  private bytesSinceLastSnapshot = 0;
  private lastSnapshotMs: number;
  /** The epoch the store had recovered: the lab's epochs continue above it. */
  private readonly recoveredEpoch: number;
  private metaPropertiesWritten = false;

  private constructor(
    private readonly labDir: string,
    image: MetadataImageBuilder | null,
    readonly snapshotId: SnapshotId | null,
    readonly truncation: MetadataLogTruncation | null,
    logEndOffset: number,
    lastEpoch: number,
    private readonly policy: MetadataSnapshotPolicy,
    nowMs: number,
  ) {
    this.dir = metadataPartitionDir(labDir);
    this.writer = new MetadataLogWriter(this.dir, logEndOffset, lastEpoch);
    this.recoveredEpoch = Math.max(0, lastEpoch);
    this.lastSnapshotMs = nowMs;
    this.metaPropertiesWritten = image !== null;
    this.current = image ?? new MetadataImageBuilder('');
    this.recoveredMetadata = image ? image.build() : null;
  }

  /** The image as written so far (replayed from what was appended). */
  private current: MetadataImageBuilder;
  private readonly recoveredMetadata: LabMetadata | null;

  /**
   * Opens the lab's metadata directory: the newest snapshot, then the log after it (a torn tail cut).
   * @throws Error `KAFKA_STORAGE_ERROR: <file>: <what is wrong>` for an unreadable meta.properties, snapshot or log record.
   */
  static open(labDir: string, policy: MetadataSnapshotPolicy = DEFAULT_SNAPSHOT_POLICY, nowMs = Date.now()): KraftMetadataStore {
    const read = readImage(labDir);
    return new KraftMetadataStore(labDir, read.image, read.snapshotId, read.truncation, read.logEndOffset, read.lastEpoch, policy, nowMs);
  }

  /** The metadata recovered at open, or null for a new lab. */
  recovered(): LabMetadata | null {
    return this.recoveredMetadata;
  }

  get logEndOffset(): number {
    return this.writer.logEndOffset;
  }

  /**
   * Appends the records that turn the stored image into `next` (none when equal), then writes a
   * snapshot when the policy says so. Returns the number of records appended.
   * @throws Error from node:fs (the caller reports KAFKA_STORAGE_ERROR and keeps serving).
   */
  append(next: LabMetadata, nowMs: number): number {
    const fresh = this.current.metadataVersion === null;
    if (fresh) this.current = new MetadataImageBuilder(next.clusterId);
    const prev = fresh ? emptyMetadata(next.clusterId) : this.current.build(true);
    const aclIds = new Map([...this.current.aclsById].map(([id, a]) => [aclKey(a), id]));
    const firstOffset = this.writer.logEndOffset + (this.epochFor(next) !== this.writer.lastEpoch ? 1 : 0);
    const records: MetadataRecordInput[] = [
      ...(fresh ? [{ name: 'FeatureLevelRecord' as const, data: { name: 'metadata.version', featureLevel: METADATA_VERSION_LEVEL } }] : []),
      ...metadataDeltaRecords(prev, next, firstOffset + (fresh ? 1 : 0), aclIds),
    ];
    if (records.length > 0) {
      const epoch = this.epochFor(next);
      const voters = next.quorum?.voters ?? next.brokerIds.slice(0, 3);
      const values = records.map(encodeMetadataRecord);
      const offsets = this.writer.offsetsOf(values.length, epoch);
      try {
        // The records are replayed (decoded from their bytes) before they are written: a record a
        // restart would refuse is never written, and the image is exactly what a restart reads.
        values.forEach((value, i) => this.current.replay({ offset: offsets[i]!, ...decodeMetadataRecord(value) }));
        if (!this.metaPropertiesWritten) this.writeMetaProperties(next);
        if (epoch !== this.writer.lastEpoch) writeAtomically(path.join(this.dir, QUORUM_STATE_FILE), encodeQuorumState({ leaderId: next.quorum?.leaderId ?? -1, leaderEpoch: epoch, voters }));
        const { bytes } = this.writer.append(values, epoch, { leaderId: next.quorum?.leaderId ?? -1, voters }, nowMs);
        this.bytesSinceLastSnapshot += bytes;
      } catch (e) {
        // The image may hold part of what was not written: it is read again from the files.
        const reread = readImage(this.labDir);
        this.current = reread.image ?? new MetadataImageBuilder('');
        this.writer = new MetadataLogWriter(this.dir, reread.logEndOffset, reread.lastEpoch);
        throw e;
      }
    }
    this.maybeSnapshot(nowMs);
    return records.length;
  }

  /** SnapshotGenerator's triggers: enough bytes appended, or the interval passed with something appended. */
  maybeSnapshot(nowMs: number): SnapshotId | null {
    if (this.bytesSinceLastSnapshot === 0) return null;
    const bytesDue = this.bytesSinceLastSnapshot >= this.policy.maxRecordBytesBetweenSnapshots;
    const timeDue = this.policy.maxSnapshotIntervalMs > 0 && nowMs - this.lastSnapshotMs >= this.policy.maxSnapshotIntervalMs;
    return bytesDue || timeDue ? this.snapshot(nowMs) : null;
  }

  /** Writes a snapshot of the image at the log end offset, deletes older snapshots and the log segments it covers. */
  snapshot(nowMs: number): SnapshotId {
    const id: SnapshotId = { endOffset: this.writer.logEndOffset, epoch: Math.max(0, this.writer.lastEpoch) };
    const image = this.current.build();
    const aclIds = new Map([...this.current.aclsById].map(([aclId, a]) => [aclKey(a), aclId]));
    const previous = listSnapshots(this.dir);
    const bytes = encodeSnapshot(encodeLabMetadataRecords(image, aclIds), { id, timestampMs: nowMs, lastContainedLogTimestamp: nowMs });
    const file = path.join(this.dir, snapshotFileName(id));
    const partial = file.slice(0, -'.checkpoint'.length) + PARTIAL_SNAPSHOT_SUFFIX;
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file);
    for (const old of previous) if (old.file !== file) fs.rmSync(old.file, { force: true });
    this.writer.roll();
    this.writer.deleteSegmentsBelow(id.endOffset);
    this.bytesSinceLastSnapshot = 0;
    this.lastSnapshotMs = nowMs;
    return id;
  }

  /** The quorum epoch to write in: the lab's epochs continue above the recovered one, never going back. */
  private epochFor(next: LabMetadata): number {
    return Math.max(this.writer.lastEpoch, this.recoveredEpoch + Math.max(1, next.quorum?.leaderEpoch ?? 1));
  }

  private writeMetaProperties(next: LabMetadata): void {
    const voters = next.quorum?.voters ?? next.brokerIds.slice(0, 3);
    const nodeId = voters[0] ?? next.brokerIds[0] ?? 0;
    fs.mkdirSync(path.join(this.labDir, METADATA_LOG_DIR), { recursive: true });
    writeAtomically(path.join(this.labDir, METADATA_LOG_DIR, META_PROPERTIES_FILE), encodeMetaProperties({ version: 1, clusterId: next.clusterId, nodeId, directoryId: derivedUuid(`${next.clusterId}/metadata-log-dir`) }));
    this.metaPropertiesWritten = true;
  }
}

/** The image the snapshot and log of the lab hold (null for a new lab), after cutting a torn log tail. */
function readImage(labDir: string): { image: MetadataImageBuilder | null; snapshotId: SnapshotId | null; truncation: MetadataLogTruncation | null; logEndOffset: number; lastEpoch: number } {
  const dir = metadataPartitionDir(labDir);
  const snapshots = listSnapshots(dir);
  const newest = snapshots[snapshots.length - 1] ?? null;
  const fromOffset = newest?.endOffset ?? 0;
  const log = recoverMetadataLog(dir, fromOffset);
  if (!newest && log.records.length === 0) return { image: null, snapshotId: null, truncation: truncationOf(log), logEndOffset: log.logEndOffset, lastEpoch: log.lastEpoch };
  if (log.logStartOffset > fromOffset && log.records.length > 0) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${dir}: the metadata log starts at offset ${log.logStartOffset}, after the newest snapshot's end offset ${fromOffset}: records are missing`);
  }
  const image = new MetadataImageBuilder(readClusterId(labDir));
  if (newest) {
    try {
      const size = fs.statSync(newest.file).size;
      if (size > MAX_SNAPSHOT_BYTES) throw new Error(`${size} bytes, more than the ${MAX_SNAPSHOT_BYTES} a lab snapshot may hold`);
      for (const r of decodeSnapshot(fs.readFileSync(newest.file)).records) image.replay(r);
    } catch (e) {
      throw new Error(`KAFKA_STORAGE_ERROR: ${newest.file}: ${(e as Error).message}. Kafka Lab refuses to start on it rather than lose the lab's topics (restore the file from a copy, or reset the lab to start afresh)`, { cause: e });
    }
  }
  try {
    for (const r of log.records) image.replay(r);
    image.build(true);
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${dir} (metadata log): ${(e as Error).message}. Kafka Lab refuses to start on it rather than lose the lab's topics (restore the directory from a copy, or reset the lab to start afresh)`, { cause: e });
  }
  return {
    image, snapshotId: newest ? { endOffset: newest.endOffset, epoch: newest.epoch } : null, truncation: truncationOf(log),
    logEndOffset: Math.max(log.logEndOffset, fromOffset), lastEpoch: Math.max(log.lastEpoch, newest?.epoch ?? -1),
  };
}

function truncationOf(log: { truncatedBytes: number; truncationReason: string | null }): MetadataLogTruncation | null {
  return log.truncationReason ? { bytes: log.truncatedBytes, reason: log.truncationReason } : null;
}

function readClusterId(labDir: string): string {
  const metaFile = path.join(labDir, METADATA_LOG_DIR, META_PROPERTIES_FILE);
  try {
    return decodeMetaProperties(fs.readFileSync(metaFile, 'utf8')).clusterId;
  } catch (e) {
    throw new Error(`KAFKA_STORAGE_ERROR: ${metaFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing (it holds the cluster ID of the metadata beside it)' : (e as Error).message}`, { cause: e });
  }
}

function emptyMetadata(clusterId: string): LabMetadata {
  return { version: 1, clusterId, brokerIds: [], brokers: [], topics: [], dynamicBrokerConfigs: { clusterDefault: {}, perBroker: {} }, nextProducerId: 0, scramCredentials: [], acls: [], clientQuotas: [] };
}

/** The lab's metadata as its snapshot and log hold it, or null when the lab has none (a torn log tail is cut). */
export function readKraftMetadata(labDir: string): { metadata: LabMetadata; snapshotId: SnapshotId | null } | null {
  const store = KraftMetadataStore.open(labDir);
  const metadata = store.recovered();
  return metadata ? { metadata, snapshotId: store.snapshotId } : null;
}

/** Appends `metadata` to the lab's metadata log and writes a snapshot of it (a conversion, or a tool writing a lab). */
export function writeKraftMetadata(labDir: string, metadata: LabMetadata, nowMs: number): SnapshotId {
  const store = KraftMetadataStore.open(labDir, DEFAULT_SNAPSHOT_POLICY, nowMs);
  store.append(metadata, nowMs);
  return store.snapshot(nowMs);
}
