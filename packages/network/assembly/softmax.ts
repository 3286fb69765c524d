// Softmax cross-entropy of one output row, and the running loss sum of a block.
//
// Each thread has its own instance of the module, so these globals are per thread.
// The block's loss Σ_r (max_r + log s_r − z_r[label]) is kept as a linear part in a double
// plus the product of the s_r, held as mantissa · 2^exponent, so one log per block replaces
// one log per row.

import { expLanes } from './activation';

let lossLinear: f64 = 0;
let lossMantissa: f64 = 1;
let lossExponent: i64 = 0;

/** Starts a new block's loss sum. */
export function lossReset(): void {
  lossLinear = 0;
  lossMantissa = 1;
  lossExponent = 0;
}

/** Returns the loss summed over the rows since the last reset. */
export function lossTotal(): f64 {
  return lossLinear + Math.log(lossMantissa) + <f64>lossExponent * Math.LN2;
}

/**
 * Writes dz [W] = (softmax(z) − onehot(label)) · lossScale for the K real lanes of the logits
 * row z [W], zeros in the padding lanes, and adds the row's loss to the block's sum.
 * The row maximum is subtracted before exp, so large logits cannot overflow.
 */
export function softmaxRow(dz: usize, logits: usize, classCount: u32, width: u32, label: u32, lossScale: f32): void {
  let maxLogit = load<f32>(logits);
  for (let k: u32 = 1; k < classCount; k++) maxLogit = max(maxLogit, load<f32>(logits + (<usize>k << 2)));

  const shift = f32x4.splat(maxLogit);
  for (let offset: usize = 0; offset < (<usize>width << 2); offset += 16) {
    v128.store(dz + offset, expLanes(f32x4.sub(v128.load(logits + offset), shift)));
  }
  let sum: f32 = 0;
  for (let k: u32 = 0; k < classCount; k++) sum += load<f32>(dz + (<usize>k << 2));

  const factor = lossScale / sum;
  for (let k: u32 = 0; k < classCount; k++) {
    const at = dz + (<usize>k << 2);
    store<f32>(at, load<f32>(at) * factor);
  }
  const labelAt = dz + (<usize>label << 2);
  store<f32>(labelAt, load<f32>(labelAt) - lossScale);
  memory.fill(dz + (<usize>classCount << 2), 0, <usize>(width - classCount) << 2);

  // Loss of the row: max + log(sum) − z[label]; log(sum) goes into the running product.
  lossLinear += <f64>maxLogit - <f64>load<f32>(logits + (<usize>label << 2));
  lossMantissa *= <f64>sum;
  const bits = reinterpret<u64>(lossMantissa);
  lossExponent += <i64>((bits >> 52) & 0x7ff) - 1023;
  lossMantissa = reinterpret<f64>((bits & 0x800fffffffffffff) | 0x3ff0000000000000);
}
