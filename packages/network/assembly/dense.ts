// Kernels of the dense layers after the first one, over float activations of one block.
//
// Letters: R = rows of a block, I = inputs of the layer, W = padded width of the layer.
// Weights are transposed to [I, W] with zero padding, so lanes past the real outputs stay 0.

/** Writes out[lane] = b[lane] + Σ_i input[i] · weights[i, lane] for one chunk of 4V lanes. */
@inline
function denseForwardChunk(V: i32, out: usize, input: usize, inputs: usize, weights: usize, rowBytes: usize, bias: usize): void {
  let a0 = v128.load(bias);
  let a1 = V > 1 ? v128.load(bias, 16) : f32x4.splat(0);
  let a2 = V > 2 ? v128.load(bias, 32) : f32x4.splat(0);
  let a3 = V > 3 ? v128.load(bias, 48) : f32x4.splat(0);
  for (let i: usize = 0; i < inputs; i++) {
    const p = weights + i * rowBytes;
    const x = v128.load32_splat(input + (i << 2));
    a0 = f32x4.add(a0, f32x4.mul(x, v128.load(p)));
    if (V > 1) a1 = f32x4.add(a1, f32x4.mul(x, v128.load(p, 16)));
    if (V > 2) a2 = f32x4.add(a2, f32x4.mul(x, v128.load(p, 32)));
    if (V > 3) a3 = f32x4.add(a3, f32x4.mul(x, v128.load(p, 48)));
  }
  v128.store(out, a0);
  if (V > 1) v128.store(out, a1, 16);
  if (V > 2) v128.store(out, a2, 32);
  if (V > 3) v128.store(out, a3, 48);
}

/** Computes one row's pre-activations out [W] = input [I] · weights [I, W] + biases [W]. */
export function denseRowForward(out: usize, input: usize, inputs: u32, weights: usize, biases: usize, width: u32): void {
  const rowBytes = <usize>width << 2;
  let lane: usize = 0;
  for (; lane + 16 <= <usize>width; lane += 16) {
    const offset = lane << 2;
    denseForwardChunk(4, out + offset, input, inputs, weights + offset, rowBytes, biases + offset);
  }
  const offset = lane << 2;
  const rest = <usize>width - lane;
  if (rest == 12) denseForwardChunk(3, out + offset, input, inputs, weights + offset, rowBytes, biases + offset);
  else if (rest == 8) denseForwardChunk(2, out + offset, input, inputs, weights + offset, rowBytes, biases + offset);
  else if (rest == 4) denseForwardChunk(1, out + offset, input, inputs, weights + offset, rowBytes, biases + offset);
}

/** Writes dWeights[i, lane] = Σ_r input[r, i] · dz[r, lane] for one input i and 4V lanes. */
@inline
function denseWeightGradientChunk(V: i32, dWeights: usize, input: usize, inputStride: usize, dz: usize, dzStride: usize, rows: usize): void {
  let a0 = f32x4.splat(0);
  let a1 = f32x4.splat(0);
  let a2 = f32x4.splat(0);
  let a3 = f32x4.splat(0);
  for (let r: usize = 0; r < rows; r++) {
    const x = v128.load32_splat(input + r * inputStride);
    const g = dz + r * dzStride;
    a0 = f32x4.add(a0, f32x4.mul(x, v128.load(g)));
    if (V > 1) a1 = f32x4.add(a1, f32x4.mul(x, v128.load(g, 16)));
    if (V > 2) a2 = f32x4.add(a2, f32x4.mul(x, v128.load(g, 32)));
    if (V > 3) a3 = f32x4.add(a3, f32x4.mul(x, v128.load(g, 48)));
  }
  v128.store(dWeights, a0);
  if (V > 1) v128.store(dWeights, a1, 16);
  if (V > 2) v128.store(dWeights, a2, 32);
  if (V > 3) v128.store(dWeights, a3, 48);
}

/**
 * Overwrites a block's dWeights [I, W] = inputᵀ · dz, with input [R, I] (rows inputStride bytes
 * apart) and dz [R, W]. Each entry is summed over the rows in row order.
 */
export function denseWeightGradient(dWeights: usize, input: usize, inputStride: usize, inputs: u32, dz: usize, rows: u32, width: u32): void {
  const rowBytes = <usize>width << 2;
  for (let i: usize = 0; i < <usize>inputs; i++) {
    const column = input + (i << 2);
    const target = dWeights + i * rowBytes;
    let lane: usize = 0;
    for (; lane + 16 <= <usize>width; lane += 16) {
      denseWeightGradientChunk(4, target + (lane << 2), column, inputStride, dz + (lane << 2), rowBytes, rows);
    }
    const offset = lane << 2;
    const rest = <usize>width - lane;
    if (rest == 12) denseWeightGradientChunk(3, target + offset, column, inputStride, dz + offset, rowBytes, rows);
    else if (rest == 8) denseWeightGradientChunk(2, target + offset, column, inputStride, dz + offset, rowBytes, rows);
    else if (rest == 4) denseWeightGradientChunk(1, target + offset, column, inputStride, dz + offset, rowBytes, rows);
  }
}

/** Overwrites dBiases [W] = Σ_r dz[r, :], each unit summed over the rows of the block. */
export function biasGradient(dBiases: usize, dz: usize, rows: u32, width: u32): void {
  const rowBytes = <usize>width << 2;
  for (let lane: usize = 0; lane < <usize>width; lane += 4) {
    let sum = f32x4.splat(0);
    for (let r: usize = 0; r < <usize>rows; r++) sum = f32x4.add(sum, v128.load(dz + r * rowBytes + (lane << 2)));
    v128.store(dBiases + (lane << 2), sum);
  }
}

/**
 * Overwrites one row's input gradient dInput [I] = dz [W] · weightsᵀ, so dInput[i] is the dot
 * product of dz with weight row i.
 */
export function denseRowInputGradient(dInput: usize, dz: usize, weights: usize, inputs: u32, width: u32): void {
  const rowBytes = <usize>width << 2;
  for (let i: usize = 0; i < <usize>inputs; i++) {
    const p = weights + i * rowBytes;
    let sum = f32x4.splat(0);
    for (let lane: usize = 0; lane < <usize>width; lane += 4) {
      sum = f32x4.add(sum, f32x4.mul(v128.load(dz + (lane << 2)), v128.load(p + (lane << 2))));
    }
    const pairs = f32x4.add(sum, v128.shuffle<f32>(sum, sum, 2, 3, 0, 1));
    store<f32>(dInput + (i << 2), f32x4.extract_lane(f32x4.add(pairs, v128.shuffle<f32>(pairs, pairs, 1, 0, 3, 2)), 0));
  }
}
