/**
 * What a tool reads and writes: its standard streams, passed in so a tool can run inside another
 * process (tests, the `kafka-lab` dispatcher) without touching the global process.
 */
import type { Readable } from 'node:stream';

export interface ToolIo {
  /** Standard output, text as given (the tool adds its own line ends). */
  out(text: string): void;
  /** Standard error. */
  err(text: string): void;
  stdin: Readable;
  /** Whether stdin is a terminal (Kafka's console producer prints its `>` prompt only then). */
  stdinIsTty: boolean;
}

/** A tool: its arguments (after the tool's name) and streams in, its exit code out. */
export type Tool = (argv: string[], io: ToolIo) => Promise<number>;

export function processIo(): ToolIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    stdin: process.stdin,
    stdinIsTty: process.stdin.isTTY === true,
  };
}

/** printf's `%-Ns`: the text left-aligned in at least `width` characters. */
export const left = (text: string | number, width: number): string => String(text).padEnd(width);
