// `npm run build:cli`: bundles the `kafka-lab` bin (src/tools/bin.ts and what it imports,
// the broker included) into dist-cli/kafka-lab.cjs, plain JavaScript for Node 20 whose only
// requires are node built-ins and the package's runtime dependencies (kept external). CommonJS,
// because runtime dependencies are required by subpaths without extensions (zstd-napi/binding).
import { build } from 'esbuild';
import { chmodSync } from 'node:fs';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// An optional argument names another output file (tests build their own copy, inside the package
// so the runtime dependencies still resolve from its node_modules).
const outfile = process.argv[2] ?? join(root, 'dist-cli', 'kafka-lab.cjs');
await build({
  entryPoints: [join(root, 'src/tools/bin.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  // import.meta.url (the scenario directory, not used by the bin) becomes the bundle's own URL.
  banner: { js: "#!/usr/bin/env node\nconst __kafkaLabImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__kafkaLabImportMetaUrl' },
});
chmodSync(outfile, 0o755);
