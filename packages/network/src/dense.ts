// The dense (fully connected) layer Z = X·Wᵀ + b as a forward/backward pair.
//
// Letters: B = batch rows, I = inputs of the layer, O = outputs of the layer.
// Weights are stored [O, I], the PyTorch nn.Linear layout.
// Gradient convention of this package: backward ADDS into parameter gradients (dWeights,
// dBiases), so a batch split into tiles accumulates, and OVERWRITES the input gradient.

import { gemm } from '@scratchnet/matrix';
import type { FloatArray, GemmOptions, Matrix } from '@scratchnet/matrix';

const FORWARD: GemmOptions = { transposeB: true };
const WEIGHT_GRADIENT: GemmOptions = { transposeA: true, beta: 1 };
const INPUT_GRADIENT: GemmOptions = {};

/**
 * Computes out = input·weightsᵀ + biases and returns `out`.
 * Shapes: out [B, O], input [B, I], weights [O, I], biases [O]. `out` must not alias `input`.
 */
export function denseForward<T extends FloatArray>(
  out: Matrix<T>,
  input: Matrix,
  weights: Matrix,
  biases: FloatArray,
): Matrix<T> {
  gemm(out, input, weights, FORWARD);
  const batchSize = out.rows;
  const outputSize = out.cols;
  const values = out.data;
  for (let row = 0; row < batchSize; row++) {
    const start = row * outputSize;
    for (let unit = 0; unit < outputSize; unit++) values[start + unit] += biases[unit];
  }
  return out;
}

/**
 * Backward of Z = X·Wᵀ + b, given dZ = dOutput [B, O]:
 * adds dWeights [O, I] += dZᵀ·X and dBiases [O] += Σ_rows dZ (each unit summed over the batch),
 * and overwrites dInput [B, I] = dZ·W unless `dInput` is null (the first layer needs none).
 */
export function denseBackward(
  dInput: Matrix | null,
  dWeights: Matrix,
  dBiases: FloatArray,
  dOutput: Matrix,
  input: Matrix,
  weights: Matrix,
): void {
  gemm(dWeights, dOutput, input, WEIGHT_GRADIENT);

  const batchSize = dOutput.rows;
  const outputSize = dOutput.cols;
  const dValues = dOutput.data;
  // Each unit's column is summed in a double before one add, so a Float32Array dBiases
  // rounds once per tile rather than once per row.
  for (let unit = 0; unit < outputSize; unit++) {
    let sum = 0;
    for (let row = 0; row < batchSize; row++) sum += dValues[row * outputSize + unit];
    dBiases[unit] += sum;
  }

  if (dInput !== null) gemm(dInput, dOutput, weights, INPUT_GRADIENT);
}
