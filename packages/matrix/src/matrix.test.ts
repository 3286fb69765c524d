import { describe, expect, test } from 'vitest';
import { Matrix, createMatrix, matrixFrom, viewMatrix } from './matrix.js';

describe('Matrix', () => {
  test('stores shape and data', () => {
    const data = new Float64Array(6);
    const matrix = new Matrix(2, 3, data);
    expect(matrix.rows).toBe(2);
    expect(matrix.cols).toBe(3);
    expect(matrix.data).toBe(data);
    expect(matrix.dtype).toBe('float64');
  });

  test('rejects data of the wrong length', () => {
    expect(() => new Matrix(2, 3, new Float32Array(5))).toThrow(
      /5 elements but shape \[2, 3\] needs 6/,
    );
  });

  test('rejects invalid dimensions and data types', () => {
    expect(() => new Matrix(-1, 3, new Float32Array(0))).toThrow(
      /rows must be a non-negative integer/,
    );
    expect(() => new Matrix(2, 1.5, new Float32Array(3))).toThrow(
      /cols must be a non-negative integer/,
    );
    expect(() => new Matrix(1, 2, [1, 2] as unknown as Float32Array)).toThrow(
      /Float32Array or Float64Array, got Array/,
    );
  });

  test('allows empty matrices', () => {
    expect(new Matrix(0, 5, new Float32Array(0)).rows).toBe(0);
  });
});

describe('createMatrix', () => {
  test('allocates zeros of the requested dtype', () => {
    const float32 = createMatrix(3, 4);
    expect(float32.data).toBeInstanceOf(Float32Array);
    expect(float32.data).toEqual(new Float32Array(12));
    expect(createMatrix(2, 2, 'float64').data).toBeInstanceOf(Float64Array);
  });

  test('rejects an unknown dtype', () => {
    expect(() => createMatrix(1, 1, 'int8' as 'float32')).toThrow(/Unknown dtype 'int8'/);
  });
});

describe('matrixFrom', () => {
  test('copies values in row-major order', () => {
    const values = [1, 2, 3, 4, 5, 6];
    const matrix = matrixFrom(2, 3, values, 'float64');
    expect(Array.from(matrix.data)).toEqual(values);
    values[0] = 99;
    expect(matrix.data[0]).toBe(1);
  });

  test('rounds to float32 by default', () => {
    expect(matrixFrom(1, 1, [0.1]).data[0]).toBe(Math.fround(0.1));
  });

  test('rejects a wrong number of values', () => {
    expect(() => matrixFrom(2, 2, [1, 2, 3])).toThrow(/got 3 values for shape \[2, 2\]/);
  });
});

describe('viewMatrix', () => {
  test('shares memory with the buffer at an offset', () => {
    const buffer = new Float32Array(10);
    const view = viewMatrix(buffer, 2, 3, 4);
    view.data[0] = 7;
    view.data[5] = 8;
    expect(buffer[4]).toBe(7);
    expect(buffer[9]).toBe(8);
    buffer[5] = 9;
    expect(view.data[1]).toBe(9);
  });

  test('rejects a view past the end of the buffer', () => {
    expect(() => viewMatrix(new Float64Array(10), 2, 3, 5)).toThrow(
      /needs elements up to 11, but the buffer has only 10/,
    );
    expect(() => viewMatrix(new Float64Array(10), 2, 3, -1)).toThrow(
      /offset must be a non-negative integer/,
    );
  });
});
