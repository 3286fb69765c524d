// One training run inside the worker: builds the network from the form's configuration, trains it
// with the resumable Trainer, and can be paused, resumed and stopped between steps.
import { Random } from '@scratchnet/matrix';
import type { Dataset, MnistData } from '@scratchnet/mnist';
import { encodeModel } from '@scratchnet/model-format';
import {
  Network,
  Trainer,
  evaluate,
  presets,
  wasmBackend,
  type EpochRecord,
  type StepRecord,
  type TrainHistory,
  type TrainOptions,
} from '@scratchnet/network';
import webPackage from '../package.json';
import type { TrainingConfig, WorkerResponse } from './training-protocol';

/** Training images held out to report validation loss and accuracy after each epoch. */
export const VALIDATION_COUNT = 5000;
/** Step records are sent at most this often, so the page is not flooded with messages. */
const STEP_FLUSH_MILLISECONDS = 100;

type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

/** Sums over the steps of an epoch that ran before a pause. They are full batches, so their rows are known. */
interface PausedEpochPart {
  epoch: number;
  lossSum: number;
  correctSum: number;
  rows: number;
  milliseconds: number;
}

export class TrainingRun {
  private readonly network: Network;
  private readonly trainer: Trainer;
  private readonly options: TrainOptions;
  private readonly train: Dataset;
  private readonly validation: Dataset;
  private pendingSteps: StepRecord[] = [];
  private lastFlush = 0;
  private lastStep = 0;
  private lastEpoch = 0;
  private milliseconds = 0;
  private backend = 'unknown';
  private began = false;
  private stepsPerEpoch = 1;
  private totalSteps = 0;
  /** When the current epoch's training time started counting (the call's start or the last epoch end). */
  private epochStarted = 0;
  /** The part of the current epoch trained before one or more pauses, or null. */
  private pausedPart: PausedEpochPart | null = null;
  /** Aborts the running Trainer.train call; null while no call runs. */
  private controller: AbortController | null = null;
  private pauseRequested = false;
  private stopRequested = false;
  /** Resolves the wait of a paused run; null unless paused. */
  private resumeRun: (() => void) | null = null;

  constructor(
    private readonly config: TrainingConfig,
    private readonly data: MnistData,
    private readonly post: Post,
  ) {
    const preset = presets[config.preset];
    if (preset === undefined) throw new Error(`Unknown preset "${config.preset}"; choose one of ${Object.keys(presets).join(', ')}.`);
    const random = new Random(config.seed);
    const split = data.train.split(VALIDATION_COUNT, random);
    this.train = split.train;
    this.validation = split.validation;
    this.network = Network.create({ sizes: config.sizes, activation: config.activation }, { initializer: preset.initializer, random });
    // The preset supplies the options the form does not show (schedule, dropout, loss, ...).
    const presetOptions: Partial<TrainOptions> = { ...preset.options };
    delete presetOptions.iterations;
    delete presetOptions.validationSplit;
    delete presetOptions.earlyStopping;
    this.options = {
      ...presetOptions,
      optimizer: config.optimizer,
      learningRate: config.learningRate,
      batchSize: Math.min(config.batchSize, this.train.count),
      epochs: config.epochs,
      seed: config.seed,
    };
    this.trainer = new Trainer(this.network, this.options);
  }

  /**
   * Trains until the last epoch or a stop. A pause aborts the Trainer.train call between steps;
   * resuming calls it again, and the trainer continues from its step count.
   */
  async run(): Promise<void> {
    this.post({ type: 'state', state: 'running' });
    for (;;) {
      const history = await this.trainUntilAborted();
      this.flushSteps();
      if (!history.aborted || this.stopRequested) break;
      this.keepPausedEpochPart(history);
      // A resume that arrived before the call returned leaves nothing to wait for.
      if (this.pauseRequested) {
        this.post({ type: 'state', state: 'paused' });
        await new Promise<void>((resolve) => (this.resumeRun = resolve));
        if (this.stopRequested) break;
      }
      this.post({ type: 'state', state: 'running' });
    }
    this.finish(this.stopRequested);
  }

  /** Aborts the training call between steps and keeps the run paused until resume() or stop(). */
  pause(): void {
    if (this.controller === null || this.stopRequested) return;
    this.pauseRequested = true;
    this.controller.abort();
    this.post({ type: 'state', state: 'pausing' });
  }

  /** Continues a paused run from the step where it stopped. */
  resume(): void {
    this.pauseRequested = false;
    this.wake();
  }

  /** Ends the run: the network trained so far is evaluated and sent back like a finished one. */
  stop(): void {
    this.stopRequested = true;
    this.controller?.abort();
    this.post({ type: 'state', state: 'stopping' });
    this.wake();
  }

  private wake(): void {
    const resume = this.resumeRun;
    this.resumeRun = null;
    resume?.();
  }

