// The training loop: batches, backend gradients, clipping, optimizer updates, validation, early
// stopping and checkpoints. Progress goes to callbacks as plain records; nothing is printed.

import { Random } from '@scratchnet/matrix';

import { selectBackend } from './backend.js';
import type { BatchDropout, GradientBuffers, TrainingBackend } from './backend.js';
import { shuffleEpoch, splitRows } from './data-order.js';
import { EarlyStopping } from './early-stopping.js';
import { EvaluationPass } from './evaluation-pass.js';
import { yieldToEventLoop } from './event-loop.js';
import { clipByGlobalNorm } from './gradient-clipping.js';
import { validateLabeledImages } from './labeled-images.js';
import type { LabeledImages } from './labeled-images.js';
import type { Network } from './network.js';
import { createOptimizer } from './optimizers/optimizer.js';
import type { Optimizer } from './optimizers/optimizer.js';
import { learningRateAt } from './schedule.js';
import { resolveTrainOptions } from './train-options.js';
import type { ResolvedTrainOptions, TrainOptions } from './train-options.js';
import { checkTrainerState, copyTrainerState } from './trainer-state.js';
import type { TrainerState } from './trainer-state.js';
import { TrainingDivergedError } from './training-records.js';
import type { EpochRecord, StepRecord, TrainHistory, TrainRunOptions } from './training-records.js';

/** Rows a run trains on and validates on, and how it steps through them. */
interface RunPlan {
  /** Training rows of `data`, or null for all rows in order. */
  trainRows: Uint32Array | null;
  rowCount: number;
  batchRows: number;
  stepsPerEpoch: number;
  totalSteps: number;
  validation: { data: LabeledImages; rows: Uint32Array | null } | null;
}

/**
 * Trains a network in place. A Trainer keeps the step count, the optimizer state and the
 * dropout generator between calls of train(), and state()/restore() move them into and out of
 * a checkpoint: a run resumed from state() gives bit-identical weights to an uninterrupted one.
 */
export class Trainer {
  readonly network: Network;
  /** The options with defaults filled in. */
  readonly options: ResolvedTrainOptions;
  private readonly optimizer: Optimizer;
  private readonly parameters: Float32Array[];
  private readonly gradients: GradientBuffers;
  private readonly gradientList: Float32Array[];
  private readonly dropoutRandom: Random;
  private readonly shuffleRandom = new Random(0);
  private step = 0;
  private epoch = 0;
  private running = false;

  /** Throws a RangeError naming the first invalid option. */
  constructor(network: Network, options: TrainOptions) {
    this.network = network;
    this.options = resolveTrainOptions(options);
    this.parameters = network.parameters();
    this.gradients = {
      dWeights: network.layers.map((layer) => new Float32Array(layer.weights.length)),
      dBiases: network.layers.map((layer) => new Float32Array(layer.biases.length)),
    };
    this.gradientList = network.layers.flatMap((_, index) => [
      this.gradients.dWeights[index],
      this.gradients.dBiases[index],
    ]);
    // Weight decay applies to the weights (even tensors) and not to the biases.
    const { optimizer, momentum, beta1, beta2, epsilon, rho, weightDecay } = this.options;
    this.optimizer = createOptimizer(
      optimizer,
      this.parameters.map((tensor) => tensor.length),
      {
        momentum,
        beta1,
        beta2,
        epsilon,
        rho,
        weightDecays: this.parameters.map((_, index) => (index % 2 === 0 ? weightDecay : 0)),
      },
    );
    this.dropoutRandom = new Random(this.options.seed);
  }

  /**
   * Trains until the run's epochs or iterations are reached, counted from the start of the run
   * (so a restored trainer continues), early stopping ends it, or `signal` aborts it between
   * steps. Returns the records of this call. Throws TrainingDivergedError when the loss or the
   * weights become non-finite; a non-finite loss is detected before that step's update.
   */
  async train(data: LabeledImages, run: TrainRunOptions = {}): Promise<TrainHistory> {
    if (this.running) {
      throw new Error(
        'Trainer.train is already running on this trainer; await the first call before starting another.',
      );
    }
    const interval = run.yieldIntervalMilliseconds;
    if (interval !== undefined && !(Number.isFinite(interval) && interval >= 0)) {
      throw new RangeError(
        `yieldIntervalMilliseconds is ${interval}; expected a finite number of milliseconds >= 0 (0 yields after every step).`,
      );
    }
    this.running = true;
    try {
      return await this.runSteps(data, run);
    } finally {
      this.running = false;
    }
  }

