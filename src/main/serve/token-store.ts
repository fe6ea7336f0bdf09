/**
 * Serve mode's access token, kept with the user's settings so a URL handed to a room keeps
 * working across restarts (issue 12, "Running it").
 *
 * Where: `$KAFKA_LAB_CONFIG_DIR` (tests), else `$XDG_CONFIG_HOME/kafka-lab`, else
 * `~/.config/kafka-lab` (the XDG Base Directory default), file `settings.json` holding
 * `{ "serveToken": "…" }` next to any other settings. The folder is created with mode 0700 and
 * the file written with mode 0600 (replaced atomically: write a temporary file, then rename), since
 * the token is what gives a browser control of the cluster.
 *
 * Precedence: `--token` wins for this run and is not stored (a one-off token leaves the stored
 * one alone); `--new-token` replaces the stored token (rotation: old URLs stop working); otherwise
 * the stored token is used, or a fresh random one is created and stored on first start. When the
 * settings cannot be written (read-only home), the fresh token is used for this run only and the
 * reason is returned for the CLI to print.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Shortest token serve mode accepts (also for --token). */
export const MIN_TOKEN_LENGTH = 8;

export type TokenSource = 'flag' | 'stored' | 'created' | 'rotated' | 'unsaved';

export interface ResolvedToken {
  token: string;
  source: TokenSource;
  /** The settings file consulted. */
  file: string;
  /** Why the token could not be kept (source 'unsaved'), for a warning line. */
  problem?: string;
}

/** The settings folder: $KAFKA_LAB_CONFIG_DIR, $XDG_CONFIG_HOME/kafka-lab or ~/.config/kafka-lab. */
export function settingsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.KAFKA_LAB_CONFIG_DIR) return env.KAFKA_LAB_CONFIG_DIR;
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'kafka-lab');
}

export function settingsFile(env: NodeJS.ProcessEnv = process.env): string {
  return join(settingsDir(env), 'settings.json');
}

function newToken(): string {
  return randomBytes(16).toString('base64url');
}

function readSettings(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file} is not a JSON object`);
  return parsed as Record<string, unknown>;
}

function writeSettings(dir: string, file: string, settings: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600); // the umask may have narrowed the mode; never widened, but be exact
  renameSync(temporary, file);
}

/**
 * The token for this run (see the file comment for the precedence). `explicit` is --token,
 * `rotate` is --new-token. Throws only for a token shorter than MIN_TOKEN_LENGTH given by flag.
 */
export function resolveToken(options: { explicit?: string; rotate?: boolean; env?: NodeJS.ProcessEnv }): ResolvedToken {
  const env = options.env ?? process.env;
  const dir = settingsDir(env);
  const file = settingsFile(env);
  if (options.explicit !== undefined) {
    if (options.explicit.length < MIN_TOKEN_LENGTH) throw new Error(`--token must have at least ${MIN_TOKEN_LENGTH} characters`);
    return { token: options.explicit, source: 'flag', file };
  }
  let settings: Record<string, unknown>;
  try {
    settings = readSettings(file);
  } catch (error) {
    return { token: newToken(), source: 'unsaved', file, problem: `cannot read ${file} (${(error as Error).message}); using a new token for this run only` };
  }
  const stored = settings.serveToken;
  if (!options.rotate && typeof stored === 'string' && stored.length >= MIN_TOKEN_LENGTH) {
    tightenMode(file);
    return { token: stored, source: 'stored', file };
  }
  const token = newToken();
  try {
    writeSettings(dir, file, { ...settings, serveToken: token });
  } catch (error) {
    return { token, source: 'unsaved', file, problem: `cannot write ${file} (${(error as Error).message}); the token is for this run only` };
  }
  return { token, source: options.rotate ? 'rotated' : 'created', file };
}

/** A settings file left readable by others (copied in by hand) is narrowed to 0600. */
function tightenMode(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch {
    // Reading worked; a failing chmod (another owner) is not a reason to refuse to start.
  }
}

/** One line for the terminal: where the token came from and how to change it. */
export function describeToken(resolved: ResolvedToken): string {
  switch (resolved.source) {
    case 'flag': return 'access token from --token (not stored)';
    case 'stored': return `access token kept from ${resolved.file} (the same URL as last time; --new-token rotates it)`;
    case 'created': return `new access token stored in ${resolved.file} (mode 0600); it stays the same across restarts, --new-token rotates it`;
    case 'rotated': return `access token rotated and stored in ${resolved.file}; URLs with the old token no longer give control`;
    case 'unsaved': return resolved.problem ?? 'access token for this run only';
  }
}
