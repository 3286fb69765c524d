import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { DatasetError, IdxFormatError } from '../errors.js';
import { encodeIdx } from '../idx-codec.js';
import { MNIST_FILE_KEYS } from '../mnist-data.js';
import type { MnistFileKey } from '../mnist-data.js';
import { findMnistFiles } from './directory-source.js';
import { loadMnist } from './load-mnist.js';
import {
  gzipBytes,
  SMALL_TEST_COUNT,
  SMALL_TRAIN_COUNT,
  smallMnistFiles,
  temporaryDirectory,
  USUAL_NAMES,
} from './test-fixtures.js';

let files: Record<MnistFileKey, Uint8Array>;
let directory: string;

beforeAll(async () => {
  files = await smallMnistFiles();
});
beforeEach(async () => {
  directory = await temporaryDirectory();
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

async function writeFiles(
  names: Record<MnistFileKey, string>,
  contents: Partial<Record<MnistFileKey, Uint8Array>> = {},
): Promise<void> {
  for (const key of MNIST_FILE_KEYS)
    await writeFile(join(directory, names[key]), contents[key] ?? files[key]);
}

function expectedSha256(): string {
  const hash = createHash('sha256');
  for (const key of MNIST_FILE_KEYS) hash.update(files[key]);
  return hash.digest('hex');
}

describe('directory source', () => {
  it('loads the usual names', async () => {
    await writeFiles(USUAL_NAMES);

    const mnist = await loadMnist({ directory });

    expect(mnist.train.count).toBe(SMALL_TRAIN_COUNT);
    expect(mnist.test.count).toBe(SMALL_TEST_COUNT);
    expect(Array.from(mnist.train.labels.subarray(0, 5))).toEqual([5, 0, 4, 1, 9]);
    expect(mnist.sha256).toBe(expectedSha256());
  });

  it('loads dotted and gzip variants with the same digest', async () => {
    await writeFiles(
      {
        trainImages: 'train-images.idx3-ubyte.gz',
        trainLabels: 'train-labels.idx1-ubyte',
        testImages: 't10k-images-idx3-ubyte.gz',
        testLabels: 't10k-labels.idx1-ubyte.gz',
      },
      {
        trainImages: gzipBytes(files.trainImages),
        testImages: gzipBytes(files.testImages),
        testLabels: gzipBytes(files.testLabels),
      },
    );

    const mnist = await loadMnist({ directory });

    expect(mnist.train.count).toBe(SMALL_TRAIN_COUNT);
    expect(mnist.sha256).toBe(expectedSha256());
  });

  it('decides compression by content, not name', async () => {
    // Gzip under every plain name, raw bytes under every .gz name.
    await writeFiles(
      {
        trainImages: 'train-images-idx3-ubyte',
        trainLabels: 'train-labels-idx1-ubyte.gz',
        testImages: 't10k-images-idx3-ubyte',
        testLabels: 't10k-labels-idx1-ubyte.gz',
      },
      { trainImages: gzipBytes(files.trainImages), testImages: gzipBytes(files.testImages) },
    );

    const mnist = await loadMnist({ directory });

    expect(mnist.sha256).toBe(expectedSha256());
  });

  it('lists the names tried for a missing file', async () => {
    await writeFiles(USUAL_NAMES);
    await rm(join(directory, 't10k-labels-idx1-ubyte'));

    const load = loadMnist({ directory });

    await expect(load).rejects.toThrow(DatasetError);
    await expect(loadMnist({ directory })).rejects.toThrow(
      `No test labels file found in ${directory}; looked for t10k-labels-idx1-ubyte, t10k-labels-idx1-ubyte.gz, ` +
        't10k-labels.idx1-ubyte, t10k-labels.idx1-ubyte.gz, test-labels-idx1-ubyte, test-labels-idx1-ubyte.gz, ' +
        'test-labels.idx1-ubyte, test-labels.idx1-ubyte.gz and names ending in "-" followed by one of these. ' +
        'Rename the file or pass its directory.',
    );
  });

  it('reports a missing directory', async () => {
    await expect(loadMnist({ directory: join(directory, 'absent') })).rejects.toThrow(
      new RegExp(`Cannot read the dataset directory ${directory}/absent: ENOENT`),
    );
  });

  it('loads an EMNIST-style set transposed', async () => {
    const names = {
      trainImages: 'emnist-digits-train-images-idx3-ubyte.gz',
      trainLabels: 'emnist-digits-train-labels-idx1-ubyte.gz',
      testImages: 'emnist-digits-test-images-idx3-ubyte.gz',
      testLabels: 'emnist-digits-test-labels-idx1-ubyte.gz',
    };
    await writeFiles(
      names,
      Object.fromEntries(MNIST_FILE_KEYS.map((key) => [key, gzipBytes(files[key])])),
    );
    const upright = await loadMnist({ directory });

    const transposed = await loadMnist({ directory, transpose: true, name: 'emnist-digits' });

    expect(transposed.train.name).toBe('emnist-digits-train');
    const original = upright.train.image(0);
    const flipped = transposed.train.image(0);
    for (let row = 0; row < 28; row++) {
      for (let col = 0; col < 28; col++)
        expect(flipped[col * 28 + row]).toBe(original[row * 28 + col]);
    }
  });

  it('picks one of several prefixed sets', async () => {
    for (const prefix of ['emnist-digits-', 'emnist-mnist-']) {
      for (const key of MNIST_FILE_KEYS) {
        const name = `${prefix}${USUAL_NAMES[key].replace('t10k', 'test')}`;
        await writeFile(join(directory, name), files[key]);
      }
    }

    await expect(findMnistFiles(directory)).rejects.toThrow(
      `${directory} contains several training images files (emnist-digits-train-images-idx3-ubyte, emnist-mnist-train-images-idx3-ubyte); ` +
        'pass the common prefix of the set you want (for example "emnist-digits-").',
    );
    const paths = await findMnistFiles(directory, 'emnist-mnist-');
    expect(paths.testLabels).toBe(join(directory, 'emnist-mnist-test-labels-idx1-ubyte'));
  });

  it('names both files on a count mismatch', async () => {
    const fewerLabels = encodeIdx({ type: 'u8', shape: [100], data: new Uint8Array(100) });
    await writeFiles(USUAL_NAMES, { trainLabels: fewerLabels });

    await expect(loadMnist({ directory })).rejects.toThrow(
      `mnist-train: ${join(directory, 'train-images-idx3-ubyte')} has ${SMALL_TRAIN_COUNT} images but ` +
        `${join(directory, 'train-labels-idx1-ubyte')} has 100 labels; the two files must come from the same set`,
    );
  });

  it('rejects a label out of range', async () => {
    const labels = new Uint8Array(SMALL_TEST_COUNT).fill(3);
    labels[17] = 10;
    await writeFiles(USUAL_NAMES, {
      testLabels: encodeIdx({ type: 'u8', shape: [SMALL_TEST_COUNT], data: labels }),
    });

    await expect(loadMnist({ directory })).rejects.toThrow(
      `${join(directory, 't10k-labels-idx1-ubyte')}: label 10 at index 17 is outside 0..9 for 10 classes`,
    );
    const loaded = await loadMnist({ directory, classCount: 11 });
    expect(loaded.test.classHistogram()[10]).toBe(1);
  });

  it('rejects train and test sizes that differ', async () => {
    const smallTest = encodeIdx({
      type: 'u8',
      shape: [SMALL_TEST_COUNT, 14, 14],
      data: new Uint8Array(SMALL_TEST_COUNT * 196),
    });
    await writeFiles(USUAL_NAMES, { testImages: smallTest });

    await expect(loadMnist({ directory })).rejects.toThrow(
      `mnist: training images (${join(directory, 'train-images-idx3-ubyte')}) are 28x28 but test images ` +
        `(${join(directory, 't10k-images-idx3-ubyte')}) are 14x14; both sets must have the same image size.`,
    );
  });

  it('rejects a byte-swapped header in a file', async () => {
    const swapped = files.trainLabels.slice();
    swapped.set([0x01, 0x08, 0x00, 0x00], 0);
    await writeFiles(USUAL_NAMES, { trainLabels: swapped });

    await expect(loadMnist({ directory })).rejects.toThrow(
      `${join(directory, 'train-labels-idx1-ubyte')}: invalid IDX magic 01 08 00 00; it looks byte-swapped`,
    );
  });

  it('rejects a truncated file', async () => {
    await writeFiles(USUAL_NAMES, {
      testImages: files.testImages.subarray(0, 16 + 784 * 10 + 100),
    });

    await expect(loadMnist({ directory })).rejects.toThrow(
      `${join(directory, 't10k-images-idx3-ubyte')}: IDX header says u8 [${SMALL_TEST_COUNT}, 28, 28], which needs ` +
        `${16 + SMALL_TEST_COUNT * 784} bytes, but the file has ${16 + 7840 + 100}; the file is truncated`,
    );
  });

  it('checks stored files against SHA-256 digests', async () => {
    await writeFiles(USUAL_NAMES);
    const trainLabelsDigest = createHash('sha256').update(files.trainLabels).digest('hex');

    await expect(
      loadMnist({ directory, sha256: { trainLabels: trainLabelsDigest.toUpperCase() } }),
    ).resolves.toBeDefined();
    const wrong = loadMnist({ directory, sha256: { testLabels: trainLabelsDigest } });
    await expect(wrong).rejects.toThrow(IdxFormatError);
    await expect(
      loadMnist({ directory, sha256: { testLabels: trainLabelsDigest } }),
    ).rejects.toThrow(`${join(directory, 't10k-labels-idx1-ubyte')}: SHA-256 is`);
  });
});

describe('loadMnist options', () => {
  it('rejects both directory and url', async () => {
    await mkdir(directory, { recursive: true });

    await expect(loadMnist({ directory, url: 'http://127.0.0.1:9/' })).rejects.toThrow(
      'loadMnist: give either directory or url, not both.',
    );
  });
});