  /** Returns a copy of the step and epoch counts, the dropout generator state and the optimizer state. */
  state(): TrainerState {
    return copyTrainerState({
      step: this.step,
      epoch: this.epoch,
      randomState: this.dropoutRandom.getState(),
      optimizer: {
        name: this.optimizer.name,
        step: this.optimizer.step,
        slots: this.optimizer.slots,
      },
    });
  }

  /**
   * Continues from a state returned by state() of a trainer with the same options and network
   * architecture. The network's weights are not part of the state: load them separately.
   */
  restore(state: TrainerState): void {
    checkTrainerState(state, this.optimizer);
    this.step = state.step;
    this.epoch = state.epoch;
    this.dropoutRandom.setState(state.randomState);
    this.optimizer.step = state.optimizer.step;
    for (const [name, tensors] of Object.entries(this.optimizer.slots)) {
      tensors.forEach((tensor, index) => tensor.set(state.optimizer.slots[name][index]));
    }
  }

  private async runSteps(data: LabeledImages, run: TrainRunOptions): Promise<TrainHistory> {
    const { network, options } = this;
    const plan = this.planRun(data, run);
    const backend: TrainingBackend = selectBackend(options.backend, network, options);
    const history: TrainHistory = { steps: [], epochs: [], stoppedEarly: false, aborted: false };

    // Every buffer of the loop is allocated here, so steps after the first allocate nothing.
    const shuffled = plan.stepsPerEpoch > 1 ? new Uint32Array(plan.rowCount) : null;
    const fullBatch = shuffled === null ? null : new Uint32Array(plan.batchRows);
    const lastBatchRows = plan.rowCount % plan.batchRows;
    const lastBatch =
      shuffled === null || lastBatchRows === 0 ? null : new Uint32Array(lastBatchRows);
    const dropout: BatchDropout | undefined =
      options.dropout > 0 ? { rate: options.dropout, random: this.dropoutRandom } : undefined;
    const evaluation = plan.validation === null ? null : new EvaluationPass(network);
    // NOTE: early-stopping progress (best loss, epochs without improvement, best weights) is not part of TrainerState, so a restored trainer starts tracking afresh.
    const earlyStopping =
      options.earlyStopping === undefined
        ? null
        : new EarlyStopping(
            network,
            options.earlyStopping.patience,
            options.earlyStopping.minDelta ?? 0,
          );

    run.onTrainBegin?.({
      totalSteps: plan.totalSteps,
      stepsPerEpoch: plan.stepsPerEpoch,
      options,
      backend: backend.name,
    });

    let shuffledEpoch = -1;
    // NOTE: after a restore in the middle of an epoch, that epoch's record covers only the steps run since the restore.
    let epochStarted = performance.now();
    let epochLossSum = 0;
    let epochCorrect = 0;
    let epochRows = 0;
    const yieldInterval = run.yieldIntervalMilliseconds ?? 50;
    let lastYield = performance.now();
    while (this.step < plan.totalSteps) {
      // A backend that computes synchronously never leaves the microtask queue, so without this
      // an abort requested by a timer, a message or a signal handler would wait for the last step.
      if (performance.now() - lastYield >= yieldInterval) {
        await yieldToEventLoop();
        lastYield = performance.now();
      }
      if (run.signal?.aborted) {
        history.aborted = true;
        break;
      }
      const stepStarted = performance.now();
      const epochIndex = Math.floor(this.step / plan.stepsPerEpoch);

      // Pick the batch: all training rows, or the next slice of this epoch's shuffled order.
      let indices = plan.trainRows;
      if (shuffled !== null) {
        if (shuffledEpoch !== epochIndex) {
          shuffleEpoch(
            shuffled,
            plan.trainRows,
            options.seed,
            epochIndex,
            this.shuffleRandom,
          );
          shuffledEpoch = epochIndex;
        }
        const start = (this.step - epochIndex * plan.stepsPerEpoch) * plan.batchRows;
        indices = start + plan.batchRows <= plan.rowCount ? fullBatch : lastBatch;
        for (let row = 0; row < indices!.length; row++) indices![row] = shuffled[start + row];
      }
      const rows = indices === null ? data.count : indices.length;

      // Gradients from the backend, then clipping and the update.
      const learningRate = learningRateAt(options.schedule, options.learningRate, {
        step: this.step,
        stepsPerEpoch: plan.stepsPerEpoch,
        totalSteps: plan.totalSteps,
      });
      const batch = await backend.computeGradients(
        network,
        data,
        indices,
        this.gradients,
        dropout,
        options.loss,
      );
      const loss = batch.lossSum / rows;
      if (!Number.isFinite(loss))
        throw new TrainingDivergedError(this.step + 1, epochIndex + 1, 'loss', learningRate);
      if (options.clipNorm !== undefined) clipByGlobalNorm(this.gradientList, options.clipNorm);
      this.optimizer.update(this.parameters, this.gradientList, learningRate);
      if (!allFinite(this.parameters))
        throw new TrainingDivergedError(this.step + 1, epochIndex + 1, 'weights', learningRate);
      this.step++;

      const stepRecord: StepRecord = {
        type: 'step',
        step: this.step,
        epoch: epochIndex + 1,
        loss,
        accuracy: batch.correct / rows,
        learningRate,
        milliseconds: performance.now() - stepStarted,
      };
      history.steps.push(stepRecord);
      run.onStepEnd?.(stepRecord);
      epochLossSum += batch.lossSum;
      epochCorrect += batch.correct;
      epochRows += rows;
      if (this.step % plan.stepsPerEpoch !== 0) continue;

      // End of an epoch: validate, report, and let early stopping decide.
      this.epoch = this.step / plan.stepsPerEpoch;
      const epochRecord: EpochRecord = {
        type: 'epoch',
        epoch: this.epoch,
        step: this.step,
        trainLoss: epochLossSum / epochRows,
        trainAccuracy: epochCorrect / epochRows,
        milliseconds: 0,
      };
      if (evaluation !== null && plan.validation !== null) {
        const totals = evaluation.run(plan.validation.data, plan.validation.rows, options.loss);
        epochRecord.validationLoss = totals.lossSum / totals.count;
        epochRecord.validationAccuracy = totals.correct / totals.count;
      }
      epochRecord.milliseconds = performance.now() - epochStarted;
      history.epochs.push(epochRecord);
      run.onEpochEnd?.(epochRecord);
      epochStarted = performance.now();
      epochLossSum = 0;
      epochCorrect = 0;
      epochRows = 0;

      if (earlyStopping !== null && earlyStopping.update(epochRecord.validationLoss!, this.epoch)) {
        earlyStopping.restoreBest();
        history.stoppedEarly = true;
        break;
      }
    }
    if (earlyStopping?.bestEpoch !== undefined) history.bestEpoch = earlyStopping.bestEpoch;
    run.onTrainEnd?.(history);
    return history;
  }

