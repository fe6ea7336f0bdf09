/**
 * Disk storage for replica logs (issue 15): each broker's `log.dirs` is `<labDir>/broker-<id>`,
 * laid out as Kafka lays out a log directory — `meta.properties`, the broker-level checkpoints
 * (recovery-point-offset-checkpoint, replication-offset-checkpoint, log-start-offset-checkpoint),
 * a `.kafka_cleanshutdown` marker after a clean stop (Kafka's CleanShutdownFileHandler), and one
 * `<topic>-<partition>/` directory per replica with its segments, `leader-epoch-checkpoint` and
 * `partition.metadata`. Writes are synchronous appends to the page cache, like Kafka's; a rolled
 * segment is flushed (fsync) as Kafka flushes it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LogStorage, RecoveredLog, ReplicaLogAddress, ReplicaLogStore } from '../cluster/log/log-storage';
import type { StoredBatch } from '../cluster/log/stored-batch';
import { closeFilesUnder } from './file-cache';
import { DiskBatch, DiskSegment, rememberBytes, writeAll, writeAllPending } from './disk-segment';
import { decodeOffsetCheckpoint, encodeLeaderEpochCheckpoint, encodeOffsetCheckpoint, type PartitionOffset } from './format/checkpoint-file';
import { encodeProducerSnapshot, PRODUCER_SNAPSHOT_SUFFIX } from './format/producer-snapshot';
import type { ProducerSnapshotRow } from '../cluster/producers/producer-state';
import { baseOffsetOfFile, CLEANED_SUFFIX, LEADER_EPOCH_CHECKPOINT, LOG_START_OFFSET_CHECKPOINT, partitionDirName, segmentFileName, RECOVERY_POINT_CHECKPOINT, REPLICATION_OFFSET_CHECKPOINT, SWAP_SUFFIX } from './format/file-names';
import { decodeMetaProperties, encodeMetaProperties, META_PROPERTIES_FILE } from './format/meta-properties';
import { decodePartitionMetadata, encodePartitionMetadata, PARTITION_METADATA_FILE } from './format/partition-metadata';
import { loadLog } from './log-loader';
import { forgetSegment, readSegmentBatches } from './segment-read';

export const CLEAN_SHUTDOWN_FILE = '.kafka_cleanshutdown';

/** A replica's log directory: segments by base offset. */
class DiskReplicaLogStore implements ReplicaLogStore {
  readonly segments = new Map<number, DiskSegment>();
  recovered: RecoveredLog | null = null;
  private lastAppendSegment: DiskSegment | null = null;
  /** The segment created last, deleted again if the model starts the log elsewhere before writing to it. */
  private created: DiskSegment | null = null;

  constructor(readonly dir: string, private readonly owner: { detached: boolean }) {}

  append(segmentBaseOffset: number, batch: StoredBatch): StoredBatch {
    if (this.owner.detached) return batch;
    let seg = this.segments.get(segmentBaseOffset);
    if (!seg) {
      // The model moved an empty log to another start offset (a follower starting at its leader's
      // logStartOffset): the empty segment created with the log goes, as in truncateFullyAndStartAt.
      if (this.created && this.created.sizeBytes === 0 && this.segments.get(this.created.baseOffset) === this.created) this.deleteSegment(this.created.baseOffset);
      seg = this.createSegment(segmentBaseOffset);
    }
    if (this.lastAppendSegment !== seg) {
      this.lastAppendSegment?.flush();
      // Appends change the segment: headers cached while it was rolled (before a truncation made it active again) are stale.
      forgetSegment(seg);
    }
    this.lastAppendSegment = seg;
    const bytes = batch.buffer;
    const kept = seg.append(batch, bytes);
    rememberBytes(kept, bytes);
    return kept;
  }

  /** A new, empty segment (LogSegment.open creates the `.log` and both indexes together). */
  createSegment(baseOffset: number): DiskSegment {
    const seg = new DiskSegment(this.dir, baseOffset, this.owner);
    this.segments.set(baseOffset, seg);
    seg.create();
    this.created = seg;
    return seg;
  }

  truncateSegment(segmentBaseOffset: number, keptBatches: readonly StoredBatch[]): void {
    if (this.owner.detached) return;
    const seg = this.segments.get(segmentBaseOffset);
    if (!seg) return;
    const kept = keptBatches.filter((b): b is DiskBatch => b instanceof DiskBatch);
    const last = kept[kept.length - 1];
    forgetSegment(seg);
    seg.truncate(last ? last.position + last.sizeBytes : 0, kept);
    // Producer snapshots above the new log end describe records that are gone (ProducerStateManager.truncateAndReload).
    deleteProducerSnapshots(this.dir, (offset) => offset > (last ? last.lastOffset + 1 : segmentBaseOffset));
  }

