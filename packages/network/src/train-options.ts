// Training options, their defaults and their validation at the public boundary.

import type { LossName } from './loss.js';
import { LOSSES } from './loss.js';
import { OPTIMIZERS, OPTIMIZER_DEFAULTS } from './optimizers/optimizer.js';
import type { OptimizerName } from './optimizers/optimizer.js';
import { validateSchedule } from './schedule.js';
import type { LearningRateSchedule } from './schedule.js';

/** Everything that controls a training run. Exactly one of epochs and iterations is required. */
export interface TrainOptions {
  /** Rows per step, or 'full' for the whole training set per step (full-batch gradient descent). */
  batchSize: number | 'full';
  /** Passes over the training set, counted from the start of the run (a resumed run continues to it). */
  epochs?: number;
  /** Optimizer steps, counted from the start of the run. */
  iterations?: number;
  optimizer: OptimizerName;
  learningRate: number;
  /** 'momentum' and 'nesterov': momentum factor, default 0.9. */
  momentum?: number;
  /** Adam and AdamW: default 0.9. */
  beta1?: number;
  /** Adam and AdamW: default 0.999. */
  beta2?: number;
  /** Adam, AdamW and RMSProp: default 1e-8. */
  epsilon?: number;
  /** RMSProp: decay of the running mean square, default 0.9. */
  rho?: number;
  /** Weight decay of the weights (not the biases): L2 for every optimizer but AdamW, where it is decoupled. Default 0. */
  weightDecay?: number;
  /** Default { type: 'constant' }. */
  schedule?: LearningRateSchedule;
  /** When set, gradients whose global L2 norm exceeds it are scaled down to it. */
  clipNorm?: number;
  /** Rate of inverted dropout on every hidden layer's output during training, in [0, 1). Default 0. */
  dropout?: number;
  /** Default 'cross-entropy'. */
  loss?: LossName;
  /** Fraction of the training data held out for validation, chosen by a shuffle seeded from `seed`. */
  validationSplit?: number;
  /** Stop when the validation loss has not improved by more than minDelta for `patience` epochs, and restore the best weights. */
  earlyStopping?: { patience: number; minDelta?: number };
  /** Seed of the shuffles, the dropout masks and the validation split. */
  seed: number;
  /** 'auto' (default: the fastest registered backend that supports the run), 'js', or a registered name. */
  backend?: 'auto' | 'js' | (string & {});
}

/** Options with every default filled in. */
export type ResolvedTrainOptions = Required<
  Omit<TrainOptions, 'epochs' | 'iterations' | 'clipNorm' | 'validationSplit' | 'earlyStopping'>
> &
  Pick<TrainOptions, 'epochs' | 'iterations' | 'clipNorm' | 'validationSplit' | 'earlyStopping'>;

/** Validates `options` and returns a copy with the defaults filled in. Throws a RangeError naming the first invalid option. */
export function resolveTrainOptions(options: TrainOptions): ResolvedTrainOptions {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`Training options must be an object, got ${String(options)}.`);
  }
  const {
    batchSize,
    epochs,
    iterations,
    optimizer,
    learningRate,
    momentum = OPTIMIZER_DEFAULTS.momentum,
    beta1 = OPTIMIZER_DEFAULTS.beta1,
    beta2 = OPTIMIZER_DEFAULTS.beta2,
    epsilon = OPTIMIZER_DEFAULTS.epsilon,
    rho = OPTIMIZER_DEFAULTS.rho,
    weightDecay = 0,
    schedule = { type: 'constant' },
    clipNorm,
    dropout = 0,
    loss = 'cross-entropy',
    validationSplit,
    earlyStopping,
    seed,
    backend = 'auto',
  } = options;

  if (batchSize !== 'full' && !isPositiveInteger(batchSize)) {
    invalid('batchSize', batchSize, "a positive integer or 'full'");
  }
  if ((epochs === undefined) === (iterations === undefined)) {
    throw new RangeError(
      `Training options need exactly one of epochs and iterations, got epochs ${String(epochs)} and iterations ${String(iterations)}.`,
    );
  }
  if (epochs !== undefined && !isPositiveInteger(epochs))
    invalid('epochs', epochs, 'a positive integer');
  if (iterations !== undefined && !isPositiveInteger(iterations))
    invalid('iterations', iterations, 'a positive integer');
  if (!OPTIMIZERS.includes(optimizer))
    invalid('optimizer', optimizer, `one of ${OPTIMIZERS.join(', ')}`);
  if (!(Number.isFinite(learningRate) && learningRate > 0))
    invalid('learningRate', learningRate, 'a finite number > 0');
  checkUnitInterval('momentum', momentum);
  checkUnitInterval('beta1', beta1);
  checkUnitInterval('beta2', beta2);
  checkUnitInterval('rho', rho);
  if (!(Number.isFinite(epsilon) && epsilon > 0))
    invalid('epsilon', epsilon, 'a finite number > 0');
  if (!(Number.isFinite(weightDecay) && weightDecay >= 0))
    invalid('weightDecay', weightDecay, 'a finite number >= 0');
  validateSchedule(schedule);
  if (clipNorm !== undefined && !(Number.isFinite(clipNorm) && clipNorm > 0))
    invalid('clipNorm', clipNorm, 'a finite number > 0');
  checkUnitInterval('dropout', dropout);
  if (!LOSSES.includes(loss)) invalid('loss', loss, `one of ${LOSSES.join(', ')}`);
  if (validationSplit !== undefined && !(validationSplit > 0 && validationSplit < 1)) {
    invalid('validationSplit', validationSplit, 'a fraction strictly between 0 and 1');
  }
  if (earlyStopping !== undefined) {
    if (!isPositiveInteger(earlyStopping?.patience))
      invalid('earlyStopping.patience', earlyStopping?.patience, 'a positive integer of epochs');
    const minDelta = earlyStopping.minDelta ?? 0;
    if (!(Number.isFinite(minDelta) && minDelta >= 0))
      invalid('earlyStopping.minDelta', minDelta, 'a finite number >= 0');
  }
  if (!Number.isInteger(seed) || seed < -0x80000000 || seed > 0xffffffff)
    invalid('seed', seed, 'a 32-bit integer');
  if (typeof backend !== 'string' || backend === '')
    invalid('backend', backend, "'auto', 'js' or the name of a registered backend");

  return {
    batchSize,
    epochs,
    iterations,
    optimizer,
    learningRate,
    momentum,
    beta1,
    beta2,
    epsilon,
    rho,
    weightDecay,
    schedule,
    clipNorm,
    dropout,
    loss,
    validationSplit,
    earlyStopping,
    seed,
    backend,
  };
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1;
}

function checkUnitInterval(name: string, value: number): void {
  if (!(value >= 0 && value < 1)) invalid(name, value, 'a number in [0, 1)');
}

function invalid(name: string, value: unknown, expected: string): never {
  throw new RangeError(
    `Invalid training option ${name}: expected ${expected}, got ${describeValue(value)}.`,
  );
}

/** Formats a value for an error message; JSON would print NaN and Infinity as null. */
function describeValue(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}