  private planRun(data: LabeledImages, run: TrainRunOptions): RunPlan {
    const { network, options } = this;
    validateLabeledImages(data, network.inputSize, network.classCount);
    if (run.validation !== undefined) {
      validateLabeledImages(
        run.validation,
        network.inputSize,
        network.classCount,
        'validation data',
      );
      if (options.validationSplit !== undefined) {
        throw new RangeError(
          'Pass either validation data or the validationSplit option, not both.',
        );
      }
    }
    if (
      options.earlyStopping !== undefined &&
      run.validation === undefined &&
      options.validationSplit === undefined
    ) {
      throw new RangeError(
        'earlyStopping needs validation data: pass validation to train() or set validationSplit.',
      );
    }

    const split =
      options.validationSplit === undefined
        ? null
        : splitRows(data.count, options.validationSplit, options.seed);
    const trainRows = split?.train ?? null;
    const rowCount = trainRows?.length ?? data.count;
    const batchRows =
      options.batchSize === 'full' ? rowCount : Math.min(options.batchSize, rowCount);
    const stepsPerEpoch = Math.ceil(rowCount / batchRows);
    const totalSteps = options.iterations ?? options.epochs! * stepsPerEpoch;
    const validation =
      run.validation !== undefined
        ? { data: run.validation, rows: null }
        : split === null
          ? null
          : { data, rows: split.validation };
    return { trainRows, rowCount, batchRows, stepsPerEpoch, totalSteps, validation };
  }
}

/** Trains `network` in place with a new Trainer and returns the history. */
export function train(
  network: Network,
  data: LabeledImages,
  options: TrainOptions,
  run?: TrainRunOptions,
): Promise<TrainHistory> {
  return new Trainer(network, options).train(data, run);
}

function allFinite(tensors: readonly Float32Array[]): boolean {
  // A sum is NaN or infinite when any term is, so one pass with one check per tensor suffices.
  for (const tensor of tensors) {
    let sum = 0;
    for (let i = 0; i < tensor.length; i++) sum += tensor[i];
    if (!Number.isFinite(sum)) return false;
  }
  return true;
}