  /**
   * The producer state at `offset` as `<offset>.snapshot` (ProducerStateManager.takeSnapshot, which
   * UnifiedLog.roll calls with the new segment's base offset), so a crash replays only the log after it.
   */
  takeProducerSnapshot(offset: number, rows: readonly ProducerSnapshotRow[]): void {
    if (this.owner.detached || !fs.existsSync(this.dir)) return;
    const file = path.join(this.dir, segmentFileName(offset, PRODUCER_SNAPSHOT_SUFFIX));
    fs.writeFileSync(file + '.tmp', encodeProducerSnapshot(rows));
    fs.renameSync(file + '.tmp', file);
  }

  /** Rolled segments are read back from their files (./segment-read.ts) while the lab directory is this host's. */
  get readsRolledSegments(): boolean {
    return !this.owner.detached;
  }

  readSegment(segmentBaseOffset: number, fromOffset: number, cache: boolean, maxBytes = Infinity): readonly StoredBatch[] {
    if (this.owner.detached) throw new Error(`KAFKA_STORAGE_ERROR: the lab directory of ${this.dir} was taken over or closed`);
    const seg = this.segments.get(segmentBaseOffset);
    if (!seg) throw new Error(`KAFKA_STORAGE_ERROR: ${this.dir} has no segment at base offset ${segmentBaseOffset}`);
    return readSegmentBatches(seg, fromOffset, cache, maxBytes);
  }

  deleteSegment(segmentBaseOffset: number): void {
    if (this.owner.detached) return;
    const seg = this.segments.get(segmentBaseOffset);
    if (!seg) return;
    this.segments.delete(segmentBaseOffset);
    if (this.lastAppendSegment === seg) this.lastAppendSegment = null;
    forgetSegment(seg);
    seg.delete();
    // The segment's producer snapshot goes with it (LocalLog.deleteSegmentFiles → ProducerStateManager.removeAndDeleteSnapshot).
    deleteProducerSnapshots(this.dir, (offset) => offset === segmentBaseOffset);
  }

  /** LogCleaner's swap: the kept batches go to `<base>.log.cleaned`, renamed `.log.swap`, then over `.log`. */
  replaceSegment(segmentBaseOffset: number, batches: readonly StoredBatch[]): StoredBatch[] {
    if (this.owner.detached) return [...batches];
    const old = this.segments.get(segmentBaseOffset);
    if (!old) return [...batches];
    const cleanedPath = old.logPath + CLEANED_SUFFIX;
    const swapPath = old.logPath + SWAP_SUFFIX;
    const bytes = batches.map((b) => b.buffer);
    const fd = fs.openSync(cleanedPath, 'w');
    try {
      for (const b of bytes) writeAll(fd, b);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(cleanedPath, swapPath);
    forgetSegment(old);
    old.delete();
    fs.renameSync(swapPath, old.logPath);
    const seg = new DiskSegment(this.dir, segmentBaseOffset, this.owner);
    this.segments.set(segmentBaseOffset, seg);
    const kept: DiskBatch[] = [];
    let pos = 0;
    batches.forEach((b, i) => {
      kept.push(DiskBatch.of(seg, pos, { ...pick(b), sizeBytes: bytes[i]!.length }));
      pos += bytes[i]!.length;
    });
    seg.sizeBytes = pos;
    seg.writtenBytes = pos;
    seg.rebuildIndexes(kept);
    return kept;
  }

  /** fsync of the segment appends went to (earlier segments were fsynced when appends moved on: LocalLog.roll). */
  flush(): void {
    if (this.owner.detached) return;
    this.lastAppendSegment?.flush();
  }

  deleteAll(): void {
    if (this.owner.detached) return;
    for (const seg of this.segments.values()) {
      seg.dropPending();
      forgetSegment(seg);
    }
    this.segments.clear();
    this.lastAppendSegment = null;
    closeFilesUnder(this.dir + path.sep);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function pick(b: StoredBatch): StoredBatch {
  return {
    buffer: Buffer.alloc(0), sizeBytes: b.sizeBytes, baseOffset: b.baseOffset, lastOffset: b.lastOffset, recordCount: b.recordCount, leaderEpoch: b.leaderEpoch, maxTimestamp: b.maxTimestamp,
    producerId: b.producerId, producerEpoch: b.producerEpoch, baseSequence: b.baseSequence, isTransactional: b.isTransactional, isControl: b.isControl, appendTimeMs: b.appendTimeMs,
  };
}

/** What each broker checkpoints for one replica (LogManager / ReplicaManager checkpoint tasks). */
export interface ReplicaCheckpoint {
  brokerId: number;
  topic: string;
  partition: number;
  logStartOffset: number;
  highWatermark: number;
  /** Offset below which the log is flushed (the model's ReplicaLog.recoveryPoint: rolls, flush.messages, flush.ms, clean stops). */
  recoveryPoint: number;
  epochs: readonly { epoch: number; startOffset: number }[];
}

/** Deletes the `<offset>.snapshot` files of `dir` whose offset matches. */
function deleteProducerSnapshots(dir: string, matches: (offset: number) => boolean): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const offset = baseOffsetOfFile(name, PRODUCER_SNAPSHOT_SUFFIX);
    if (offset !== null && matches(offset)) fs.rmSync(path.join(dir, name), { force: true });
  }
}

export class DiskLogStorage implements LogStorage {
  readonly kind = 'disk';
  private readonly checkpoints = new Map<number, { logStart: Map<string, number>; highWatermarks: Map<string, number>; clean: boolean }>();
  private readonly stores = new Map<string, DiskReplicaLogStore>();
  /** The leader-epoch-checkpoint text last written per file, so an unchanged one is not rewritten. */
  private readonly epochCheckpoints = new Map<string, string>();
  /** Set when another host took the lab over (or this one closed): nothing is written or read any more. */
  detached = false;

