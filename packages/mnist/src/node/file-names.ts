// The names MNIST-layout files go by: the original `train-images-idx3-ubyte`,
// the dotted `train-images.idx3-ubyte` of some mirrors, each with or without
// `.gz`, `test-` in place of `t10k-` (EMNIST), and any prefix such as `emnist-digits-`.

import type { MnistFileKey } from '../mnist-data.js';

/** File name stems of each file, preferred first. */
const STEMS: Record<MnistFileKey, readonly string[]> = {
  trainImages: ['train-images-idx3-ubyte', 'train-images.idx3-ubyte'],
  trainLabels: ['train-labels-idx1-ubyte', 'train-labels.idx1-ubyte'],
  testImages: [
    't10k-images-idx3-ubyte',
    't10k-images.idx3-ubyte',
    'test-images-idx3-ubyte',
    'test-images.idx3-ubyte',
  ],
  testLabels: [
    't10k-labels-idx1-ubyte',
    't10k-labels.idx1-ubyte',
    'test-labels-idx1-ubyte',
    'test-labels.idx1-ubyte',
  ],
};

/** Returns the exact file names tried for `key` in a directory, preferred first: each stem, then each stem + '.gz'. */
export function candidateNames(key: MnistFileKey): string[] {
  return STEMS[key].flatMap((stem) => [stem, `${stem}.gz`]);
}

/** The name used for downloads: the original name with `.gz`, as on the usual mirrors. */
export function downloadName(key: MnistFileKey): string {
  return `${STEMS[key][0]}.gz`;
}
