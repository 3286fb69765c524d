// Entry points of the training engine: every thread calls `work` on the same plan and claims
// blocks of rows from a shared counter. Each block writes its own gradient slot and result,
// and `sumSlots` adds the slots in block order, so the sums do not depend on which thread ran
// which block.
//
// Letters: R = rows of a block, W = padded width of a layer, K = classes.

import {
  ACTIVATION_SOFTMAX,
  JOB_INFERENCE,
  LAYER_ACTIVATION,
  LAYER_ACTIVATIONS,
  LAYER_BIASES,
  LAYER_D_BIASES,
  LAYER_D_WEIGHTS,
  LAYER_INPUTS,
  LAYER_MASK,
  LAYER_OUTPUTS,
  LAYER_WEIGHTS,
  LAYER_WIDTH,
  PLAN_BLOCK_COUNT,
  PLAN_BLOCK_RESULTS,
  PLAN_BLOCK_ROWS,
  PLAN_COLUMNS,
  PLAN_D_SCRATCH,
  PLAN_GRADIENTS,
  PLAN_GRADIENT_STRIDE,
  PLAN_INDICES,
  PLAN_KIND,
  PLAN_LABELS,
  PLAN_LAYER_COUNT,
  PLAN_LOSS_SCALE,
  PLAN_PREDICTIONS,
  PLAN_ROW_COUNT,
  PLAN_ROW_STARTS,
  PLAN_SCRATCH,
  PLAN_SCRATCH_STRIDE,
  PLAN_VALUES,
  layerWord,
  planWord,
} from './plan';
import { activateRow, activationBackwardRow } from './activation';
import { biasGradient, denseRowForward, denseRowInputGradient, denseWeightGradient } from './dense';
import { sparseRowForward, sparseRowScatter } from './sparse';
import { lossReset, lossTotal, softmaxRow } from './softmax';

const PIXEL_SCALE: f32 = 1.0 / 255.0;

// Control words shared by all threads (see src/fast/thread-pool.ts): the plan's address, the
// blocks finished, and the claim word, which holds the job's generation in its high 16 bits
// and the next unclaimed block in its low 16 bits. A thread that wakes up late finds another
// generation in the claim word and claims nothing, so the caller never waits for it.
const CONTROL_PLAN: usize = 4;
const CONTROL_DONE: usize = 8;
const CONTROL_CLAIM: usize = 12;

/** Runs blocks of job `generation` until none is left. `worker` selects this thread's scratch. */
export function work(control: usize, worker: u32, generation: u32): void {
  const tag = generation & 0xffff;
  while (true) {
    const claim = atomic.load<u32>(control + CONTROL_CLAIM);
    if (claim >>> 16 != tag) break;
    // The plan is stable while the claim word still carries this generation: the caller
    // closes the claim word before it writes the next plan.
    const plan = <usize>atomic.load<u32>(control + CONTROL_PLAN);
    const blockCount = planWord(plan, PLAN_BLOCK_COUNT);
    const block = claim & 0xffff;
    if (block >= blockCount) break;
    if (atomic.cmpxchg<u32>(control + CONTROL_CLAIM, claim, claim + 1) != claim) continue;
    const scratch = <usize>planWord(plan, PLAN_SCRATCH) + <usize>worker * <usize>planWord(plan, PLAN_SCRATCH_STRIDE);
    runBlock(plan, block, scratch);
    if (atomic.add<u32>(control + CONTROL_DONE, 1) + 1 == blockCount) atomic.notify(control + CONTROL_DONE, 1);
  }
}

/** Overwrites out [F] = Σ_b slots[b] for b = 0, 1, … in order; slots are `stride` bytes apart. */
export function sumSlots(out: usize, slots: usize, stride: usize, count: u32, floats: u32): void {
  for (let offset: usize = 0; offset < (<usize>floats << 2); offset += 16) {
    let sum = v128.load(slots + offset);
    for (let b: usize = 1; b < <usize>count; b++) sum = f32x4.add(sum, v128.load(slots + b * stride + offset));
    v128.store(out + offset, sum);
  }
}