  /**
   * @param labDir the lab's directory; broker i's log.dirs is `<labDir>/broker-<i>`
   * @param clusterId written to (and checked against) each broker's meta.properties
   * @param nowMs simulated time recovered batches are stamped with as their append time
   */
  constructor(readonly labDir: string, private readonly clusterId: string, private readonly nowMs: () => number) {}

  brokerDir(brokerId: number): string {
    return path.join(this.labDir, `broker-${brokerId}`);
  }

  /** Reads or writes meta.properties and the broker's checkpoints, once per broker; throws on another cluster's directory. */
  /** Opens a broker's log directory at start: meta.properties written or checked, checkpoints read (LogManager start-up). */
  openBroker(brokerId: number): void {
    this.brokerState(brokerId);
  }

  private brokerState(brokerId: number): { logStart: Map<string, number>; highWatermarks: Map<string, number>; clean: boolean } {
    const known = this.checkpoints.get(brokerId);
    if (known) return known;
    const dir = this.brokerDir(brokerId);
    fs.mkdirSync(dir, { recursive: true });
    const metaPath = path.join(dir, META_PROPERTIES_FILE);
    if (fs.existsSync(metaPath)) {
      const meta = decodeMetaProperties(fs.readFileSync(metaPath, 'utf8'));
      if (meta.clusterId !== this.clusterId) throw new Error(`KAFKA_STORAGE_ERROR: ${dir} belongs to cluster ${meta.clusterId}, not ${this.clusterId} (Invalid cluster.id in meta.properties)`);
      if (meta.nodeId !== brokerId) throw new Error(`KAFKA_STORAGE_ERROR: ${dir} holds node.id ${meta.nodeId}, not ${brokerId} (Stored node id doesn't match)`);
    } else {
      writeAtomically(metaPath, encodeMetaProperties({ version: 1, clusterId: this.clusterId, nodeId: brokerId, directoryId: null }));
    }
    const read = (name: string): Map<string, number> => {
      const file = path.join(dir, name);
      const out = new Map<string, number>();
      if (!fs.existsSync(file)) return out;
      try {
        for (const e of decodeOffsetCheckpoint(fs.readFileSync(file, 'utf8'))) out.set(partitionDirName(e.topic, e.partition), e.offset);
      } catch {
        // A malformed checkpoint is ignored, as a missing one: recovery falls back to the log itself.
      }
      return out;
    };
    const cleanFile = path.join(dir, CLEAN_SHUTDOWN_FILE);
    const clean = fs.existsSync(cleanFile);
    fs.rmSync(cleanFile, { force: true });
    const state = { logStart: read(LOG_START_OFFSET_CHECKPOINT), highWatermarks: read(REPLICATION_OFFSET_CHECKPOINT), clean };
    this.checkpoints.set(brokerId, state);
    return state;
  }

