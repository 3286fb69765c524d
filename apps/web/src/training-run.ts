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
/**
 * Maximum time spent training between two returns to the worker's event loop. Trainer.train only
 * awaits microtasks between steps, so pause and stop messages are read between these slices.
 */
const SLICE_MILLISECONDS = 100;

type Post = (message: WorkerResponse, transfer?: Transferable[]) => void;

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
  /** Loss and correct-count sums over the epoch so far, weighted by batch rows. */
  private epochLossSum = 0;
  private epochCorrect = 0;
  private epochRows = 0;
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

  /** Trains in slices until the last epoch or a stop; a pause waits between slices. */
  async run(): Promise<void> {
    this.post({ type: 'state', state: 'running' });
    for (;;) {
      const history = await this.trainSlice();
      this.flushSteps();
      if (!history.aborted) break;

      // Back to the event loop, so that pause, stop and evaluation requests are handled.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.stopRequested) break;
      if (this.pauseRequested) {
        this.post({ type: 'state', state: 'paused' });
        await new Promise<void>((resolve) => (this.resumeRun = resolve));
        if (this.stopRequested) break;
        this.post({ type: 'state', state: 'running' });
      }
    }
    this.finish(this.stopRequested);
  }

  /** Holds the run at the end of the current slice. */
  pause(): void {
    if (this.resumeRun !== null || this.stopRequested) return;
    this.pauseRequested = true;
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
    this.post({ type: 'state', state: 'stopping' });
    this.wake();
  }

  private wake(): void {
    const resume = this.resumeRun;
    this.resumeRun = null;
    resume?.();
  }

  /** Runs Trainer.train for about SLICE_MILLISECONDS; the trainer continues from its own step count. */
  private async trainSlice(): Promise<TrainHistory> {
    const controller = new AbortController();
    const started = performance.now();
    try {
      return await this.trainer.train(this.train, {
        signal: controller.signal,
        validation: this.validation,
        onTrainBegin: (info) => {
          this.backend = info.backend;
          if (this.began) return;
          this.began = true;
          this.stepsPerEpoch = info.stepsPerEpoch;
          this.post({
            type: 'train-begin',
            totalSteps: info.totalSteps,
            stepsPerEpoch: info.stepsPerEpoch,
            backend: info.backend,
            trainCount: this.train.count,
            validationCount: this.validation.count,
          });
        },
        onStepEnd: (record) => {
          this.handleStep(record);
          if (performance.now() - started >= SLICE_MILLISECONDS) controller.abort();
        },
        onEpochEnd: (record) => this.handleEpoch(record),
      });
    } finally {
      this.milliseconds += performance.now() - started;
    }
  }

  private handleStep(record: StepRecord): void {
    // The epoch's last batch contains the rows left over after the full batches.
    const batchRows = this.options.batchSize as number;
    const lastOfEpoch = record.step % this.stepsPerEpoch === 0;
    const rows = lastOfEpoch ? this.train.count - (this.stepsPerEpoch - 1) * batchRows : batchRows;
    this.epochLossSum += record.loss * rows;
    this.epochCorrect += record.accuracy * rows;
    this.epochRows += rows;
    this.lastStep = record.step;
    this.pendingSteps.push(record);
    if (performance.now() - this.lastFlush >= STEP_FLUSH_MILLISECONDS) this.flushSteps();
  }

  private handleEpoch(record: EpochRecord): void {
    this.lastEpoch = record.epoch;
    this.flushSteps();
    // Each slice is a separate Trainer.train call whose epoch means cover only that slice's
    // steps, so the means over the whole epoch are computed here from the step records.
    const trainLoss = this.epochLossSum / this.epochRows;
    const trainAccuracy = this.epochCorrect / this.epochRows;
    this.epochLossSum = 0;
    this.epochCorrect = 0;
    this.epochRows = 0;
    this.post({ type: 'epoch', record: { ...record, trainLoss, trainAccuracy } });
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
