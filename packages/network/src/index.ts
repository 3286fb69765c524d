// Public entry point of @scratchnet/network: dense networks, their forward/backward kernels,
// losses, optimizers, the trainer, training backends, presets and metrics.

export { Network } from './network.js';
export type { DenseLayer, LayerParameters, NetworkSpec } from './network.js';
export {
  ACTIVATIONS,
  LEAKY_RELU_SLOPE,
  activationBackward,
  activationForward,
  isActivation,
} from './activation.js';
export type { Activation } from './activation.js';
export { INITIALIZERS, defaultInitializer, initializeLayer } from './initializers.js';
export type { Initializer } from './initializers.js';

export { denseBackward, denseForward } from './dense.js';
export { dropoutBackward, dropoutForward } from './dropout.js';
export {
  softmaxCrossEntropyBackward,
  softmaxCrossEntropyForward,
} from './softmax-cross-entropy.js';
export { meanSquaredErrorBackward, meanSquaredErrorForward } from './mean-squared-error.js';
export { LOSSES, lossBackward, lossForward } from './loss.js';
export type { LossName } from './loss.js';
export { GradientWorkspace, countCorrect } from './gradient-workspace.js';
export type { DropoutSettings, LayerShape, LayerTensors } from './gradient-workspace.js';

export { gatherTile, validateLabeledImages } from './labeled-images.js';
export type { LabeledImages } from './labeled-images.js';

export { OPTIMIZERS, OPTIMIZER_DEFAULTS, createOptimizer } from './optimizers/optimizer.js';
export type { Optimizer, OptimizerName, OptimizerSettings } from './optimizers/optimizer.js';
export { learningRateAt } from './schedule.js';
export type { LearningRateSchedule, ScheduleProgress } from './schedule.js';
export { clipByGlobalNorm } from './gradient-clipping.js';

export { listBackends, registerBackend, selectBackend, unregisterBackend } from './backend.js';
export type { BatchDropout, BatchResult, GradientBuffers, TrainingBackend } from './backend.js';
export { TILE_ROWS, jsBackend } from './js-backend.js';

export { resolveTrainOptions } from './train-options.js';
export type { ResolvedTrainOptions, TrainOptions } from './train-options.js';
export { Trainer, train } from './trainer.js';
export type { TrainerState } from './trainer-state.js';
export { TrainingDivergedError } from './training-records.js';
export type {
  EpochRecord,
  StepRecord,
  TrainCallbacks,
  TrainHistory,
  TrainRunOptions,
} from './training-records.js';

export { validationRowCount } from './data-order.js';
export { presets } from './presets.js';
export type { Preset, PresetName } from './presets.js';
export { DEFAULT_MISTAKE_COUNT, evaluate, precisionRecallF1 } from './metrics.js';
export type { Evaluation, Mistake } from './metrics.js';

// The WebAssembly SIMD backend, registered by default at priority 10 (above 'js').
export * from './fast/index.js';
