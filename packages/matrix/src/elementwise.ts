// Element-wise arithmetic over flat arrays (pass matrix.data): the building
// blocks of optimizer updates. Every array of one call must have the same length.

import { checkLength } from './checks.js';
import type { FloatArray } from './matrix.js';

/** out = factor * a. out may alias a. */
export function scale(out: FloatArray, a: FloatArray, factor: number): FloatArray {
  checkLength('scale', 'out', out, a.length);
  for (let i = 0; i < a.length; i++) out[i] = factor * a[i];
  return out;
}

/** y += alpha * x (the BLAS axpy). y may alias x. */
export function axpy(y: FloatArray, alpha: number, x: FloatArray): FloatArray {
  checkLength('axpy', 'y', y, x.length);
  for (let i = 0; i < x.length; i++) y[i] += alpha * x[i];
  return y;
}

/** Sets every element of out to value. */
export function fill(out: FloatArray, value: number): FloatArray {
  return out.fill(value);
}

/** out = a, element by element; out and a may overlap in memory. */
export function copy(out: FloatArray, a: FloatArray): FloatArray {
  checkLength('copy', 'out', out, a.length);
  // TypedArray.prototype.set copies as if through a temporary, so overlapping views are safe.
  out.set(a);
  return out;
}
