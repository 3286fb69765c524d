// Assembles the four files of an MNIST-layout dataset (training and test
// images and labels) into checked train and test datasets. Sources (embedded,
// directory, URL, browser buffers) all end here with decompressed bytes.

import type { Dataset } from './dataset.js';
import { datasetFromIdx } from './dataset-from-idx.js';
import { DatasetError } from './errors.js';
import { decodeIdx } from './idx-codec.js';

/** The four files of an MNIST-layout dataset, in the order their bytes enter `MnistData.sha256`. */
export const MNIST_FILE_KEYS = ['trainImages', 'trainLabels', 'testImages', 'testLabels'] as const;

/** One of the four files of an MNIST-layout dataset. */
export type MnistFileKey = (typeof MNIST_FILE_KEYS)[number];

/** Training and test sets of an MNIST-layout dataset. */
export interface MnistData {
  train: Dataset;
  test: Dataset;
  /** Dataset name, 'mnist' by default; the sets are named `${name}-train` and `${name}-test`. */
  name: string;
  /**
   * SHA-256 (lowercase hex) of the four decompressed IDX files concatenated in the order
   * train images, train labels, test images, test labels. It identifies the data whatever
   * the compression or source.
   */
  sha256: string;
}

/** Options shared by every MNIST source. */
export interface MnistOptions {
  /** Dataset name. Default 'mnist'. */
  name?: string;
  /** Number of classes. Default `classNames.length`, else 10. */
  classCount?: number;
  /** One name per class. Default '0', '1', ... */
  classNames?: string[];
  /** Transposes each image, for sets stored column-major such as EMNIST. Default false. */
  transpose?: boolean;
}

/** Decompressed bytes of one file and the name to use in error messages. */
export interface NamedBytes {
  bytes: Uint8Array;
  fileName: string;
}

/**
 * Decodes and checks the four files, then builds the train and test datasets.
 * `sha256` is the digest of the files in `MNIST_FILE_KEYS` order, computed by the caller
 * with the hash available on its platform.
 *
 * @throws IdxFormatError for an invalid file, DatasetError for files that do not fit together.
 */
export function assembleMnist(
  files: Record<MnistFileKey, NamedBytes>,
  sha256: string,
  options: MnistOptions = {},
): MnistData {
  const name = options.name ?? 'mnist';
  const datasetOptions = {
    classCount: options.classCount,
    classNames: options.classNames,
    transpose: options.transpose,
  };

  const train = datasetFromIdx(
    decodeIdx(files.trainImages.bytes, files.trainImages.fileName),
    decodeIdx(files.trainLabels.bytes, files.trainLabels.fileName),
    {
      ...datasetOptions,
      name: `${name}-train`,
      imagesFile: files.trainImages.fileName,
      labelsFile: files.trainLabels.fileName,
    },
  );
  const test = datasetFromIdx(
    decodeIdx(files.testImages.bytes, files.testImages.fileName),
    decodeIdx(files.testLabels.bytes, files.testLabels.fileName),
    {
      ...datasetOptions,
      name: `${name}-test`,
      imagesFile: files.testImages.fileName,
      labelsFile: files.testLabels.fileName,
    },
  );

  if (train.rows !== test.rows || train.cols !== test.cols) {
    throw new DatasetError(
      `${name}: training images (${files.trainImages.fileName}) are ${train.rows}x${train.cols} ` +
        `but test images (${files.testImages.fileName}) are ${test.rows}x${test.cols}; both sets must have the same image size.`,
    );
  }
  return { train, test, name, sha256 };
}
