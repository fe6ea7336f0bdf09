/**
 * Open segment files and recently used batch bytes, both bounded: the process keeps at most
 * MAX_OPEN_FILES descriptors (least recently used closed first) and at most BATCH_CACHE_BYTES of
 * batch bytes (oldest dropped first), so memory stays flat however much the logs hold — the
 * rest is the OS page cache's business, as for Kafka.
 */
import * as fs from 'node:fs';

/**
 * Kafka keeps every segment's files open; this keeps the most recently used. 1024 covers the
 * `.log` and both indexes of the active segments of ~340 replicas (a 3-broker lab with 100+
 * partitions) without reopening per write, within Node's raised descriptor limit on every platform.
 */
const MAX_OPEN_FILES = 1024;
export const BATCH_CACHE_BYTES = 16 * 1024 * 1024;

const open = new Map<string, number>();

/** A descriptor for `path` opened for reading and appending ('a+'), from the cache. */
export function fdFor(path: string): number {
  const fd = open.get(path);
  if (fd !== undefined) {
    open.delete(path);
    open.set(path, fd);
    return fd;
  }
  const created = fs.openSync(path, 'a+');
  open.set(path, created);
  while (open.size > MAX_OPEN_FILES) {
    const [oldest, oldFd] = open.entries().next().value as [string, number];
    open.delete(oldest);
    closeQuietly(oldFd);
  }
  return created;
}

/** Closes `path`'s descriptor if one is open (before a rename, truncate or delete). */
export function closeFile(path: string): void {
  const fd = open.get(path);
  if (fd === undefined) return;
  open.delete(path);
  closeQuietly(fd);
}

/** Closes every descriptor under `dir` (a partition directory about to be deleted). */
export function closeFilesUnder(dir: string): void {
  for (const path of [...open.keys()]) if (path.startsWith(dir)) closeFile(path);
}

export function closeAllFiles(): void {
  for (const path of [...open.keys()]) closeFile(path);
}

function closeQuietly(fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already closed: nothing held.
  }
}

/** Reads exactly `size` bytes at `position`; throws when the file is shorter (a segment cut under us). */
export function readExactly(path: string, position: number, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  const fd = fdFor(path);
  let got = 0;
  while (got < size) {
    const n = fs.readSync(fd, out, got, size - got, position + got);
    if (n === 0) throw new Error(`KAFKA_STORAGE_ERROR: ${path} ends before byte ${position + size} (read ${got} of ${size} bytes at ${position})`);
    got += n;
  }
  return out;
}

/** Recently appended or read batch bytes, bounded in total size (FIFO). */
export class BatchByteCache<K> {
  private readonly entries = new Map<K, Buffer>();
  private bytes = 0;
  constructor(private readonly limitBytes: number) {}

  get(key: K): Buffer | undefined {
    return this.entries.get(key);
  }

  set(key: K, value: Buffer): void {
    if (value.length > this.limitBytes / 4) return;
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= old.length;
      this.entries.delete(key);
    }
    this.entries.set(key, value);
    this.bytes += value.length;
    while (this.bytes > this.limitBytes) {
      const [k, v] = this.entries.entries().next().value as [K, Buffer];
      this.entries.delete(k);
      this.bytes -= v.length;
    }
  }

  delete(key: K): void {
    const v = this.entries.get(key);
    if (!v) return;
    this.entries.delete(key);
    this.bytes -= v.length;
  }

  get sizeBytes(): number {
    return this.bytes;
  }
}
