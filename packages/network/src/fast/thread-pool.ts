// Worker threads that run the engine on the same shared memory as the calling thread.
// A job opens the claim word with a new generation and wakes the workers. Every thread, the
// caller included, claims blocks until none is left. The caller then sleeps until every
// claimed block is done. A worker that wakes after the job finds nothing to claim, so a busy
// machine can delay a worker but never the caller.
// Node uses worker_threads; browsers use Web Workers, which need SharedArrayBuffer (a
// cross-origin isolated page) and a caller that may block (a worker, not the main thread).

import type * as NodeWorkerThreads from 'node:worker_threads';

import { createBrowserWorker } from './webassembly-api.js';
import type { WebAssemblyMemory, WebAssemblyModule } from './webassembly-api.js';

// Word indices of the control block; assembly/engine.ts reads the same layout.
const CONTROL_GENERATION = 0;
const CONTROL_PLAN = 1;
const CONTROL_DONE = 2;
const CONTROL_CLAIM = 3;

/** Bytes of the control words shared with the workers. */
export const CONTROL_BYTES = 16;

// Low 16 bits of the claim word at or above every block count: the job takes no claims.
const CLAIM_CLOSED = 0xffff;

// The loop each worker runs. It is plain JavaScript so one string serves Node (eval) and
// browsers (a Blob URL); `reply` and the last line adapt it to each host.
const WORKER_LOOP = `
function start({ module, memory, control, worker }) {
  const { exports } = new WebAssembly.Instance(module, { env: { memory } });
  const words = new Int32Array(memory.buffer, control, 4);
  reply('ready');
  let generation = 0;
  for (;;) {
    Atomics.wait(words, ${CONTROL_GENERATION}, generation);
    generation = Atomics.load(words, ${CONTROL_GENERATION});
    if (generation < 0) return;
    exports.work(control, worker, generation);
  }
}`;

