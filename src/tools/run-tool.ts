/**
 * The frame every tool runs in, as Kafka's tools do: options parsed (CommandLineUtils), `--help`
 * prints the description and option table (exit 0), a usage error prints its message and the table
 * to stderr (exit 1, CommandLineUtils.printUsageAndExit), any other failure prints the tool's
 * error prefix and the message (exit 1). Nothing a tool meets ends the process by itself.
 */
import type { ToolIo } from './io';
import { parseOptions, UsageError, usageTable, type OptionSpec, type ParsedOptions } from './options';
import { errorMessage } from './session';

/** The Kafka version these tools follow (what --version prints). */
export const KAFKA_VERSION = '4.1.0';

export async function runTool(
  tool: string, specs: OptionSpec[], argv: string[], io: ToolIo, errorPrefix: string, description: string,
  body: (options: ParsedOptions, io: ToolIo) => Promise<number>,
): Promise<number> {
  let options: ParsedOptions;
  try {
    options = parseOptions(argv, specs);
    if (argv.length === 0 || options.has('help')) {
      io.out(`${description}\n${usageTable(specs)}\n`);
      return argv.length === 0 ? 1 : 0;
    }
    if (options.has('version')) {
      io.out(`${KAFKA_VERSION} (Kafka Lab ${tool})\n`);
      return 0;
    }
  } catch (err) {
    io.err(`${(err as Error).message}\n${usageTable(specs)}\n`);
    return 1;
  }
  try {
    return await body(options, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n${usageTable(specs)}\n`);
      return 1;
    }
    io.err(`${errorPrefix}${errorMessage(err)}\n`);
    return 1;
  }
}
