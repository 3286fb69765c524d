// Runs a Trainer in a worker thread. A training step is synchronous, so a trainer on the main
// thread would keep Node from running the SIGINT handler until training ends. In a worker, the
// main thread stays free to handle Ctrl-C and sets a shared flag that the worker checks after
// every step, which stops the trainer through its AbortSignal.

import { Worker } from 'node:worker_threads';
import type { EpochRecord, LabeledImages, LayerParameters, NetworkSpec, StepRecord, TrainCallbacks, TrainHistory, TrainOptions, TrainerState } from '@scratchnet/network';
import type { Initializer } from '@scratchnet/network';
import { CliError } from './cli-error.js';

/** Everything the worker needs to train, passed as its workerData. */
export interface TrainingJob {
  spec: NetworkSpec;
  initializer: Initializer;
  options: TrainOptions;
  train: LabeledImages;
  /** Weights to start from when resuming; otherwise the network is created from the seed. */
  parameters?: LayerParameters[];
  checkpoint?: TrainerState;
  /** [1] set to 1 by the main thread to stop training after the current step. */
  interrupt: Int32Array;
}

/** A training job as the caller gives it; TrainingWorker adds the interrupt flag. */
export type TrainingJobInput = Omit<TrainingJob, 'interrupt'>;

/** Messages from the worker to the main thread. */
export type TrainingMessage =
  | { kind: 'begin'; totalSteps: number; stepsPerEpoch: number; backend: string }
  | { kind: 'step'; record: StepRecord }
  | { kind: 'epoch'; record: EpochRecord }
  | { kind: 'done'; history: TrainHistory; parameters: LayerParameters[]; state: TrainerState }
  | { kind: 'error'; name: string; message: string; stack?: string };

/** Result of a finished or stopped training run. */
export interface TrainingResult {
  history: TrainHistory;
  parameters: LayerParameters[];
  state: TrainerState;
}

/** A training run in a worker thread, which `interrupt()` stops after the current step. */
export class TrainingWorker {
  private readonly interruptFlag = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  private worker: Worker | null = null;

  /** Trains `job` and reports through `callbacks`. */
  run(job: TrainingJobInput, callbacks: TrainCallbacks): Promise<TrainingResult> {
    const workerData: TrainingJob = { ...job, interrupt: this.interruptFlag };
    const worker = new Worker(new URL('./training-worker.js', import.meta.url), { workerData });
    this.worker = worker;

    return new Promise<TrainingResult>((resolve, reject) => {
      let settled = false;
      worker.on('message', (message: TrainingMessage) => {
        switch (message.kind) {
          case 'begin':
            callbacks.onTrainBegin?.({ ...message, options: job.options });
            break;
          case 'step':
            callbacks.onStepEnd?.(message.record);
            break;
          case 'epoch':
            callbacks.onEpochEnd?.(message.record);
            break;
          case 'done':
            settled = true;
            resolve({ history: message.history, parameters: message.parameters, state: message.state });
            break;
          case 'error': {
            settled = true;
            const error = new CliError(`training failed: ${message.message}`);
            error.stack = message.stack;
            reject(error);
            break;
          }
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        this.worker = null;
        if (!settled) {
          reject(new CliError(`the training worker exited with code ${code} before training finished`));
        }
      });
    });
  }

  /** Asks the worker to stop after its current step; the run then resolves with an aborted history. */
  interrupt(): void {
    Atomics.store(this.interruptFlag, 0, 1);
  }

  /** Stops the worker at once, without waiting for the current step. */
  async terminate(): Promise<void> {
    await this.worker?.terminate();
  }
}
