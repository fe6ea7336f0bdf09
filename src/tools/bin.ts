/**
 * `kafka-lab <command> …` (package.json `bin`, compiled to dist-cli/kafka-lab.mjs by
 * `npm run build:cli`): `broker` starts the embedded cluster as `npm run broker` does; the other
 * commands are Kafka's command-line tools under Kafka's names (tools.ts); `kafka-home` prints a
 * directory laid out like a Kafka distribution's `bin/`.
 */
import { processIo } from './io';
import { TOOLS, toolsUsage } from './tools';
import { kafkaHome } from './kafka-home';

async function main(): Promise<void> {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'broker') {
    // The broker's own entry reads process.argv ('broker', options) and runs until a signal.
    await import('../broker/cli');
    return;
  }
  const io = processIo();
  if (command === 'kafka-home') {
    process.exitCode = kafkaHome(rest, io, process.argv[1]!);
    return;
  }
  const name = command?.replace(/\.sh$/, '');
  const tool = name === undefined ? undefined : TOOLS[name];
  if (!tool) {
    const known = command === undefined || command === '--help' || command === '-h' || command === 'help';
    (known ? io.out : io.err)(`${known ? '' : `kafka-lab: unknown command "${command}"\n`}${toolsUsage()}\n`);
    process.exitCode = known ? 0 : 1;
    return;
  }
  try {
    process.exitCode = await tool(rest, io);
  } catch (err) {
    io.err(`${name}: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
  // Exit once output is written: a kafkajs socket or timer left behind must not keep the tool alive.
  process.stdout.write('', () => process.stderr.write('', () => process.exit()));
}

void main();
