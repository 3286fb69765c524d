// The plain records that training reports through callbacks and returns as its history.

import type { LabeledImages } from './labeled-images.js';
import type { TrainOptions } from './train-options.js';

/** One optimizer step. */
export interface StepRecord {
  type: 'step';
  /** Steps completed in the run, counting this one (1 for the first step). */
  step: number;
  /** Epoch this step belongs to, counting from 1. */
  epoch: number;
  /** Mean loss over the batch, before the update (with dropout when dropout is on). */
  loss: number;
  /** Fraction of the batch classified correctly, before the update. */
  accuracy: number;
  /** Learning rate of this step's update. */
  learningRate: number;
  /** Wall time of the step, including the update. */
  milliseconds: number;
}

/** One completed pass over the training set. */
export interface EpochRecord {
  type: 'epoch';
  /** Epochs completed in the run, counting this one (1 for the first epoch). */
  epoch: number;
  /** Steps completed in the run. */
  step: number;
  /** Mean of the batch losses of the epoch, weighted by batch rows. */
  trainLoss: number;
  trainAccuracy: number;
  /** Mean loss on the validation data after the epoch, when there is validation data. */
  validationLoss?: number;
  validationAccuracy?: number;
  /** Wall time of the epoch, including validation. */
  milliseconds: number;
}

/** Callbacks that receive training progress. The package itself never prints. */
export interface TrainCallbacks {
  onTrainBegin?(info: {
    totalSteps: number;
    stepsPerEpoch: number;
    options: TrainOptions;
    backend: string;
  }): void;
  onStepEnd?(record: StepRecord): void;
  onEpochEnd?(record: EpochRecord): void;
  onTrainEnd?(history: TrainHistory): void;
}

/** Callbacks plus the per-run inputs of Trainer.train. */
export interface TrainRunOptions extends TrainCallbacks {
  /** Stops training between steps; the history then has aborted: true. */
  signal?: AbortSignal;
  /** Data evaluated after every epoch; not allowed together with the validationSplit option. */
  validation?: LabeledImages;
  /**
   * Longest time in milliseconds between two returns to the event loop, checked between steps
   * (default 50). Timers, messages and signal handlers run only then; 0 yields after every step.
   */
  yieldIntervalMilliseconds?: number;
}

/** Everything one call of Trainer.train reported. */
export interface TrainHistory {
  steps: StepRecord[];
  epochs: EpochRecord[];
  /** True when early stopping ended the run (the best weights were then restored). */
  stoppedEarly: boolean;
  /** True when the abort signal ended the run. */
  aborted: boolean;
  /** With early stopping: the epoch (counting from 1) of the lowest validation loss. */
  bestEpoch?: number;
}

/** Raised when the loss or the weights stop being finite numbers. */
export class TrainingDivergedError extends Error {
  override readonly name = 'TrainingDivergedError';

  constructor(
    /** The step (counting from 1) that produced the non-finite value. */
    readonly step: number,
    /** The epoch (counting from 1) of that step. */
    readonly epoch: number,
    /** The non-finite quantity: the batch loss, or the weights after the update. */
    readonly quantity: 'loss' | 'weights',
    readonly learningRate: number,
  ) {
    super(
      `Training diverged at step ${step} (epoch ${epoch}): ` +
        (quantity === 'loss'
          ? 'the loss is not a finite number'
          : 'the update made some weights non-finite') +
        `. Lower the learning rate (this step used ${learningRate}), or set clipNorm to bound the gradients.`,
    );
  }
}
