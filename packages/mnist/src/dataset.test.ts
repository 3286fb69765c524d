import { Random } from '@scratchnet/matrix';
import { describe, expect, it } from 'vitest';

import { Dataset } from './dataset.js';
import { DatasetError } from './errors.js';

/** 6 images of 2x3 pixels; image i has pixels 10*i + p and label i % 3. */
function smallDataset(): Dataset {
  const images = Uint8Array.from({ length: 36 }, (_, k) => 10 * Math.floor(k / 6) + (k % 6));
  const labels = Uint8Array.from({ length: 6 }, (_, i) => i % 3);
  return new Dataset({
    name: 'small',
    rows: 2,
    cols: 3,
    images,
    labels,
    classCount: 3,
    classNames: ['a', 'b', 'c'],
  });
}

describe('Dataset', () => {
  it('gathers pixels scaled to [0, 1]', () => {
    const dataset = smallDataset();
    const out32 = new Float32Array(3 * 6);
    const out64 = new Float64Array(2 * 6);

    expect(dataset.gatherNormalized(out32, [4, 0, 4])).toBe(out32);
    dataset.gatherNormalized(out64, Int32Array.of(5, 1));

    const reference = (indices: number[]): number[] =>
      indices.flatMap((i) => Array.from(dataset.image(i), (level) => level / 255));
    expect(Array.from(out32)).toEqual(reference([4, 0, 4]).map(Math.fround));
    expect(Array.from(out64)).toEqual(reference([5, 1]));
  });

  it('gathers into a longer buffer', () => {
    const out = new Float32Array(3 * 6).fill(-1);

    smallDataset().gatherNormalized(out, [2]);

    expect(out[5]).toBeCloseTo(25 / 255, 7);
    expect(Array.from(out.subarray(6))).toEqual(new Array(12).fill(-1));
  });

  it('rejects bad gather arguments', () => {
    const dataset = smallDataset();

    expect(() => dataset.gatherNormalized(new Float32Array(11), [0, 1])).toThrow(
      'gatherNormalized: out has 11 elements but 2 images of 6 pixels need 12.',
    );
    expect(() => dataset.gatherNormalized(new Float32Array(6), [6])).toThrow(
      'small: sample index 6 is out of range 0..5.',
    );
    expect(() => dataset.image(-1)).toThrow(RangeError);
  });

  it('views one image', () => {
    const dataset = smallDataset();

    expect(Array.from(dataset.image(2))).toEqual([20, 21, 22, 23, 24, 25]);
    expect(dataset.image(2).buffer).toBe(dataset.images.buffer);
  });

  it('copies a subset in index order', () => {
    const dataset = smallDataset();
    const subset = dataset.subset([5, 2, 2], 'picked');

    expect(subset.name).toBe('picked');
    expect(subset.count).toBe(3);
    expect(Array.from(subset.labels)).toEqual([2, 2, 2]);
    expect(Array.from(subset.image(0))).toEqual(Array.from(dataset.image(5)));
    expect(subset.images.buffer).not.toBe(dataset.images.buffer);
    expect(subset.classNames).toEqual(['a', 'b', 'c']);
  });

  it('slices without copying', () => {
    const dataset = smallDataset();
    const slice = dataset.slice(1, 4);

    expect(slice.count).toBe(3);
    expect(Array.from(slice.labels)).toEqual([1, 2, 0]);
    expect(Array.from(slice.image(0))).toEqual(Array.from(dataset.image(1)));
    expect(slice.images.buffer).toBe(dataset.images.buffer);
    expect(() => dataset.slice(4, 7)).toThrow(
      'slice(4, 7): expected integers with 0 <= start <= end <= 6.',
    );
  });

  it('counts samples per class', () => {
    expect(smallDataset().classHistogram()).toEqual([2, 2, 2]);
    expect(smallDataset().slice(0, 4).classHistogram()).toEqual([2, 1, 1]);
  });

  it('splits reproducibly by seed', () => {
    const dataset = smallDataset();
    const first = dataset.split(2, new Random(7));
    const again = dataset.split(2, new Random(7));

    expect(first.train.count).toBe(4);
    expect(first.validation.count).toBe(2);
    expect(again.validation.images).toEqual(first.validation.images);
    expect(first.train.name).toBe('small-train');
    expect(first.validation.name).toBe('small-validation');

    // Every sample lands in exactly one part, each part in the original order.
    const firstPixels = (set: Dataset): number[] =>
      Array.from({ length: set.count }, (_, i) => set.image(i)[0]);
    const all = [...firstPixels(first.train), ...firstPixels(first.validation)].sort(
      (a, b) => a - b,
    );
    expect(all).toEqual([0, 10, 20, 30, 40, 50]);
    expect(firstPixels(first.train)).toEqual([...firstPixels(first.train)].sort((a, b) => a - b));
  });

  it('splits differently for other seeds', () => {
    const dataset = new Dataset({
      name: 'counting',
      rows: 1,
      cols: 1,
      images: Uint8Array.from({ length: 200 }, (_, i) => i),
      labels: new Uint8Array(200),
      classCount: 1,
    });
    const validationPixels = (seed: number): number[] =>
      Array.from(dataset.split(20, new Random(seed)).validation.images);

    expect(validationPixels(1)).not.toEqual(validationPixels(2));
    expect(() => dataset.split(201, new Random(1))).toThrow(
      'split: validationCount 201 must be an integer in 0..200.',
    );
  });

  it('checks its fields', () => {
    const init = {
      name: 'bad',
      rows: 2,
      cols: 2,
      images: new Uint8Array(8),
      labels: new Uint8Array(2),
      classCount: 10,
    };

    expect(() => new Dataset({ ...init, images: new Uint8Array(7) })).toThrow(
      'bad: 2 labels need 8 image bytes of 2x2 but images has 7.',
    );
    expect(() => new Dataset({ ...init, labels: Uint8Array.of(3, 10) })).toThrow(DatasetError);
    expect(() => new Dataset({ ...init, labels: Uint8Array.of(3, 10) })).toThrow(
      /label 10 at index 1 is outside 0..9/,
    );
    expect(() => new Dataset({ ...init, classNames: ['x'] })).toThrow(
      'bad: 1 class names given for 10 classes; give one name per class.',
    );
    expect(() => new Dataset({ ...init, rows: 0 })).toThrow(/image size 0x2 is invalid/);
  });
});
