import { describe, expect, it } from 'vitest';

import { datasetFromIdx } from './dataset-from-idx.js';
import type { IdxTensor } from './idx-codec.js';

const images: IdxTensor = {
  type: 'u8',
  shape: [2, 2, 3],
  data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
};
const labels: IdxTensor = { type: 'u8', shape: [2], data: Uint8Array.of(9, 0) };
const files = { imagesFile: 'a-images-idx3-ubyte', labelsFile: 'a-labels-idx1-ubyte' };

describe('datasetFromIdx', () => {
  it('uses the images without copying', () => {
    const dataset = datasetFromIdx(images, labels, { name: 'a' });

    expect(dataset.name).toBe('a');
    expect([dataset.count, dataset.rows, dataset.cols, dataset.classCount]).toEqual([2, 2, 3, 10]);
    expect(dataset.images).toBe(images.data);
    expect(dataset.labels).toBe(labels.data);
  });

  it('transposes column-major images', () => {
    const dataset = datasetFromIdx(images, labels, { transpose: true });

    // Stored [2, 3] per image: 1 2 3 / 4 5 6 becomes [3, 2]: 1 4 / 2 5 / 3 6.
    expect([dataset.rows, dataset.cols]).toEqual([3, 2]);
    expect(Array.from(dataset.image(0))).toEqual([1, 4, 2, 5, 3, 6]);
    expect(Array.from(dataset.image(1))).toEqual([7, 10, 8, 11, 9, 12]);
  });

  it('takes class names and counts', () => {
    const letters = datasetFromIdx(
      images,
      { type: 'u8', shape: [2], data: Uint8Array.of(25, 1) },
      { classCount: 27 },
    );
    const named = datasetFromIdx(images, labels, { classNames: 'abcdefghij'.split('') });

    expect(letters.classCount).toBe(27);
    expect(letters.classNames[26]).toBe('26');
    expect(named.classCount).toBe(10);
    expect(named.classNames[9]).toBe('j');
  });

  it('names both files on a count mismatch', () => {
    const threeLabels: IdxTensor = { type: 'u8', shape: [3], data: Uint8Array.of(1, 2, 3) };

    expect(() => datasetFromIdx(images, threeLabels, { ...files, name: 'a' })).toThrow(
      'a: a-images-idx3-ubyte has 2 images but a-labels-idx1-ubyte has 3 labels; ' +
        'the two files must come from the same set (train with train, test with test).',
    );
  });

  it('rejects labels outside the class count', () => {
    expect(() => datasetFromIdx(images, labels, { ...files, classCount: 5 })).toThrow(
      'a-labels-idx1-ubyte: label 9 at index 0 is outside 0..4 for 5 classes; pass classCount (or classNames) for a dataset with more classes.',
    );
  });

  it('rejects swapped or mistyped files', () => {
    expect(() => datasetFromIdx(labels, images, files)).toThrow(
      'a-images-idx3-ubyte: expected u8 images of shape [count, rows, cols] but the file contains u8 [2]; is it a label file?',
    );
    expect(() =>
      datasetFromIdx(images, { type: 'i32', shape: [2], data: Int32Array.of(1, 2) }, files),
    ).toThrow(
      /a-labels-idx1-ubyte: expected u8 labels of shape \[count\] but the file contains i32 \[2\]/,
    );
  });
});
