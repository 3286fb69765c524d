// The row-major matrix type that every kernel of this package reads and writes,
// plus the only functions here that allocate: createMatrix and matrixFrom.

/** A typed array that kernels accept: Float32Array for training, Float64Array for gradient checks. */
export type FloatArray = Float32Array | Float64Array;

/** Element type of a new matrix. */
export type DType = 'float32' | 'float64';

/**
 * A row-major [rows, cols] view over a typed array: element (i, j) is `data[i * cols + j]`.
 * The shape is checked once here, so kernels can trust it.
 */
export class Matrix<T extends FloatArray = FloatArray> {
  readonly rows: number;
  readonly cols: number;
  readonly data: T;

  /** Throws when rows or cols is not a non-negative integer or data.length !== rows * cols. */
  constructor(rows: number, cols: number, data: T) {
    checkDimension('rows', rows);
    checkDimension('cols', cols);
    if (!(data instanceof Float32Array || data instanceof Float64Array)) {
      throw new TypeError(
        `Matrix data must be a Float32Array or Float64Array, got ${describeValue(data)}. ` +
          'Convert the values with matrixFrom().',
      );
    }
    if (data.length !== rows * cols) {
      throw new RangeError(
        `Matrix data has ${data.length} elements but shape [${rows}, ${cols}] needs ${rows * cols}. ` +
          'Pass a buffer of exactly rows * cols elements, or use viewMatrix() for a part of a larger one.',
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data;
  }

  /** Element type of `data`. */
  get dtype(): DType {
    return this.data instanceof Float64Array ? 'float64' : 'float32';
  }
}

/** Allocates a [rows, cols] matrix of zeros, float32 unless another dtype is given. */
export function createMatrix(rows: number, cols: number, dtype: DType = 'float32'): Matrix {
  checkDimension('rows', rows);
  checkDimension('cols', cols);
  return new Matrix(rows, cols, allocate(rows * cols, dtype));
}

/** Allocates a [rows, cols] matrix holding a copy of `values` in row-major order. */
export function matrixFrom(
  rows: number,
  cols: number,
  values: ArrayLike<number>,
  dtype: DType = 'float32',
): Matrix {
  checkDimension('rows', rows);
  checkDimension('cols', cols);
  if (values.length !== rows * cols) {
    throw new RangeError(
      `matrixFrom: got ${values.length} values for shape [${rows}, ${cols}], which needs ${rows * cols}.`,
    );
  }
  const data = allocate(rows * cols, dtype);
  data.set(values);
  return new Matrix(rows, cols, data);
}

/**
 * Wraps `rows * cols` elements of `buffer`, starting at element `offset`, as a [rows, cols]
 * matrix without copying: writes through the matrix change `buffer`.
 */
export function viewMatrix<T extends FloatArray>(
  buffer: T,
  rows: number,
  cols: number,
  offset = 0,
): Matrix<T> {
  checkDimension('rows', rows);
  checkDimension('cols', cols);
  checkDimension('offset', offset);
  const end = offset + rows * cols;
  if (end > buffer.length) {
    throw new RangeError(
      `viewMatrix: shape [${rows}, ${cols}] at offset ${offset} needs elements up to ${end}, ` +
        `but the buffer has only ${buffer.length}.`,
    );
  }
  return new Matrix(rows, cols, buffer.subarray(offset, end) as T);
}

function allocate(length: number, dtype: DType): FloatArray {
  if (dtype === 'float32') return new Float32Array(length);
  if (dtype === 'float64') return new Float64Array(length);
  throw new TypeError(`Unknown dtype ${describeValue(dtype)}; expected 'float32' or 'float64'.`);
}

function checkDimension(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${describeValue(value)}.`);
  }
}

/** Formats a value for an error message: strings quoted, objects by constructor name. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null || typeof value !== 'object') return String(value);
  return value.constructor?.name ?? 'object';
}
