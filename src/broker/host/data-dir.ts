/**
 * Where labs keep their data (issue 15): a per-user data directory by default — Linux
 * `$XDG_DATA_HOME/kafka-lab` (`~/.local/share/kafka-lab`), macOS `~/Library/Application
 * Support/kafka-lab`, Windows `%APPDATA%\kafka-lab` — overridden by `KAFKA_LAB_DATA_DIR` or
 * `--data-dir`; one directory per lab (`--lab NAME`, default `default`) under it; `--in-memory`
 * keeps nothing.
 */
import { homedir } from 'node:os';
import * as path from 'node:path';
import type { LabStorageOptions } from './lab-storage';

export const DEFAULT_LAB_NAME = 'default';
export const DATA_DIR_ENV = 'KAFKA_LAB_DATA_DIR';

/** The default root of every lab's directory on this platform. */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env[DATA_DIR_ENV]) return path.resolve(env[DATA_DIR_ENV]!);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'kafka-lab');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'kafka-lab');
  return path.join(env.XDG_DATA_HOME || path.join(home, '.local', 'share'), 'kafka-lab');
}

/** A lab name is one directory name: letters, digits, '.', '_' and '-', not '.' or '..'. Returns why not, or null. */
export function labNameProblem(name: string): string | null {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(name) || name === '.' || name === '..') return `a lab name is 1-100 letters, digits, '.', '_' or '-' (not "." or ".."), got "${name}"`;
  return null;
}

export interface DataDirChoice {
  dataDir?: string;
  lab?: string;
  inMemory?: boolean;
}

/** The lab directory the options choose, or null for `--in-memory`. Throws Error with the lab name problem. */
export function resolveLabStorage(choice: DataDirChoice, env: NodeJS.ProcessEnv = process.env): LabStorageOptions | null {
  if (choice.inMemory) return null;
  const labName = choice.lab ?? DEFAULT_LAB_NAME;
  const problem = labNameProblem(labName);
  if (problem) throw new Error(problem);
  const root = choice.dataDir ? path.resolve(choice.dataDir) : defaultDataRoot(env);
  return { labName, labDir: path.join(root, labName) };
}