  /**
   * Runs one Trainer.train call until it ends or is aborted. The trainer returns to the worker's
   * event loop about every 50 ms, which is where pause and stop messages arrive.
   */
  private async trainUntilAborted(): Promise<TrainHistory> {
    this.controller = new AbortController();
    const started = performance.now();
    this.epochStarted = started;
    try {
      return await this.trainer.train(this.train, {
        signal: this.controller.signal,
        validation: this.validation,
        onTrainBegin: (info) => {
          this.backend = info.backend;
          if (this.began) return;
          this.began = true;
          this.stepsPerEpoch = info.stepsPerEpoch;
          this.totalSteps = info.totalSteps;
        },
        onStepEnd: (record) => {
          // Sent after the first step, when the wasm backend has started its threads.
          if (this.lastStep === 0) this.postTrainBegin();
          this.lastStep = record.step;
          this.pendingSteps.push(record);
          if (performance.now() - this.lastFlush >= STEP_FLUSH_MILLISECONDS) this.flushSteps();
        },
        onEpochEnd: (record) => this.handleEpoch(record),
      });
    } finally {
      this.controller = null;
      this.milliseconds += performance.now() - started;
    }
  }

  /**
   * Remembers the steps of the unfinished epoch of a call that a pause aborted. The trainer's
   * record of that epoch, made by the call after the resume, covers only the steps after it.
   */
  private keepPausedEpochPart(history: TrainHistory): void {
    const epochStart = Math.floor(this.lastStep / this.stepsPerEpoch) * this.stepsPerEpoch;
    const steps = history.steps.filter((record) => record.step > epochStart);
    if (steps.length === 0) return;
    // An epoch's last step ends it in the same call, so these are all full batches.
    const rows = this.options.batchSize as number;
    const part = this.pausedPart ?? { epoch: steps[0].epoch, lossSum: 0, correctSum: 0, rows: 0, milliseconds: 0 };
    for (const record of steps) {
      part.lossSum += record.loss * rows;
      part.correctSum += record.accuracy * rows;
      part.rows += rows;
    }
    part.milliseconds += performance.now() - this.epochStarted;
    this.pausedPart = part;
  }

  private postTrainBegin(): void {
    this.post({
      type: 'train-begin',
      totalSteps: this.totalSteps,
      stepsPerEpoch: this.stepsPerEpoch,
      backend: this.backend,
      threads: this.backend === wasmBackend.name ? (wasmBackend.threadCount ?? null) : null,
      trainCount: this.train.count,
      validationCount: this.validation.count,
    });
  }

  private handleEpoch(record: EpochRecord): void {
    this.lastEpoch = record.epoch;
    this.epochStarted = performance.now();
    this.flushSteps();
    const part = this.pausedPart;
    this.pausedPart = null;
    if (part === null || part.epoch !== record.epoch) {
      this.post({ type: 'epoch', record });
      return;
    }
    // The epoch ran over a pause: its means and time join the part before the pause to the
    // trainer's record, which covers the rest of the epoch's rows.
    const restRows = this.train.count - part.rows;
    this.post({
      type: 'epoch',
      record: {
        ...record,
        trainLoss: (part.lossSum + record.trainLoss * restRows) / this.train.count,
        trainAccuracy: (part.correctSum + record.trainAccuracy * restRows) / this.train.count,
        milliseconds: part.milliseconds + record.milliseconds,
      },
    });
  }

  private flushSteps(): void {
    this.lastFlush = performance.now();
    if (this.pendingSteps.length === 0) return;
    this.post({ type: 'steps', records: this.pendingSteps });
    this.pendingSteps = [];
  }

  /** Evaluates on the test set, encodes the model with its training record and sends it. */
  private finish(aborted: boolean): void {
    this.post({ type: 'state', state: 'evaluating' });
    const evaluation = evaluate(this.network, this.data.test, { mistakes: 0 });
    const bytes = encodeModel(this.network, {
      training: {
        preset: this.config.preset,
        options: { ...this.options },
        seed: this.config.seed,
        steps: this.lastStep,
        epochs: this.lastEpoch,
        metrics: { testAccuracy: evaluation.accuracy, testLoss: evaluation.loss },
        dataset: { name: this.data.name, sha256: this.data.sha256 },
        scratchnetVersion: webPackage.version,
        date: new Date().toISOString(),
        milliseconds: Math.round(this.milliseconds),
        backend: this.backend,
      },
    });
    const model = bytes.slice().buffer;
    this.post(
      {
        type: 'train-end',
        model,
        testAccuracy: evaluation.accuracy,
        testLoss: evaluation.loss,
        steps: this.lastStep,
        epochs: this.lastEpoch,
        aborted,
      },
      [model],
    );
    this.post({ type: 'state', state: 'idle' });
  }
}
