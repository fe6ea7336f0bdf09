/**
 * Runs a message-browser filter expression (JMESPath, see record-filter.ts) off the host's main
 * thread, with a time budget: the host keeps serving Kafka clients and every other viewer while a
 * filter works, and an expression that takes longer than `budgetMs` on one chunk of records has
 * its worker terminated (Worker.terminate stops even a running evaluation) and the scan ends with
 * the reason said. JMESPath cannot loop, but nested projections multiply the work
 * (`value.[@,@,@][]` repeated 13 times: 3^13 elements, 8 s on one record here), so a bound in time
 * is the only honest one.
 *
 * The worker is a few lines of CommonJS run with `eval: true`, loading the library by its resolved
 * path, so it needs no build step of its own (serve mode under tsx, the Electron main bundle, vitest).
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { FilterDocument } from '../../shared/workbench-contract';

/** Records sent to the worker at once; the budget applies to each chunk. */
export const filterChunkSize = 500;
/** Time one chunk may take, ms. A plain expression takes well under 1 ms per record. */
export const filterBudgetMs = 3000;

const require = createRequire(import.meta.url);
const jmespathPath = require.resolve('@jmespath-community/jmespath');

const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const { compile, TreeInterpreter } = require(workerData.jmespathPath);
const tree = compile(workerData.expression);
const truthy = (v) => v !== null && v !== undefined && v !== false && v !== ''
  && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0);
parentPort.on('message', ({ id, documents }) => {
  const matches = [];
  let errors = 0;
  let firstError = null;
  for (const d of documents) {
    try {
      matches.push(truthy(TreeInterpreter.search(tree, d)));
    } catch (error) {
      matches.push(false);
      errors++;
      if (firstError === null) firstError = error && error.message ? error.message : String(error);
    }
  }
  parentPort.postMessage({ id, matches, errors, firstError });
});
parentPort.postMessage({ ready: true });
`;

export interface FilterVerdicts {
  matches: boolean[];
  /** Records whose evaluation threw (a function given the wrong type…): counted as not matching. */
  errors: number;
  firstError: string | null;
}

/** The filter's worker is gone: stopped past its time budget, out of its memory, or crashed. */
export class FilterStoppedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FilterStoppedError';
  }
}

/** Thrown when a chunk outlives the budget (the worker is gone by then). */
export class FilterTimeoutError extends FilterStoppedError {
  constructor(readonly records: number, readonly budgetMs: number) {
    super(`the filter expression took more than ${budgetMs / 1000} s on ${records} record(s) and was stopped; nested projections multiply JMESPath's work, so simplify the expression`);
    this.name = 'FilterTimeoutError';
  }
}

type Reply = { id: number } & FilterVerdicts;

/** One worker per filtered scan; evaluate() one chunk at a time, close() when the scan ends. */
export class ExpressionRunner {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private nextId = 1;
  private pending: { id: number; resolve(r: Reply): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;
  private rejectReady: (error: Error) => void = () => {};

  constructor(expression: string, private readonly budgetMs = filterBudgetMs) {
    this.worker = new Worker(workerSource, { eval: true, workerData: { jmespathPath, expression }, resourceLimits: { maxOldGenerationSizeMb: 256 } });
    this.worker.unref();
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.rejectReady = reject;
    });
    this.ready.catch(() => {});
    this.worker.on('message', (reply: Reply) => {
      if (this.pending && reply.id === this.pending.id) this.pending.resolve(reply);
    });
    // ERR_WORKER_OUT_OF_MEMORY among others: nested projections also multiply memory.
    this.worker.on('error', (error) => this.fail(new FilterStoppedError(`the filter expression was stopped: ${error.message}; nested projections multiply JMESPath's work, so simplify the expression`)));
    this.worker.on('exit', () => this.fail(new FilterStoppedError('the filter worker stopped')));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.rejectReady(this.failure);
    this.pending?.reject(this.failure);
    this.pending = null;
  }

  /** Verdicts for up to filterChunkSize documents, or FilterTimeoutError past the budget. */
  async evaluate(documents: FilterDocument[]): Promise<FilterVerdicts> {
    if (this.failure) throw this.failure;
    // The budget starts once the worker runs: starting a thread on a loaded machine is not the filter's cost.
    await this.ready;
    const id = this.nextId++;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const reply = await new Promise<Reply>((resolve, reject) => {
        this.pending = { id, resolve, reject };
        timer = setTimeout(() => {
          const timeout = new FilterTimeoutError(documents.length, this.budgetMs);
          this.fail(timeout);
          void this.worker.terminate();
        }, this.budgetMs);
        this.worker.postMessage({ id, documents });
      });
      return { matches: reply.matches, errors: reply.errors, firstError: reply.firstError };
    } finally {
      clearTimeout(timer);
      this.pending = null;
    }
  }

  async close(): Promise<void> {
    this.failure ??= new Error('the filter was closed');
    await this.worker.terminate().catch(() => 0);
  }
}
