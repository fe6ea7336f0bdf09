/**
 * The host side of disk storage (issue 15): opens a lab directory for a new cluster (restoring
 * its metadata and replica logs), and keeps the lab's checkpoints current while it runs — the
 * KRaft metadata log (the records of each change of the controller's metadata, and snapshots as
 * Kafka's SnapshotGenerator takes them; ../storage/kraft/metadata-log-dir.ts), each broker's offset checkpoints
 * and leader-epoch-checkpoint files every CHECKPOINT_INTERVAL_MS of wall time (Kafka:
 * replica.high.watermark.checkpoint.interval.ms = 5000), and all of them plus the clean-shutdown
 * marker and each replica's producer state snapshot on close.
 */
import type { SimCluster } from '../cluster/cluster';
import { DiskLogStorage, type ReplicaCheckpoint } from '../storage/disk-log-storage';
import { closeFilesUnder } from '../storage/file-cache';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { captureLabMetadata, convertLegacyLabMetadata, LEGACY_LAB_METADATA_FILE, restoreLabMetadata, type LabMetadata, type SavedEndpoint } from '../storage/lab-metadata';
import { DEFAULT_SNAPSHOT_POLICY, KraftMetadataStore, METADATA_LOG_DIR, METADATA_PARTITION_DIR, type MetadataSnapshotPolicy } from '../storage/kraft/metadata-log-dir';
import type { ListenerView } from '../../shared/listener-view';

export const CHECKPOINT_INTERVAL_MS = 5000;
/** How often (wall ms) the controller's metadata is compared with what the lab last saved. */
const METADATA_CHECK_INTERVAL_MS = 200;
/** SecurityProtocol ids (RegisterBrokerRecord.EndPoints.SecurityProtocol). */
const SECURITY_PROTOCOL_IDS: Record<string, number> = { PLAINTEXT: 0, SSL: 1, SASL_PLAINTEXT: 2, SASL_SSL: 3 };

export interface LabStorageOptions {
  /** The lab's directory (created when missing). */
  labDir: string;
  /** The lab's name, as shown (its directory's name under the data root). */
  labName: string;
  /** Delete the lab's data first ("reset lab"): a lab held by another host in this process is detached from it. */
  reset?: boolean;
  /** When the metadata log is snapshotted (default Kafka's: 20 MiB or 1 hour). */
  metadataSnapshots?: MetadataSnapshotPolicy;
}

/** The metadata store each prepared lab directory opened, waiting for LabStorage.open. */
const preparedStores = new Map<string, KraftMetadataStore>();

/** The lab storage open on each lab directory in this process: a second open detaches the first. */
const openLabs = new Map<string, LabStorage>();

export class LabStorage {
  private lastMetadata = '';
  private lastCheckpointMs = 0;
  private lastMetadataCheckMs = 0;
  private lastMetadataOffset = -1;
  private closed = false;
  /** The brokers' listeners as the host bound them (RegisterBrokerRecord.EndPoints); set once the ports are bound. */
  private listenerViews: (() => readonly ListenerView[]) | null = null;

  private constructor(
    readonly options: LabStorageOptions,
    readonly disk: DiskLogStorage,
    private readonly cluster: SimCluster,
    private readonly brokerIds: readonly number[],
    /** Topics recovered at open (0 for a new lab). */
    readonly recoveredTopics: number,
    readonly metadataStore: KraftMetadataStore,
  ) {}

  /**
   * The saved metadata (its cluster ID names the model) — after deleting the lab's data when `reset`:
   * the newest KRaft snapshot and the metadata log after it (a torn tail cut), or a legacy JSON lab converted.
   * @throws Error `KAFKA_STORAGE_ERROR: <file>: …` when the metadata cannot be read (the start is refused).
   */
  static prepare(options: LabStorageOptions): LabMetadata | null {
    if (options.reset) {
      openLabs.get(options.labDir)?.detach();
      deleteLabData(options.labDir);
    }
    convertLegacyLabMetadata(options.labDir);
    const store = KraftMetadataStore.open(options.labDir, options.metadataSnapshots ?? DEFAULT_SNAPSHOT_POLICY);
    preparedStores.set(options.labDir, store);
    return store.recovered();
  }

  /** Records the brokers' listeners in their registrations from now on (the host calls it once its ports are bound). */
  setListenerViews(views: () => readonly ListenerView[]): void {
    this.listenerViews = views;
  }

  /** Stops writing to the lab for good without a clean-shutdown mark (another host of this process took the lab over). */
  detach(): void {
    if (this.closed) return;
    this.closed = true;
    this.disk.detach();
    if (openLabs.get(this.options.labDir) === this) openLabs.delete(this.options.labDir);
  }

