// Compiles the bench's small C programs at bench time into bench/build/ (gitignored):
// binaries are never committed, and rebuilding follows the installed librdkafka.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const buildDir = join(benchDir, 'build');
export const repoDir = resolve(benchDir, '..');

/** Path of the binary built from bench/<sourceRel>; rebuilt when the source is newer. */
export function buildNative(sourceRel: string): string {
  const source = join(benchDir, sourceRel);
  const name = sourceRel.replace(/^.*\//, '').replace(/\.c$/, '');
  const binary = join(buildDir, name);
  mkdirSync(buildDir, { recursive: true });
  if (existsSync(binary) && statSync(binary).mtimeMs >= statSync(source).mtimeMs) return binary;
  if (!existsSync('/usr/include/librdkafka/rdkafka_mock.h')) {
    throw new Error('librdkafka-dev is not installed (need /usr/include/librdkafka/rdkafka_mock.h): apt-get install librdkafka-dev');
  }
  execFileSync('cc', ['-O2', '-Wall', '-Wextra', '-o', binary, source, '-lrdkafka'], { stdio: ['ignore', 'inherit', 'inherit'] });
  return binary;
}
