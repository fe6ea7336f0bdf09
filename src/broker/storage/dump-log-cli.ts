/**
 * `npm run dump-log -- [--print-data-log] [--cluster-metadata-decoder] <file>…`: Kafka's
 * `kafka-dump-log --files` for the segment files of a lab (`.log`, `.index`, `.timeindex`),
 * producer snapshots (`.snapshot`) and its KRaft metadata snapshot
 * (`metadata/__cluster_metadata-0/*.checkpoint`), printed by ./dump-log.ts. Exit codes:
 * 0 listed, 1 a file could not be read or is not a segment file, 2 bad arguments.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { dumpFile, dumpKindOf, isClusterMetadataFile } from './dump-log';

export const DUMP_LOG_USAGE = `usage: npm run dump-log -- [--print-data-log] [--cluster-metadata-decoder] <file>...
  <file>            a segment's .log, .index or .timeindex file, a producer .snapshot, or the lab's KRaft
                    metadata snapshot metadata/__cluster_metadata-0/<endOffset>-<epoch>.checkpoint (Kafka's own formats)
  --print-data-log  also print every record: offset, key, payload and headers
  --cluster-metadata-decoder
                    decode records as KRaft metadata records by name (implies --print-data-log;
                    always on for a .checkpoint snapshot and a .log in __cluster_metadata-0/)`;

/** Largest file read at once (a segment is at most segment.bytes, 1 GiB by default). */
const MAX_FILE_BYTES = 2 ** 31 - 1;

export function runDumpLog(argv: string[], out: (line: string) => void, err: (line: string) => void): number {
  const files: string[] = [];
  let printDataLog = false;
  let clusterMetadataDecoder = false;
  for (const arg of argv) {
    if (arg === '--print-data-log') printDataLog = true;
    else if (arg === '--cluster-metadata-decoder') clusterMetadataDecoder = true;
    else if (arg === '--help' || arg === '-h') { out(DUMP_LOG_USAGE); return 0; }
    else if (arg === '--files') continue;
    else if (arg.startsWith('--')) { err(`dump-log: unknown option ${arg}\n${DUMP_LOG_USAGE}`); return 2; }
    else files.push(arg);
  }
  if (files.length === 0) { err(`dump-log: name at least one file\n${DUMP_LOG_USAGE}`); return 2; }
  let failed = false;
  for (const file of files) {
    const kind = dumpKindOf(file);
    if (!kind) { err(`dump-log: ${file} is not a segment file: expected a .log, .index, .timeindex, .snapshot (producer state) or .checkpoint (KRaft snapshot) file`); failed = true; continue; }
    let bytes: Buffer;
    try {
      const size = statSync(file).size;
      if (size > MAX_FILE_BYTES) { err(`dump-log: ${file} is ${size} bytes, more than ${MAX_FILE_BYTES} can be read at once`); failed = true; continue; }
      bytes = readFileSync(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      err(`dump-log: ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (error as Error).message}`);
      failed = true;
      continue;
    }
    const decodeMetadata = clusterMetadataDecoder || isClusterMetadataFile(file);
    for (const line of dumpFile(basename(file), bytes, kind, { printDataLog, clusterMetadataDecoder: decodeMetadata })) out(line);
  }
  return failed ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && /dump-log-cli\.[cm]?[jt]s$/.test(process.argv[1]);
if (invokedDirectly) {
  process.exitCode = runDumpLog(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`), (line) => process.stderr.write(`${line}\n`));
}