  /** Attaches disk storage to a just-created cluster and restores the lab's metadata into it. */
  static open(options: LabStorageOptions, cluster: SimCluster, brokerIds: readonly number[], saved: LabMetadata | null): LabStorage {
    openLabs.get(options.labDir)?.detach();
    const metadataStore = preparedStores.get(options.labDir) ?? KraftMetadataStore.open(options.labDir, options.metadataSnapshots ?? DEFAULT_SNAPSHOT_POLICY);
    preparedStores.delete(options.labDir);
    const disk = new DiskLogStorage(options.labDir, cluster.clusterId, () => cluster.now());
    cluster.core.logStorage = disk;
    for (const id of brokerIds) disk.openBroker(id);
    let recovered = 0;
    const securityFacts = saved ? (saved.scramCredentials?.length ?? 0) + (saved.acls?.length ?? 0) + (saved.clientQuotas?.length ?? 0) : 0;
    const dynamicConfigs = saved ? Object.keys(saved.dynamicBrokerConfigs.clusterDefault).length + Object.keys(saved.dynamicBrokerConfigs.perBroker).length : 0;
    if (saved && (saved.topics.length > 0 || securityFacts > 0 || dynamicConfigs > 0)) {
      restoreLabMetadata(cluster, saved);
      recovered = saved.topics.length;
      cluster.startedFromStoredData(
        `This session started from lab "${options.labName}" (${options.labDir}): ${recovered} topic(s) and their records${securityFacts > 0 ? ', SCRAM users, ACLs and client quotas' : ''}${dynamicConfigs > 0 ? ', dynamic broker configs' : ''} were recovered from disk, and no recording holds that data, so the session cannot be exported for replay. A session of a new or reset lab records its inputs and replays the same on disk or in memory.`,
      );
    }
    const truncation = metadataStore.truncation;
    if (truncation) {
      // A torn metadata log tail, cut as a partition log's is (LogLoader): the timeline says how much.
      cluster.core.emit({ type: 'log-recovered', topic: METADATA_PARTITION_DIR.replace(/-0$/, ''), partition: 0, brokerId: saved?.quorum?.leaderId ?? brokerIds[0] ?? -1, logStartOffset: 0, logEndOffset: metadataStore.logEndOffset, highWatermark: metadataStore.logEndOffset, truncatedBytes: truncation.bytes, reason: truncation.reason });
    }
    const storage = new LabStorage(options, disk, cluster, brokerIds, recovered, metadataStore);
    openLabs.set(options.labDir, storage);
    storage.sync(0, true);
    return storage;
  }

  /**
   * Writes what changed: metadata at once, offset checkpoints every CHECKPOINT_INTERVAL_MS (or when `force`).
   * Called after every driver tick: when the controller published a metadata record in it (a topic
   * created, a config or an ISR changed), the records of the change are appended to the metadata
   * log in the same tick, so a crash right after a CreateTopics answer keeps the topic (Kafka
   * answers only once its metadata records are committed to the metadata log); other changes
   * (security facts) are checked every METADATA_CHECK_INTERVAL_MS. A snapshot follows when the
   * policy says so (KraftMetadataStore.maybeSnapshot).
   */
  sync(wallMs: number, force = false): void {
    if (this.closed) return;
    const metadataOffset = this.cluster.core.controller.metadataOffset;
    const published = metadataOffset !== this.lastMetadataOffset;
    if (!force && !published && wallMs - this.lastMetadataCheckMs < METADATA_CHECK_INTERVAL_MS) return;
    this.lastMetadataCheckMs = wallMs;
    this.lastMetadataOffset = metadataOffset;
    const captured = captureLabMetadata(this.cluster, this.brokerIds, this.brokerEndpoints());
    const metadata = JSON.stringify(captured);
    if (metadata !== this.lastMetadata) {
      this.metadataStore.append(captured, Date.now());
      this.lastMetadata = metadata;
    } else {
      this.metadataStore.maybeSnapshot(Date.now());
    }
    if (force || wallMs - this.lastCheckpointMs >= CHECKPOINT_INTERVAL_MS) {
      this.lastCheckpointMs = wallMs;
      this.disk.writeCheckpoints(this.replicaCheckpoints(), this.brokerIds);
    }
  }