function runBlock(plan: usize, block: u32, scratch: usize): void {
  const blockRows = planWord(plan, PLAN_BLOCK_ROWS);
  const firstRow = block * blockRows;
  const rows = min(blockRows, planWord(plan, PLAN_ROW_COUNT) - firstRow);
  const layerCount = planWord(plan, PLAN_LAYER_COUNT);
  const rowStarts = <usize>planWord(plan, PLAN_ROW_STARTS);
  const columns = <usize>planWord(plan, PLAN_COLUMNS);
  const values = <usize>planWord(plan, PLAN_VALUES);
  const indices = <usize>planWord(plan, PLAN_INDICES);
  const labels = <usize>planWord(plan, PLAN_LABELS);

  // First layer: sparse pixels times the transposed weights, scaled to [0, 1] after the sum.
  const width0 = layerWord(plan, 0, LAYER_WIDTH);
  const activations0 = scratch + <usize>layerWord(plan, 0, LAYER_ACTIVATIONS);
  const weights0 = <usize>layerWord(plan, 0, LAYER_WEIGHTS);
  const biases0 = <usize>layerWord(plan, 0, LAYER_BIASES);
  const activation0 = layerWord(plan, 0, LAYER_ACTIVATION);
  const scale = f32x4.splat(PIXEL_SCALE);
  for (let r: u32 = 0; r < rows; r++) {
    const image = imageOf(indices, firstRow + r);
    const first = <usize>load<u32>(rowStarts + (<usize>image << 2));
    const end = <usize>load<u32>(rowStarts + (<usize>image << 2), 4);
    const out = activations0 + <usize>(r * width0) * 4;
    sparseRowForward(out, weights0, biases0, width0, columns, values, first, end, PIXEL_SCALE);
    if (activation0 != ACTIVATION_SOFTMAX) activateRow(out, width0, activation0);
  }
  applyMask(plan, 0, activations0, firstRow, rows);

  // Later layers: dense rows, then the hidden activation (softmax is left to the loss).
  for (let layer: u32 = 1; layer < layerCount; layer++) {
    const inputWidth = layerWord(plan, layer - 1, LAYER_WIDTH);
    const input = scratch + <usize>layerWord(plan, layer - 1, LAYER_ACTIVATIONS);
    const width = layerWord(plan, layer, LAYER_WIDTH);
    const output = scratch + <usize>layerWord(plan, layer, LAYER_ACTIVATIONS);
    const inputs = layerWord(plan, layer, LAYER_INPUTS);
    const weights = <usize>layerWord(plan, layer, LAYER_WEIGHTS);
    const biases = <usize>layerWord(plan, layer, LAYER_BIASES);
    const activation = layerWord(plan, layer, LAYER_ACTIVATION);
    for (let r: u32 = 0; r < rows; r++) {
      const out = output + <usize>(r * width) * 4;
      denseRowForward(out, input + <usize>(r * inputWidth) * 4, inputs, weights, biases, width);
      if (activation != ACTIVATION_SOFTMAX) activateRow(out, width, activation);
    }
    applyMask(plan, layer, output, firstRow, rows);
  }

  const last = layerCount - 1;
  const classCount = layerWord(plan, last, LAYER_OUTPUTS);
  const lastWidth = layerWord(plan, last, LAYER_WIDTH);
  const logits = scratch + <usize>layerWord(plan, last, LAYER_ACTIVATIONS);

  if (planWord(plan, PLAN_KIND) == JOB_INFERENCE) {
    const predictions = <usize>planWord(plan, PLAN_PREDICTIONS);
    for (let r: u32 = 0; r < rows; r++) {
      store<u8>(predictions + <usize>(firstRow + r), argmaxRow(logits + <usize>(r * lastWidth) * 4, classCount));
    }
    return;
  }

  // Softmax cross-entropy: dZ = (p − onehot) / B, the loss summed, the hits counted.
  const lossScale = reinterpret<f32>(planWord(plan, PLAN_LOSS_SCALE));
  const dScratch = scratch + <usize>planWord(plan, PLAN_D_SCRATCH);
  const dBufferBytes = <usize>(blockRows * maxWidth(plan, layerCount)) * 4;
  let dz = dScratch;
  let dNext = dScratch + dBufferBytes;
  lossReset();
  let correct: u32 = 0;
  for (let r: u32 = 0; r < rows; r++) {
    const label = <u32>load<u8>(labels + <usize>imageOf(indices, firstRow + r));
    const row = logits + <usize>(r * lastWidth) * 4;
    if (argmaxRow(row, classCount) == label) correct++;
    softmaxRow(dz + <usize>(r * lastWidth) * 4, row, classCount, lastWidth, label, lossScale);
  }
  const result = <usize>planWord(plan, PLAN_BLOCK_RESULTS) + (<usize>block << 4);
  store<f64>(result, lossTotal());
  store<u32>(result, correct, 8);

  // Backward through the dense layers, from the output down to layer 1.
  const slot = <usize>planWord(plan, PLAN_GRADIENTS) + <usize>block * <usize>planWord(plan, PLAN_GRADIENT_STRIDE);
  for (let layer = last; layer >= 1; layer--) {
    const width = layerWord(plan, layer, LAYER_WIDTH);
    const inputs = layerWord(plan, layer, LAYER_INPUTS);
    const inputWidth = layerWord(plan, layer - 1, LAYER_WIDTH);
    const input = scratch + <usize>layerWord(plan, layer - 1, LAYER_ACTIVATIONS);
    const weights = <usize>layerWord(plan, layer, LAYER_WEIGHTS);
    denseWeightGradient(slot + <usize>layerWord(plan, layer, LAYER_D_WEIGHTS), input, <usize>inputWidth << 2, inputs, dz, rows, width);
    biasGradient(slot + <usize>layerWord(plan, layer, LAYER_D_BIASES), dz, rows, width);

    const inputActivation = layerWord(plan, layer - 1, LAYER_ACTIVATION);
    for (let r: u32 = 0; r < rows; r++) {
      const dInput = dNext + <usize>(r * inputWidth) * 4;
      denseRowInputGradient(dInput, dz + <usize>(r * width) * 4, weights, inputs, width);
      // Padding lanes must hold zeros: the next layer down multiplies them by zero weights.
      memory.fill(dInput + (<usize>inputs << 2), 0, <usize>(inputWidth - inputs) << 2);
    }
    // Backward of dropout, then of the activation. With dropout the stored activations are
    // the dropped ones, whose sign is all that ReLU, leaky ReLU and identity need.
    applyMask(plan, layer - 1, dNext, firstRow, rows);
    for (let r: u32 = 0; r < rows; r++) {
      activationBackwardRow(dNext + <usize>(r * inputWidth) * 4, input + <usize>(r * inputWidth) * 4, inputWidth, inputActivation);
    }
    const swap = dz;
    dz = dNext;
    dNext = swap;
  }

  // First layer: dBiases from dZ, then dWeights scattered over each image's nonzero pixels.
  biasGradient(slot + <usize>layerWord(plan, 0, LAYER_D_BIASES), dz, rows, width0);
  const dWeights0 = slot + <usize>layerWord(plan, 0, LAYER_D_WEIGHTS);
  memory.fill(dWeights0, 0, <usize>(layerWord(plan, 0, LAYER_INPUTS) * width0) << 2);
  for (let r: u32 = 0; r < rows; r++) {
    const image = imageOf(indices, firstRow + r);
    const first = <usize>load<u32>(rowStarts + (<usize>image << 2));
    const end = <usize>load<u32>(rowStarts + (<usize>image << 2), 4);
    const dRow = dz + <usize>(r * width0) * 4;
    for (let offset: usize = 0; offset < (<usize>width0 << 2); offset += 16) {
      v128.store(dRow + offset, f32x4.mul(v128.load(dRow + offset), scale));
    }
    sparseRowScatter(dWeights0, width0, columns, values, first, end, dRow);
  }
}

