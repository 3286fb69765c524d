// Hidden activations applied in place to one row of W lanes, their derivatives written from
// the activations alone, and a vectorized single-precision exp.

import {
  ACTIVATION_LEAKY_RELU,
  ACTIVATION_RELU,
  ACTIVATION_SIGMOID,
  ACTIVATION_TANH,
  LEAKY_RELU_SLOPE,
} from './plan';

/**
 * Returns e^x per lane (Cephes expf: range reduction by ln 2, then a degree-6 polynomial;
 * relative error about 2e-7). Inputs are clamped to [-87.3, 88.7] so no lane overflows.
 */
@inline
export function expLanes(x: v128): v128 {
  x = f32x4.min(f32x4.max(x, f32x4.splat(-87.3)), f32x4.splat(88.7));
  const n = f32x4.floor(f32x4.add(f32x4.mul(x, f32x4.splat(1.44269504088896341)), f32x4.splat(0.5)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
  x = f32x4.sub(x, f32x4.mul(n, f32x4.splat(-2.12194440e-4)));
  let y = f32x4.splat(1.9875691500e-4);
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.3981999507e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(8.3334519073e-3));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(4.1665795894e-2));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(1.6666665459e-1));
  y = f32x4.add(f32x4.mul(y, x), f32x4.splat(5.0000001201e-1));
  y = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(y, x), x), x), f32x4.splat(1));
  const pow2n = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
  return f32x4.mul(y, pow2n);
}

/** Replaces the W lanes at `row` by activation(row) for a hidden layer. Identity leaves them. */
export function activateRow(row: usize, width: u32, activation: u32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let offset: usize = 0; offset < (<usize>width << 2); offset += 16) {
    const z = v128.load(row + offset);
    let a = z;
    if (activation == ACTIVATION_RELU) {
      a = f32x4.max(z, zero);
    } else if (activation == ACTIVATION_LEAKY_RELU) {
      a = v128.bitselect(z, f32x4.mul(z, f32x4.splat(LEAKY_RELU_SLOPE)), f32x4.gt(z, zero));
    } else if (activation == ACTIVATION_SIGMOID) {
      a = f32x4.div(one, f32x4.add(one, expLanes(f32x4.neg(z))));
    } else if (activation == ACTIVATION_TANH) {
      // tanh z = 1 − 2 / (e^{2z} + 1), which saturates to ±1 instead of overflowing.
      a = f32x4.sub(one, f32x4.div(f32x4.splat(2), f32x4.add(expLanes(f32x4.add(z, z)), one)));
    }
    v128.store(row + offset, a);
  }
}

/**
 * Multiplies the gradient row dA [W] in place by f'(z), computed from the activations a = f(z):
 * ReLU 1[a > 0], leaky ReLU 1 or the slope, sigmoid a(1 − a), tanh 1 − a², identity 1.
 */
export function activationBackwardRow(dRow: usize, row: usize, width: u32, activation: u32): void {
  const zero = f32x4.splat(0);
  const one = f32x4.splat(1);
  for (let offset: usize = 0; offset < (<usize>width << 2); offset += 16) {
    const a = v128.load(row + offset);
    const d = v128.load(dRow + offset);
    let derivative = one;
    if (activation == ACTIVATION_RELU) {
      derivative = v128.and(f32x4.gt(a, zero), one);
    } else if (activation == ACTIVATION_LEAKY_RELU) {
      derivative = v128.bitselect(one, f32x4.splat(LEAKY_RELU_SLOPE), f32x4.gt(a, zero));
    } else if (activation == ACTIVATION_SIGMOID) {
      derivative = f32x4.mul(a, f32x4.sub(one, a));
    } else if (activation == ACTIVATION_TANH) {
      derivative = f32x4.sub(one, f32x4.mul(a, a));
    }
    v128.store(dRow + offset, f32x4.mul(d, derivative));
  }
}
