/**
 * `kafka-lab kafka-home [DIR]`: writes a directory laid out like a Kafka distribution
 * (`bin/kafka-topics.sh`, `bin/kafka-console-consumer.sh`, …, one script per tool in tools.ts,
 * each running this bin with the tool's name) and prints its path, so scripts written for
 * `$KAFKA_HOME/bin/kafka-topics.sh` run unchanged: `export KAFKA_HOME=$(npx kafka-lab kafka-home)`.
 * Without DIR the directory is `kafka-home/` beside the compiled bin (dist-cli/). The scripts
 * are rewritten on every call (they name this node and this bin by absolute path). Exit 1 if the
 * directory cannot be written.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { ToolIo } from './io';
import { TOOLS } from './tools';

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function kafkaHome(argv: string[], io: ToolIo, binPath: string): number {
  if (argv.includes('--help') || argv.length > 1) {
    (argv.includes('--help') ? io.out : io.err)('Usage: kafka-lab kafka-home [DIR]   writes DIR/bin/kafka-*.sh (default: kafka-home beside the bin) and prints DIR\n');
    return argv.includes('--help') ? 0 : 1;
  }
  const bin = resolve(binPath);
  const home = resolve(argv[0] ?? join(dirname(bin), 'kafka-home'));
  try {
    mkdirSync(join(home, 'bin'), { recursive: true });
    for (const tool of Object.keys(TOOLS)) {
      const script = join(home, 'bin', `${tool}.sh`);
      writeFileSync(script, `#!/bin/sh\n# Kafka Lab's ${tool} (Kafka's ${tool}.sh): runs as a client of any cluster.\nexec ${quote(process.execPath)} ${quote(bin)} ${tool} "$@"\n`);
      chmodSync(script, 0o755);
    }
  } catch (err) {
    io.err(`kafka-lab kafka-home: cannot write ${home}: ${(err as Error).message}\n`);
    return 1;
  }
  io.out(`${home}\n`);
  return 0;
}