const NODE_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const reply = (message) => parentPort.postMessage(message);
${WORKER_LOOP}
parentPort.once('message', start);`;

const BROWSER_WORKER_SOURCE = `
const reply = (message) => self.postMessage(message);
${WORKER_LOOP}
self.onmessage = (event) => start(event.data);`;

interface WorkerHandle {
  terminate(): unknown;
}

/** Functions that the engine exports to every thread. */
export interface EngineExports {
  work(control: number, worker: number, generation: number): void;
  sumSlots(out: number, slots: number, stride: number, count: number, floats: number): void;
  countNonzeros(rowStarts: number, images: number, count: number, pixelCount: number, total: number): number;
  fillSparseRows(columns: number, values: number, images: number, count: number, pixelCount: number, first: number): void;
  transpose(out: number, outStride: number, input: number, inputStride: number, rows: number, cols: number): void;
}

/**
 * Imports a Node built-in by a name that bundlers cannot resolve, so browser bundles neither
 * include nor stub it. Callers run it only when isNode() is true.
 */
function importNodeModule(name: string): Promise<unknown> {
  return import(/* @vite-ignore */ name);
}

/** Returns true on a Node.js main or worker thread. */
function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
}

/** Returns whether this thread may block in Atomics.wait (false on a browser's main thread). */
export function canBlock(): boolean {
  if (typeof SharedArrayBuffer === 'undefined') return false;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Returns the number of hardware threads, or 1 when the host does not report it. */
export async function hardwareThreads(): Promise<number> {
  if (isNode()) {
    const os = (await importNodeModule('node:os')) as { availableParallelism?(): number; cpus(): unknown[] };
    return os.availableParallelism?.() ?? os.cpus().length;
  }
  const navigator = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator;
  return navigator?.hardwareConcurrency ?? 1;
}

/** Threads that run engine jobs together: the calling thread plus `workers.length` workers. */
export class ThreadPool {
  // Views of a shared memory never detach, so this one stays valid when the memory grows.
  // Without workers the memory may be private and the view is never read.
  private readonly words: Int32Array;
  private readonly control: number;
  private readonly memory: WebAssemblyMemory;
  private readonly workers: WorkerHandle[];
  private readonly exports: EngineExports;
  private generation = 0;

  private constructor(memory: WebAssemblyMemory, control: number, workers: WorkerHandle[], exports: EngineExports) {
    this.memory = memory;
    this.words = new Int32Array(memory.buffer, control, CONTROL_BYTES / 4);
    this.control = control;
    this.workers = workers;
    this.exports = exports;
  }

  /** Threads a job runs on, the caller included. */
  get threadCount(): number {
    return this.workers.length + 1;
  }

  /**
   * Starts `threads − 1` workers on `memory` (which must be shared when threads > 1), each
   * with its own instance of `module`. Worker w uses scratch slot w; the caller uses slot 0.
   */
  static async create(
    module: WebAssemblyModule,
    memory: WebAssemblyMemory,
    control: number,
    exports: EngineExports,
    threads: number,
  ): Promise<ThreadPool> {
    const words = new Int32Array(memory.buffer, control, CONTROL_BYTES / 4);
    words.fill(0);
    const workers: WorkerHandle[] = [];
    try {
      for (let worker = 1; worker < threads; worker++) {
        workers.push(await startWorker({ module, memory, control, worker }));
      }
    } catch (error) {
      for (const handle of workers) await handle.terminate();
      throw error;
    }
    return new ThreadPool(memory, control, workers, exports);
  }

  /**
   * Runs the plan at byte offset `plan`, which has `blockCount` blocks, on every thread and
   * returns when all blocks are done. The caller must have written the whole plan.
   */
  run(plan: number, blockCount: number): void {
    // Generations stay positive because a negative one stops the workers.
    this.generation = this.generation >= 0x7fffffff ? 1 : this.generation + 1;
    const generation = this.generation;
    const tag = (generation & 0xffff) << 16;
    const words = this.words;
    if (this.workers.length === 0) {
      // A private memory may have grown since the pool was made, which detaches `words`.
      const control = new Int32Array(this.memory.buffer, this.control, CONTROL_BYTES / 4);
      control[CONTROL_PLAN] = plan;
      control[CONTROL_CLAIM] = tag;
      this.exports.work(this.control, 0, generation);
      return;
    }
    Atomics.store(words, CONTROL_PLAN, plan);
    Atomics.store(words, CONTROL_DONE, 0);
    Atomics.store(words, CONTROL_CLAIM, tag);
    Atomics.store(words, CONTROL_GENERATION, generation);
    Atomics.notify(words, CONTROL_GENERATION);
    this.exports.work(this.control, 0, generation);
    for (;;) {
      const done = Atomics.load(words, CONTROL_DONE);
      if (done >= blockCount) break;
      Atomics.wait(words, CONTROL_DONE, done);
    }
    // Close the job before the caller rewrites the plan: a late worker must claim nothing.
    Atomics.store(words, CONTROL_CLAIM, tag | CLAIM_CLOSED);
  }

  /** Stops the workers. */
  async terminate(): Promise<void> {
    if (this.workers.length === 0) return;
    Atomics.store(this.words, CONTROL_GENERATION, -1);
    Atomics.notify(this.words, CONTROL_GENERATION);
    await Promise.all(this.workers.map((handle) => handle.terminate()));
    this.workers.length = 0;
  }
}

interface WorkerStart {
  module: WebAssemblyModule;
  memory: WebAssemblyMemory;
  control: number;
  worker: number;
}

async function startWorker(start: WorkerStart): Promise<WorkerHandle> {
  if (isNode()) {
    const threads = (await importNodeModule('node:worker_threads')) as typeof NodeWorkerThreads;
    const worker = new threads.Worker(NODE_WORKER_SOURCE, { eval: true });
    // A pool left undisposed must not keep the process alive.
    worker.unref();
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.postMessage(start);
    });
    return worker;
  }
  const url = URL.createObjectURL(new Blob([BROWSER_WORKER_SOURCE], { type: 'text/javascript' }));
  const worker = createBrowserWorker(url);
  URL.revokeObjectURL(url);
  await new Promise<void>((resolve, reject) => {
    worker.onmessage = () => resolve();
    worker.onerror = (event) => reject(new Error(`An engine worker failed to start: ${event.message}`));
    worker.postMessage(start);
  });
  return worker;
}
