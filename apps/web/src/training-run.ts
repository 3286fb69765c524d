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

export class TrainingRun {
  private readonly network: Network;
  private readonly trainer: Trainer;
  private readonly options: TrainOptions;
  private readonly train: Dataset;
  private readonly validation: Dataset;
  private controller = new AbortController();
  private pendingSteps: StepRecord[] = [];
  private lastFlush = 0;
  private lastStep = 0;
  private lastEpoch = 0;
  private milliseconds = 0;
  private backend = 'unknown';
  private stopRequested = false;
  /** The promise of the Trainer.train call in progress, or null while paused. */
  private running: Promise<TrainHistory> | null = null;

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
    // The preset supplies the options the form does not show (momentum, schedule, weight decay, ...).
    const presetOptions: Partial<TrainOptions> = { ...preset.options };
    delete presetOptions.iterations;
    delete presetOptions.validationSplit;
    delete presetOptions.earlyStopping;
    this.options = {
      ...presetOptions,
      optimizer: config.optimizer,
      learningRate: config.learningRate,
      batchSize: config.batchSize,
      epochs: config.epochs,
      seed: config.seed,
    };
    this.trainer = new Trainer(this.network, this.options);
  }

  /** Trains until the last epoch, a pause or a stop. */
  start(): void {
    this.stopRequested = false;
    this.controller = new AbortController();
    this.post({ type: 'state', state: 'running' });
    const startedAt = performance.now();
    this.running = this.trainer.train(this.train, {
      signal: this.controller.signal,
      validation: this.validation,
      onTrainBegin: (info) => {
        this.backend = info.backend;
        this.post({
          type: 'train-begin',
          totalSteps: info.totalSteps,
          stepsPerEpoch: info.stepsPerEpoch,
          backend: info.backend,
          validationCount: this.validation.count,
        });
      },
      onStepEnd: (record) => this.handleStep(record),
      onEpochEnd: (record) => this.handleEpoch(record),
    });
    void this.running.then(
      (history) => {
        this.milliseconds += performance.now() - startedAt;
        this.running = null;
        this.flushSteps();
        if (history.aborted && !this.stopRequested) this.post({ type: 'state', state: 'paused' });
        else this.finish(history.aborted);
      },
      (error: unknown) => {
        this.running = null;
        this.post({ type: 'error', message: `Training failed: ${error instanceof Error ? error.message : String(error)}` });
        this.post({ type: 'state', state: 'idle' });
      },
    );
  }

  /** Stops after the current step and keeps the network and optimizer state for resume(). */
  pause(): void {
    if (this.running === null) return;
    this.post({ type: 'state', state: 'pausing' });
    this.controller.abort();
  }

  /** Continues a paused run from the step where it stopped. */
  resume(): void {
    if (this.running !== null) return;
    this.start();
  }

  /** Ends the run: the network trained so far is evaluated and sent back like a finished one. */
  stop(): void {
    this.stopRequested = true;
    if (this.running === null) {
      this.finish(true);
      return;
    }
    this.post({ type: 'state', state: 'stopping' });
    this.controller.abort();
  }

  private handleStep(record: StepRecord): void {
    this.lastStep = record.step;
    this.pendingSteps.push(record);
    if (performance.now() - this.lastFlush >= STEP_FLUSH_MILLISECONDS) this.flushSteps();
  }

  private handleEpoch(record: EpochRecord): void {
    this.lastEpoch = record.epoch;
    this.flushSteps();
    this.post({ type: 'epoch', record });
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
