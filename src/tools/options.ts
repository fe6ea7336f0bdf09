/**
 * Command-line options the way Kafka's tools read them (joptsimple, via Kafka's CommandLineUtils):
 * `--name value` or `--name=value`, a repeated option collects every value, and anything unknown
 * stops the tool with Kafka's message (`<name> is not a recognized option`) followed by the
 * tool's option table (CommandLineUtils.printUsageAndExit), exit code 1.
 */

/** One option of a tool: its long name (without dashes), its argument's description, its help text. */
export interface OptionSpec {
  name: string;
  /** e.g. 'String: topic'; absent for a flag without argument. */
  arg?: string;
  description: string;
}

/** A usage error: the tool prints the message, then its usage table, and exits 1 (Kafka's printUsageAndExit). */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface ParsedOptions {
  has(name: string): boolean;
  /** The last value given (joptsimple's valueOf takes the only one; we take the last). */
  value(name: string): string | undefined;
  values(name: string): string[];
  /** Arguments that are not options (joptsimple's nonOptionArguments). */
  rest: string[];
}

/** Options every tool accepts. */
export const HELP_OPTION: OptionSpec = { name: 'help', description: 'Print usage information.' };
export const VERSION_OPTION: OptionSpec = { name: 'version', description: 'Display Kafka version.' };

export function parseOptions(argv: string[], specs: OptionSpec[]): ParsedOptions {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      rest.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec) throw new UsageError(`${name} is not a recognized option`);
    let value = '';
    if (spec.arg !== undefined) {
      if (eq >= 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i]!;
      else throw new UsageError(`Option ${name} requires an argument`);
    } else if (eq >= 0) {
      throw new UsageError(`Option ${name} does not take an argument`);
    }
    values.set(name, [...(values.get(name) ?? []), value]);
  }
  return {
    has: (name) => values.has(name),
    value: (name) => values.get(name)?.at(-1),
    values: (name) => values.get(name) ?? [],
    rest,
  };
}

/** The option table joptsimple prints (`Option  Description` / `------  -----------`), options sorted by name. */
export function usageTable(specs: OptionSpec[]): string {
  const left = (s: OptionSpec) => `--${s.name}${s.arg ? ` <${s.arg}>` : ''}`;
  const width = 41;
  const rows = [...specs].sort((a, b) => a.name.localeCompare(b.name)).map((s) => {
    const l = left(s);
    return l.length < width ? `${l.padEnd(width)}${s.description}` : `${l}\n${' '.repeat(width)}${s.description}`;
  });
  return [`${'Option'.padEnd(width)}Description`, `${'------'.padEnd(width)}-----------`, ...rows].join('\n');
}

/** Kafka's CommandLineUtils.checkRequiredArgs wording. */
export function requireOptions(options: ParsedOptions, ...names: string[]): void {
  for (const name of names) if (!options.has(name)) throw new UsageError(`Missing required argument "[${name}]"`);
}

/** Kafka's CommandLineUtils.checkInvalidArgs wording: `Option "[a]" can't be used with option "[b]"`. */
export function refuseTogether(options: ParsedOptions, used: string, invalid: string[]): void {
  if (!options.has(used)) return;
  for (const name of invalid) if (options.has(name)) throw new UsageError(`Option "[${used}]" can't be used with option "[${name}]"`);
}

/** An integer option, or a usage error naming it. */
export function intOption(options: ParsedOptions, name: string): number | undefined {
  const raw = options.value(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`Cannot parse argument '${raw}' of option ${name}`);
  return n;
}
