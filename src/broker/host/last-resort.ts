/**
 * The last line of defence of every process that hosts the cluster (the broker CLI, serve mode,
 * the Electron main): an `uncaughtException` or `unhandledRejection` that escaped every local
 * catch is written to stderr with its stack, and the process keeps running.
 *
 * Why not exit, as Node does by default? One process hosts every broker, the UI and the users'
 * scans: exiting turns one missed catch into the loss of the whole cluster, its in-memory data and
 * every client connection (issue 11: one GET or two Kafka requests did exactly that). Errors are
 * contained where they happen (request router, connection, wall-clock driver, log cleaner,
 * coordinators); whatever reaches this handler is a bug in that containment, so it is reported
 * loudly, with the stack, and the cluster stays up. A Kafka broker behaves the same way: its
 * threads catch Throwable, log it and carry on (KafkaRequestHandler, ShutdownableThread), and
 * only a fatal error (Exit.halt on log dir failure) stops the process.
 *
 * Repeats of the same failure are counted and summarised (one stack per message per 10 s), so a
 * failure on a hot path cannot flood the terminal.
 *
 * Test hook (kept out of every usage text): with KAFKA_LAB_LAST_RESORT_SELFTEST=1 in the
 * environment, SIGUSR2 makes the process throw from a timer and leave a promise rejected, the two
 * ways an error escapes. It proves the handlers are installed (src/broker/host/last-resort.test.ts)
 * and does nothing but produce the two log lines.
 */

const INSTALLED = Symbol.for('kafka-lab.last-resort-installed');
const REPEAT_WINDOW_MS = 10_000;

export interface LastResortOptions {
  /** Prefix of every line, e.g. `kafka-lab broker`. */
  name: string;
  /** Where lines go (default: stderr). */
  write?: (line: string) => void;
  /** Wall clock in ms (tests). */
  now?: () => number;
}

type Kind = 'uncaught exception' | 'unhandled promise rejection';

/**
 * Installs the handlers once per process (later calls are no-ops) and returns a function that
 * removes them (tests).
 */
export function installLastResortHandlers(options: LastResortOptions): () => void {
  const holder = process as unknown as Record<symbol, boolean>;
  if (holder[INSTALLED]) return () => {};
  holder[INSTALLED] = true;
  const report = lastResortReporter(options);
  const onException = (error: unknown): void => report('uncaught exception', error);
  const onRejection = (reason: unknown): void => report('unhandled promise rejection', reason);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  // Writing the report to a closed stderr pipe (EPIPE) must not become a new uncaught error.
  const onStderrError = (): void => {};
  process.stderr.on('error', onStderrError);
  const removeSelfTest = installSelfTest();
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
    process.stderr.off('error', onStderrError);
    removeSelfTest();
    holder[INSTALLED] = false;
  };
}

/** The reporting part, separate so it can be tested without touching the process's handlers. */
export function lastResortReporter(options: LastResortOptions): (kind: Kind, error: unknown) => void {
  const write = options.write ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => Date.now());
  const windows = new Map<string, { untilMs: number; repeats: number }>();
  return (kind, error) => {
    try {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const key = `${kind}|${message}`;
      const t = now();
      const open = windows.get(key);
      if (open && t < open.untilMs) {
        open.repeats++;
        return;
      }
      const window = { untilMs: t + REPEAT_WINDOW_MS, repeats: 0 };
      windows.set(key, window);
      // The summary of the repeats, once the window ends; the timer alone keeps no process alive.
      const timer = setTimeout(() => {
        if (windows.get(key) === window) windows.delete(key);
        if (window.repeats > 0) write(`${options.name}: the same ${kind} happened ${window.repeats} more times in ${REPEAT_WINDOW_MS / 1000} s: ${message}`);
      }, REPEAT_WINDOW_MS);
      timer.unref?.();
      const detail = error instanceof Error ? (error.stack ?? message) : message;
      write(`${options.name}: ${kind} (a bug: it escaped the error handling); the process keeps running. ${detail}`);
    } catch {
      // Nothing left to report to.
    }
  };
}

function installSelfTest(): () => void {
  if (process.env.KAFKA_LAB_LAST_RESORT_SELFTEST !== '1') return () => {};
  const trigger = (): void => {
    setTimeout(() => {
      throw new Error('kafka-lab last-resort self-test: thrown from a timer');
    }, 0);
    void Promise.reject(new Error('kafka-lab last-resort self-test: rejected promise'));
  };
  try {
    process.on('SIGUSR2', trigger);
  } catch {
    return () => {};
  }
  return () => process.off('SIGUSR2', trigger);
}