  /** Each broker's listeners (name, advertised host and port, security protocol), or null before the ports are bound. */
  private brokerEndpoints(): Map<number, SavedEndpoint[]> | null {
    if (!this.listenerViews) return null;
    const out = new Map<number, SavedEndpoint[]>();
    for (const view of this.listenerViews()) {
      for (const e of view.endpoints) {
        const list = out.get(e.brokerId) ?? [];
        list.push({ name: view.name, host: e.host, port: e.port, securityProtocol: SECURITY_PROTOCOL_IDS[view.securityProtocol] ?? 0 });
        out.set(e.brokerId, list);
      }
    }
    return out;
  }

  private replicaCheckpoints(): ReplicaCheckpoint[] {
    const out: ReplicaCheckpoint[] = [];
    for (const broker of this.cluster.core.brokers.values()) {
      for (const r of broker.replicas.values()) {
        out.push({ brokerId: broker.brokerId, topic: r.topic, partition: r.partition, logStartOffset: r.log.logStartOffset, highWatermark: r.highWatermark, recoveryPoint: r.log.recoveryPoint, epochs: r.log.epochs.entries.map((e) => ({ ...e })) });
      }
    }
    return out;
  }

  /** A clean stop: every checkpoint written, the clean-shutdown marker left, files closed. */
  close(): void {
    if (this.closed) return;
    this.sync(0, true);
    this.closed = true;
    const snapshots = [];
    for (const broker of this.cluster.core.brokers.values()) {
      for (const r of broker.replicas.values()) snapshots.push({ brokerId: broker.brokerId, topic: r.topic, partition: r.partition, logEndOffset: r.log.logEndOffset, rows: r.producers.snapshot() });
    }
    this.disk.writeProducerSnapshots(snapshots);
    this.disk.markCleanShutdown(this.brokerIds);
    this.disk.detach();
    if (openLabs.get(this.options.labDir) === this) openLabs.delete(this.options.labDir);
  }
}

/** The start-up line saying where the data lives (printed by the CLIs). */
export function describeLabStorage(host: { labStorage: LabStorage | null }): string {
  const lab = host.labStorage;
  if (!lab) return 'data in memory only (--in-memory): nothing is kept when the process stops';
  const { labName, labDir } = lab.options;
  return lab.recoveredTopics > 0
    ? `lab "${labName}" at ${labDir}: recovered ${lab.recoveredTopics} topic(s) from disk`
    : `lab "${labName}" at ${labDir} (new; delete the directory or use "reset lab" to start afresh)`;
}

/** Deletes a lab's data (broker log directories, the metadata directory, a legacy metadata file), keeping the directory; returns the bytes freed. */
export function deleteLabData(labDir: string): number {
  if (!fs.existsSync(labDir)) return 0;
  closeFilesUnder(labDir + path.sep);
  let freed = 0;
  for (const name of fs.readdirSync(labDir)) {
    if (!name.startsWith('broker-') && name !== METADATA_LOG_DIR && name !== LEGACY_LAB_METADATA_FILE) continue;
    const full = path.join(labDir, name);
    freed += directoryBytes(full);
    fs.rmSync(full, { recursive: true, force: true });
  }
  return freed;
}

/** Bytes of the files under `p` (0 when missing). */
export function directoryBytes(p: string): number {
  let st: fs.Stats;
  try {
    st = fs.statSync(p);
  } catch {
    return 0;
  }
  if (!st.isDirectory()) return st.size;
  let total = 0;
  for (const name of fs.readdirSync(p)) total += directoryBytes(path.join(p, name));
  return total;
}


/** How long (wall ms) the start waits for the brokers to load the recovered metadata before it goes on with a warning. */
const METADATA_CATCH_UP_LIMIT_MS = 60_000;

/**
 * Waits until every running broker has applied the controller's metadata log as far as it was when
 * the lab was recovered (Kafka's BrokerServer waits for its metadata to catch up with the
 * controller's high watermark before it unfences and opens its listeners to clients, KIP-631), so
 * no client sees a broker that has not loaded the lab's topics. `running`: whether the simulation
 * runs (a paused start cannot catch up and does not wait). Resolves false when the brokers had not
 * caught up after METADATA_CATCH_UP_LIMIT_MS.
 */
export async function waitForRecoveredMetadata(cluster: SimCluster, storage: LabStorage | null, running: boolean): Promise<boolean> {
  if (!storage || storage.recoveredTopics === 0 || !running) return true;
  const target = cluster.core.controller.metadataOffset;
  const caughtUp = (): boolean => [...cluster.core.brokers.values()].every((b) => !b.running || (b.caughtUp && b.metadataOffset >= target));
  const started = Date.now();
  while (!caughtUp()) {
    if (Date.now() - started > METADATA_CATCH_UP_LIMIT_MS) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}
