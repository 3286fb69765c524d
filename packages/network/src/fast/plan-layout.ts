// Word offsets of the plan that the WebAssembly engine reads: the same numbers as
// assembly/plan.ts. A plan is a run of 32-bit words; layer records follow the header.

export const PLAN_KIND = 0;
export const PLAN_LAYER_COUNT = 1;
export const PLAN_BLOCK_ROWS = 2;
export const PLAN_BLOCK_COUNT = 3;
export const PLAN_ROW_COUNT = 4;
export const PLAN_ROW_STARTS = 6;
export const PLAN_COLUMNS = 7;
export const PLAN_VALUES = 8;
export const PLAN_INDICES = 9;
export const PLAN_LABELS = 10;
export const PLAN_BLOCK_RESULTS = 11;
export const PLAN_GRADIENTS = 12;
export const PLAN_GRADIENT_STRIDE = 13;
export const PLAN_SCRATCH = 14;
export const PLAN_SCRATCH_STRIDE = 15;
export const PLAN_LOSS_SCALE = 16;
export const PLAN_PREDICTIONS = 17;
export const PLAN_D_SCRATCH = 18;
export const PLAN_LAYERS = 20;

export const LAYER_WORDS = 10;
export const LAYER_INPUTS = 0;
export const LAYER_OUTPUTS = 1;
export const LAYER_WIDTH = 2;
export const LAYER_ACTIVATION = 3;
export const LAYER_WEIGHTS = 4;
export const LAYER_BIASES = 5;
export const LAYER_D_WEIGHTS = 6;
export const LAYER_D_BIASES = 7;
export const LAYER_ACTIVATIONS = 8;
export const LAYER_MASK = 9;

/** Bytes of one plan with `layerCount` layers. */
export function planBytes(layerCount: number): number {
  return (PLAN_LAYERS + layerCount * LAYER_WORDS) * 4;
}

/** Bytes of one block's result: a float64 loss sum and an int32 count of correct rows. */
export const BLOCK_RESULT_BYTES = 16;

export const JOB_GRADIENTS = 1;
export const JOB_INFERENCE = 2;

/** Activation codes of the engine, by the names that DenseLayer.activation uses. */
export const ACTIVATION_CODES: Readonly<Record<string, number>> = {
  identity: 0,
  relu: 1,
  'leaky-relu': 2,
  sigmoid: 3,
  tanh: 4,
  softmax: 5,
};
