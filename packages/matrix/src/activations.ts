// Element-wise activation functions, each a forward/backward pair over flat
// arrays (pass matrix.data). Backward kernels overwrite dx; they never add into it.
// Every array of one call must have the same length.

import { checkLength } from './checks.js';
import type { FloatArray } from './matrix.js';

/** out = max(0, x). out may alias x. */
export function reluForward(out: FloatArray, x: FloatArray): FloatArray {
  checkLength('reluForward', 'out', out, x.length);
  for (let i = 0; i < x.length; i++) {
    const value = x[i];
    out[i] = value > 0 ? value : 0;
  }
  return out;
}

/** y = max(0, x), so dx = dy * (x > 0). dx may alias x or dy. */
export function reluBackward(dx: FloatArray, x: FloatArray, dy: FloatArray): FloatArray {
  checkLength('reluBackward', 'dx', dx, x.length);
  checkLength('reluBackward', 'dy', dy, x.length);
  for (let i = 0; i < x.length; i++) dx[i] = x[i] > 0 ? dy[i] : 0;
  return dx;
}

/** out = x > 0 ? x : slope * x. out may alias x. */
export function leakyReluForward(out: FloatArray, x: FloatArray, slope: number): FloatArray {
  checkLength('leakyReluForward', 'out', out, x.length);
  for (let i = 0; i < x.length; i++) {
    const value = x[i];
    out[i] = value > 0 ? value : slope * value;
  }
  return out;
}

/** y = x > 0 ? x : slope * x, so dx = x > 0 ? dy : slope * dy. dx may alias x or dy. */
export function leakyReluBackward(
  dx: FloatArray,
  x: FloatArray,
  dy: FloatArray,
  slope: number,
): FloatArray {
  checkLength('leakyReluBackward', 'dx', dx, x.length);
  checkLength('leakyReluBackward', 'dy', dy, x.length);
  for (let i = 0; i < x.length; i++) dx[i] = x[i] > 0 ? dy[i] : slope * dy[i];
  return dx;
}

/** out = 1 / (1 + exp(-x)). out may alias x. */
export function sigmoidForward(out: FloatArray, x: FloatArray): FloatArray {
  checkLength('sigmoidForward', 'out', out, x.length);
  for (let i = 0; i < x.length; i++) {
    const value = x[i];
    // exp of a negative number only, so a large |x| cannot overflow to Infinity / Infinity.
    if (value >= 0) {
      out[i] = 1 / (1 + Math.exp(-value));
    } else {
      const e = Math.exp(value);
      out[i] = e / (1 + e);
    }
  }
  return out;
}

/** y = sigmoid(x), so dx = dy * y * (1 - y), from the forward output y. dx may alias y or dy. */
export function sigmoidBackward(dx: FloatArray, y: FloatArray, dy: FloatArray): FloatArray {
  checkLength('sigmoidBackward', 'dx', dx, y.length);
  checkLength('sigmoidBackward', 'dy', dy, y.length);
  for (let i = 0; i < y.length; i++) {
    const value = y[i];
    dx[i] = dy[i] * value * (1 - value);
  }
  return dx;
}

/** out = tanh(x). out may alias x. */
export function tanhForward(out: FloatArray, x: FloatArray): FloatArray {
  checkLength('tanhForward', 'out', out, x.length);
  for (let i = 0; i < x.length; i++) out[i] = Math.tanh(x[i]);
  return out;
}

/** y = tanh(x), so dx = dy * (1 - y²), from the forward output y. dx may alias y or dy. */
export function tanhBackward(dx: FloatArray, y: FloatArray, dy: FloatArray): FloatArray {
  checkLength('tanhBackward', 'dx', dx, y.length);
  checkLength('tanhBackward', 'dy', dy, y.length);
  for (let i = 0; i < y.length; i++) {
    const value = y[i];
    dx[i] = dy[i] * (1 - value * value);
  }
  return dx;
}