  openReplica(a: ReplicaLogAddress): ReplicaLogStore {
    const state = this.brokerState(a.brokerId);
    const name = partitionDirName(a.topic, a.partition);
    const dir = path.join(this.brokerDir(a.brokerId), name);
    const store = new DiskReplicaLogStore(dir, this);
    this.epochCheckpoints.delete(path.join(dir, LEADER_EPOCH_CHECKPOINT));
    const metaPath = path.join(dir, PARTITION_METADATA_FILE);
    if (fs.existsSync(dir)) {
      let sameTopic: boolean;
      try {
        sameTopic = decodePartitionMetadata(fs.readFileSync(metaPath, 'utf8')).topicId === a.topicId;
      } catch {
        sameTopic = false;
      }
      if (sameTopic) {
        const loaded = loadLog(dir, this, !state.clean, state.logStart.get(name) ?? 0, state.highWatermarks.get(name) ?? 0, this.nowMs());
        for (const [base, seg] of loaded.segments) store.segments.set(base, seg);
        store.recovered = loaded.recovered;
      } else {
        // A directory left by a deleted topic of the same name (another topic ID): Kafka would not load it.
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
    fs.mkdirSync(dir, { recursive: true });
    if (a.topicId) writeAtomically(metaPath, encodePartitionMetadata(a.topicId));
    // A new log starts with its first segment's files, as Kafka's does when the partition is
    // created (UnifiedLog → LocalLog → LogSegment.open), not on the first produce.
    if (store.segments.size === 0 && !store.recovered) store.createSegment(0);
    this.stores.set(`${a.brokerId}/${name}`, store);
    return store;
  }

  /** Writes each broker's offset checkpoints and each replica's leader-epoch-checkpoint (tmp file, then rename, as CheckpointFile does). */
  writeCheckpoints(replicas: readonly ReplicaCheckpoint[], brokerIds: readonly number[]): void {
    // The checkpointed offsets never run ahead of the bytes in the files.
    writeAllPending();
    for (const brokerId of brokerIds) {
      const mine = replicas.filter((r) => r.brokerId === brokerId);
      const dir = this.brokerDir(brokerId);
      fs.mkdirSync(dir, { recursive: true });
      const entries = (f: (r: ReplicaCheckpoint) => number): PartitionOffset[] => mine.map((r) => ({ topic: r.topic, partition: r.partition, offset: f(r) }));
      writeAtomically(path.join(dir, REPLICATION_OFFSET_CHECKPOINT), encodeOffsetCheckpoint(entries((r) => r.highWatermark)));
      writeAtomically(path.join(dir, LOG_START_OFFSET_CHECKPOINT), encodeOffsetCheckpoint(entries((r) => r.logStartOffset)));
      writeAtomically(path.join(dir, RECOVERY_POINT_CHECKPOINT), encodeOffsetCheckpoint(entries((r) => r.recoveryPoint)));
      for (const r of mine) {
        // Kafka writes a leader-epoch-checkpoint when its epochs change (LeaderEpochFileCache), not per interval.
        const file = path.join(dir, partitionDirName(r.topic, r.partition), LEADER_EPOCH_CHECKPOINT);
        const text = encodeLeaderEpochCheckpoint(r.epochs);
        if (this.epochCheckpoints.get(file) === text) continue;
        if (!fs.existsSync(path.dirname(file))) continue;
        writeAtomically(file, text);
        this.epochCheckpoints.set(file, text);
      }
    }
  }

  /**
   * On a clean stop: each replica's producer state as `<logEndOffset>.snapshot` (ProducerStateManager.takeSnapshot
   * from UnifiedLog.close), replacing older snapshots of the replica; the next clean start loads it
   * instead of reading the whole log.
   */
  writeProducerSnapshots(replicas: readonly { brokerId: number; topic: string; partition: number; logEndOffset: number; rows: readonly ProducerSnapshotRow[] }[]): void {
    for (const r of replicas) {
      const pdir = path.join(this.brokerDir(r.brokerId), partitionDirName(r.topic, r.partition));
      if (!fs.existsSync(pdir)) continue;
      const name = segmentFileName(r.logEndOffset, PRODUCER_SNAPSHOT_SUFFIX);
      // The roll snapshots below stay (each goes with its segment); any above the log end is stale.
      deleteProducerSnapshots(pdir, (offset) => offset > r.logEndOffset);
      const file = path.join(pdir, name);
      fs.writeFileSync(file + '.tmp', encodeProducerSnapshot(r.rows));
      fs.renameSync(file + '.tmp', file);
    }
  }

  /** Closes this storage's files; from now on its replica logs keep new batches in memory and read nothing from disk. */
  detach(): void {
    if (!this.detached) writeAllPending();
    this.detached = true;
    closeFilesUnder(this.labDir + path.sep);
  }

  /** After a clean stop: the marker that lets the next start skip CRC validation (Kafka's clean shutdown file). */
  markCleanShutdown(brokerIds: readonly number[]): void {
    writeAllPending();
    for (const id of brokerIds) {
      const dir = this.brokerDir(id);
      if (fs.existsSync(dir)) fs.writeFileSync(path.join(dir, CLEAN_SHUTDOWN_FILE), '');
    }
  }
}

/** Writes `<file>.tmp` and renames it over `file`, so a reader never sees half a file. */
export function writeAtomically(file: string, text: string): void {
  const tmp = file + '.tmp';
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}
