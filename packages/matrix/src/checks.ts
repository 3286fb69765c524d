// Shape checks shared by the public kernels. Each check is O(1), so kernels run
// them on every call and keep their inner loops free of checks.

import type { FloatArray, Matrix } from './matrix.js';

/** Formats a matrix shape as `[rows, cols]` for error messages. */
export function shapeOf(matrix: Matrix): string {
  return `[${matrix.rows}, ${matrix.cols}]`;
}

/** Throws unless `out` has the same shape as `input`. */
export function checkSameShape(kernel: string, out: Matrix, input: Matrix): void {
  if (out.rows !== input.rows || out.cols !== input.cols) {
    throw new RangeError(
      `${kernel}: out is ${shapeOf(out)} but the input is ${shapeOf(input)}; ` +
        'out must have the same shape as the input.',
    );
  }
}

/** Throws unless `array` has exactly `expected` elements. */
export function checkLength(
  kernel: string,
  name: string,
  array: { length: number },
  expected: number,
): void {
  if (array.length !== expected) {
    throw new RangeError(
      `${kernel}: ${name} has ${array.length} elements but ${expected} are expected.`,
    );
  }
}

/** Throws when two arrays share any element of memory. */
export function checkNoOverlap(kernel: string, out: FloatArray, input: FloatArray): void {
  if (out.buffer !== input.buffer) return;
  const outStart = out.byteOffset;
  const outEnd = outStart + out.byteLength;
  const inputStart = input.byteOffset;
  const inputEnd = inputStart + input.byteLength;
  if (outStart < inputEnd && inputStart < outEnd) {
    throw new RangeError(
      `${kernel}: out overlaps an input in memory, which this kernel does not allow. ` +
        'Write into a separate buffer.',
    );
  }
}