/**
 * Multiplies rows [R, W] of a block in place by the layer's dropout mask rows firstRow ..
 * firstRow + R − 1, when the layer has a mask.
 */
function applyMask(plan: usize, layer: u32, rowsAt: usize, firstRow: u32, rows: u32): void {
  const mask = <usize>layerWord(plan, layer, LAYER_MASK);
  if (mask == 0) return;
  const bytes = <usize>(rows * layerWord(plan, layer, LAYER_WIDTH)) << 2;
  const maskAt = mask + (<usize>(firstRow * layerWord(plan, layer, LAYER_WIDTH)) << 2);
  for (let offset: usize = 0; offset < bytes; offset += 16) {
    v128.store(rowsAt + offset, f32x4.mul(v128.load(rowsAt + offset), v128.load(maskAt + offset)));
  }
}

@inline
function imageOf(indices: usize, row: u32): u32 {
  return indices == 0 ? row : load<u32>(indices + (<usize>row << 2));
}

function maxWidth(plan: usize, layerCount: u32): u32 {
  let widest: u32 = 0;
  for (let layer: u32 = 0; layer < layerCount; layer++) widest = max(widest, layerWord(plan, layer, LAYER_WIDTH));
  return widest;
}

/** Returns the index of the first largest of the K logits at `row`. */
function argmaxRow(row: usize, classCount: u32): u32 {
  let best: u32 = 0;
  let bestValue = load<f32>(row);
  for (let k: u32 = 1; k < classCount; k++) {
    const value = load<f32>(row + (<usize>k << 2));
    if (value > bestValue) {
      bestValue = value;
      best = k;
    }
  }
  return best;
}


export { countNonzeros, fillSparseRows, transpose } from './copy';
