import { describe, expect, it } from 'vitest';

import { loadEmbeddedMnist, loadMnist } from '../node.js';

// Samples per digit in the original MNIST training and test files.
const TRAIN_CLASS_COUNTS = [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949];
const TEST_CLASS_COUNTS = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];

describe('embedded MNIST', () => {
  it('loads 60,000 training and 10,000 test images of 28x28', async () => {
    const mnist = await loadEmbeddedMnist();

    expect(mnist.name).toBe('mnist');
    expect(mnist.train.name).toBe('mnist-train');
    expect(mnist.test.name).toBe('mnist-test');
    expect(mnist.train.count).toBe(60_000);
    expect(mnist.test.count).toBe(10_000);
    for (const set of [mnist.train, mnist.test]) {
      expect(set.rows).toBe(28);
      expect(set.cols).toBe(28);
      expect(set.pixelCount).toBe(784);
      expect(set.images.length).toBe(set.count * 784);
      expect(set.images.constructor).toBe(Uint8Array);
      expect(set.labels.constructor).toBe(Uint8Array);
      expect(set.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    }
  });

  it('has the published labels and class counts', async () => {
    const mnist = await loadEmbeddedMnist();

    expect(Array.from(mnist.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(Array.from(mnist.test.labels.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    expect(mnist.train.classHistogram()).toEqual(TRAIN_CLASS_COUNTS);
    expect(mnist.test.classHistogram()).toEqual(TEST_CLASS_COUNTS);
  });

  it('is the default source of loadMnist', async () => {
    const [fromDefault, embedded] = await Promise.all([loadMnist(), loadEmbeddedMnist()]);

    expect(fromDefault.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(fromDefault.sha256).toBe(embedded.sha256);
  });
});
