import { describe, expect, test } from 'vitest';
import { createMatrix, viewMatrix } from './matrix.js';
import { Random } from './random.js';
import { randomMatrix } from './test-helpers.js';
import { transpose } from './transpose.js';

describe('transpose', () => {
  // Sizes on both sides of the 32×32 tile.
  test.each([
    [1, 1],
    [1, 7],
    [5, 1],
    [31, 33],
    [64, 65],
  ])('swaps rows and columns of [%i, %i]', (rows, cols) => {
    for (const dtype of ['float32', 'float64'] as const) {
      const a = randomMatrix(new Random(rows + cols), rows, cols, dtype);
      const out = transpose(createMatrix(cols, rows, dtype), a);
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          if (out.data[j * rows + i] !== a.data[i * cols + j]) {
            expect.fail(
              `out[${j}, ${i}] = ${out.data[j * rows + i]}, expected ${a.data[i * cols + j]}`,
            );
          }
        }
      }
    }
  });

  test('rejects a wrong shape or an overlapping out', () => {
    const a = createMatrix(2, 3);
    expect(() => transpose(createMatrix(2, 3), a)).toThrow(/out must be \[3, 2\]/);
    const square = createMatrix(3, 3);
    expect(() => transpose(square, square)).toThrow(/overlaps/);
    const buffer = new Float32Array(10);
    expect(() => transpose(viewMatrix(buffer, 2, 2, 3), viewMatrix(buffer, 2, 2, 0))).toThrow(
      /overlaps/,
    );
    expect(() => transpose(viewMatrix(buffer, 2, 2, 4), viewMatrix(buffer, 2, 2, 0))).not.toThrow();
  });
});
