import { describe, expect, test } from 'vitest';
import { addRowVector } from './add-row-vector.js';
import { createMatrix } from './matrix.js';
import { Random } from './random.js';
import { expectClose, randomMatrix } from './test-helpers.js';

describe('addRowVector', () => {
  test.each([
    [1, 1],
    [5, 3],
    [3, 17],
  ])('adds the row to every row of [%i, %i]', (rows, cols) => {
    const random = new Random(rows * 31 + cols);
    const a = randomMatrix(random, rows, cols, 'float64');
    const row = randomMatrix(random, 1, cols, 'float64').data;
    const expected = a.data.map((value, index) => value + row[index % cols]);
    expectClose(addRowVector(createMatrix(rows, cols, 'float64'), a, row).data, expected, 0);

    // In place, with float32 storage.
    const a32 = randomMatrix(random, rows, cols);
    const row32 = new Float32Array(row);
    const expected32 = a32.data.map((value, index) => value + row32[index % cols]);
    expect(addRowVector(a32, a32, row32)).toBe(a32);
    expectClose(a32.data, expected32, 0);
  });

  test('rejects a row of the wrong length', () => {
    const a = createMatrix(2, 3);
    expect(() => addRowVector(a, a, new Float32Array(2))).toThrow(/row has 2 elements but 3/);
    expect(() => addRowVector(createMatrix(3, 2), a, new Float32Array(3))).toThrow(
      /out is \[3, 2\]/,
    );
  });
});
