/** `kafka-dump-log --files …`: Kafka's DumpLogSegments, the project's own (src/broker/storage/dump-log-cli.ts). */
import { runDumpLog } from '../broker/storage/dump-log-cli';
import type { Tool } from './io';

export const dumpLog: Tool = async (argv, io) => runDumpLog(argv.flatMap((a) => (a.startsWith('--files=') ? [a.slice('--files='.length)] : [a])).flatMap((a) => (a.includes(',') && !a.startsWith('--') ? a.split(',') : [a])), (line) => io.out(`${line}\n`), (line) => io.err(`${line}\n`));
