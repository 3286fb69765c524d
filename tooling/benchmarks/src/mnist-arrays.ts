// MNIST as the benchmarks need it: the embedded data set, plus float copies of the pixels for
// the libraries that take float inputs.

import { embeddedMnistPaths, loadEmbeddedMnist } from '@scratchnet/mnist/node';
import type { LabeledImages } from '@scratchnet/network';
import { dirname } from 'node:path';

export interface BenchmarkData {
  train: LabeledImages;
  test: LabeledImages;
  /** Directory of the four raw IDX files, for the NumPy baseline. */
  directory: string;
}

export async function loadBenchmarkData(): Promise<BenchmarkData> {
  const mnist = await loadEmbeddedMnist();
  return { train: mnist.train, test: mnist.test, directory: dirname(embeddedMnistPaths().trainImages) };
}

/** Returns the images of `data` as floats in [0, 1], [N, P]. */
export function floatPixels(data: LabeledImages): Float32Array {
  const pixels = new Float32Array(data.images.length);
  for (let index = 0; index < pixels.length; index++) pixels[index] = data.images[index] / 255;
  return pixels;
}

/** Returns the first `count` rows of `data` without copying. */
export function firstRows(data: LabeledImages, count: number): LabeledImages {
  return {
    count,
    pixelCount: data.pixelCount,
    images: data.images.subarray(0, count * data.pixelCount),
    labels: data.labels.subarray(0, count),
  };
}
