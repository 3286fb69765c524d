// Layout of the plan that JavaScript writes into memory before each job. Every field is a
// 32-bit word at `plan + 4 * index`. src/fast/plan-layout.ts mirrors these numbers.

export const PLAN_KIND: u32 = 0; // JOB_GRADIENTS or JOB_INFERENCE
export const PLAN_LAYER_COUNT: u32 = 1;
export const PLAN_BLOCK_ROWS: u32 = 2; // rows per block (the last block may be shorter)
export const PLAN_BLOCK_COUNT: u32 = 3;
export const PLAN_ROW_COUNT: u32 = 4; // B
export const PLAN_ROW_STARTS: u32 = 6; // u32 [count + 1]: CSR offsets of each image
export const PLAN_COLUMNS: u32 = 7; // u16 [nonzeros]: pixel index of each nonzero
export const PLAN_VALUES: u32 = 8; // f32 [nonzeros]: pixel byte of each nonzero, 0 to 255
export const PLAN_INDICES: u32 = 9; // u32 [B] image index of each row, or 0 for rows 0..B-1
export const PLAN_LABELS: u32 = 10; // u8 [count]
export const PLAN_BLOCK_RESULTS: u32 = 11; // per block: f64 loss sum, i32 correct, i32 unused
export const PLAN_GRADIENTS: u32 = 12; // per block gradient slot, PLAN_GRADIENT_STRIDE bytes apart
export const PLAN_GRADIENT_STRIDE: u32 = 13;
export const PLAN_SCRATCH: u32 = 14; // per worker scratch, PLAN_SCRATCH_STRIDE bytes apart
export const PLAN_SCRATCH_STRIDE: u32 = 15;
export const PLAN_LOSS_SCALE: u32 = 16; // f32: 1 / B, so gradients are batch means
export const PLAN_PREDICTIONS: u32 = 17; // u8 [B] predicted class per row (inference)
export const PLAN_D_SCRATCH: u32 = 18; // byte offset in a worker's scratch of two dZ buffers
export const PLAN_LAYERS: u32 = 20; // first layer record

export const LAYER_WORDS: u32 = 10;
export const LAYER_INPUTS: u32 = 0;
export const LAYER_OUTPUTS: u32 = 1;
export const LAYER_WIDTH: u32 = 2; // outputs rounded up to a multiple of 4 lanes
export const LAYER_ACTIVATION: u32 = 3;
export const LAYER_WEIGHTS: u32 = 4; // f32 [inputs, width]: weights transposed, padded with zeros
export const LAYER_BIASES: u32 = 5; // f32 [width]
export const LAYER_D_WEIGHTS: u32 = 6; // byte offset of dWeights [inputs, width] in a gradient slot
export const LAYER_D_BIASES: u32 = 7; // byte offset of dBiases [width] in a gradient slot
export const LAYER_ACTIVATIONS: u32 = 8; // byte offset of activations [blockRows, width] in scratch
export const LAYER_MASK: u32 = 9; // f32 [B, width] inverted-dropout factors of a hidden layer, or 0

export const JOB_GRADIENTS: u32 = 1;
export const JOB_INFERENCE: u32 = 2;

export const ACTIVATION_IDENTITY: u32 = 0;
export const ACTIVATION_RELU: u32 = 1;
export const ACTIVATION_LEAKY_RELU: u32 = 2;
export const ACTIVATION_SIGMOID: u32 = 3;
export const ACTIVATION_TANH: u32 = 4;
export const ACTIVATION_SOFTMAX: u32 = 5;

/** Slope of leaky ReLU for negative inputs; the same constant as the TypeScript layers. */
export const LEAKY_RELU_SLOPE: f32 = 0.01;

@inline
export function planWord(plan: usize, index: u32): u32 {
  return load<u32>(plan + (<usize>index << 2));
}

@inline
export function layerWord(plan: usize, layer: u32, index: u32): u32 {
  return load<u32>(plan + ((<usize>(PLAN_LAYERS + layer * LAYER_WORDS + index)) << 2));
}
