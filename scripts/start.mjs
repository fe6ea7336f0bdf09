#!/usr/bin/env node
/* global process, console */
/**
 * `npm start`: the desktop app when the Electron binary is present; otherwise one attempt to
 * fetch it, and if that fails, one line saying so and serve mode in the browser instead.
 *
 * KAFKA_LAB_NO_ELECTRON_FETCH=1 skips the fetch attempt (offline machines, CI).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = (name) => join(root, 'node_modules', '.bin', name);
const fetchTimeoutMs = 45_000;

/** The Electron executable's path, or null when the npm package has no binary. */
function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    // node_modules/electron throws when its postinstall never downloaded the binary.
    return null;
  }
}

function tryFetchElectron() {
  if (process.env.KAFKA_LAB_NO_ELECTRON_FETCH === '1') return false;
  const installer = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return false;
  const result = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: fetchTimeoutMs });
  // The installer's require cache would still hold the failed lookup: ask a fresh process.
  return result.status === 0 && spawnSync(process.execPath, ['-e', "process.exit(require('fs').existsSync(require('electron'))?0:1)"], { cwd: root, stdio: 'ignore' }).status === 0;
}

function run(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const passThrough = process.argv.slice(2);
if (electronBinary() || tryFetchElectron()) {
  run(bin('electron-vite'), ['preview', ...passThrough]);
} else {
  console.log('kafka-lab: the Electron binary is not installed and could not be fetched; running serve mode instead — open the URL below in a browser.');
  run(bin('tsx'), [join(root, 'src/main/serve/cli.ts'), ...passThrough]);
}
