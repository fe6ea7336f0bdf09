/**
 * Makes sure out/renderer holds a build of the current renderer sources, building it with
 * Vite when it is missing or older than any source, so serve mode never hands out a stale UI.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Newest modification time (ms) of any file under `dir`; 0 when it does not exist. */
export async function newestMtime(dir: string): Promise<number> {
  let newest = 0;
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, await newestMtime(path));
    else if (!entry.name.includes('.test.')) newest = Math.max(newest, (await stat(path)).mtimeMs);
  }
  return newest;
}

/** True when the built index.html is missing or older than the renderer or shared sources. */
export async function rendererBuildIsStale(projectRoot: string): Promise<boolean> {
  const built = await newestMtime(join(projectRoot, 'out/renderer'));
  if (built === 0) return true;
  const sources = Math.max(await newestMtime(join(projectRoot, 'src/renderer')), await newestMtime(join(projectRoot, 'src/shared')));
  return sources > built;
}

/** Builds the renderer alone (what electron-vite builds for the window, without main/preload). */
export async function buildRenderer(projectRoot: string): Promise<void> {
  const { build } = await import('vite');
  const { default: react } = await import('@vitejs/plugin-react');
  await build({
    configFile: false,
    root: join(projectRoot, 'src/renderer'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir: join(projectRoot, 'out/renderer'), emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
  });
}
