// Small MNIST-layout files cut from the embedded MNIST, for tests that need
// real files on disk or on a local HTTP server.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { encodeIdx } from '../idx-codec.js';
import type { MnistFileKey } from '../mnist-data.js';
import { loadEmbeddedMnist } from './load-mnist.js';

export const SMALL_TRAIN_COUNT = 120;
export const SMALL_TEST_COUNT = 40;

/** The usual (raw) names of the four files. */
export const USUAL_NAMES: Record<MnistFileKey, string> = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
};

/** Raw IDX bytes of the first 120 training and 40 test samples of MNIST. */
export async function smallMnistFiles(): Promise<Record<MnistFileKey, Uint8Array>> {
  const mnist = await loadEmbeddedMnist();
  const train = mnist.train.slice(0, SMALL_TRAIN_COUNT);
  const test = mnist.test.slice(0, SMALL_TEST_COUNT);
  return {
    trainImages: encodeIdx({ type: 'u8', shape: [train.count, 28, 28], data: train.images }),
    trainLabels: encodeIdx({ type: 'u8', shape: [train.count], data: train.labels }),
    testImages: encodeIdx({ type: 'u8', shape: [test.count, 28, 28], data: test.images }),
    testLabels: encodeIdx({ type: 'u8', shape: [test.count], data: test.labels }),
  };
}

/** Returns `bytes` gzip-compressed. */
export function gzipBytes(bytes: Uint8Array): Uint8Array {
  return gzipSync(bytes);
}

/** Creates an empty temporary directory for one test. */
export async function temporaryDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'scratchnet-mnist-'));
}
