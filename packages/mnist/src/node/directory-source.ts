// Finds the four files of an MNIST-layout dataset in a directory under any of
// their usual names (see file-names.ts).

import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DatasetError } from '../errors.js';
import { MNIST_FILE_KEYS } from '../mnist-data.js';
import type { MnistFileKey } from '../mnist-data.js';
import { candidateNames } from './file-names.js';

const FILE_DESCRIPTIONS: Record<MnistFileKey, string> = {
  trainImages: 'training images',
  trainLabels: 'training labels',
  testImages: 'test images',
  testLabels: 'test labels',
};

/**
 * Returns the paths of the four files in `directory`. For each file the exact usual names
 * are tried first (`prefix` + name); without a prefix, a single name ending in
 * `-<usual name>` (e.g. `emnist-digits-train-images-idx3-ubyte.gz`) is accepted too.
 *
 * @throws DatasetError listing the names tried when a file is missing, or the matches when several fit.
 */
export async function findMnistFiles(
  directory: string,
  prefix = '',
): Promise<Record<MnistFileKey, string>> {
  let entries: string[];
  try {
    entries = await readdir(directory);
  } catch (error) {
    throw new DatasetError(
      `Cannot read the dataset directory ${directory}: ${(error as Error).message}.`,
    );
  }
  const present = new Set(entries);

  const paths = {} as Record<MnistFileKey, string>;
  for (const key of MNIST_FILE_KEYS) {
    const names = candidateNames(key).map((name) => prefix + name);
    const exact = names.find((name) => present.has(name));
    if (exact !== undefined) {
      paths[key] = join(directory, exact);
      continue;
    }

    const prefixed =
      prefix === ''
        ? entries.filter((entry) => names.some((name) => entry.endsWith(`-${name}`)))
        : [];
    if (prefixed.length === 1) {
      paths[key] = join(directory, prefixed[0]);
      continue;
    }
    if (prefixed.length > 1) {
      throw new DatasetError(
        `${directory} contains several ${FILE_DESCRIPTIONS[key]} files (${prefixed.sort().join(', ')}); ` +
          'pass the common prefix of the set you want (for example "emnist-digits-").',
      );
    }
    throw new DatasetError(
      `No ${FILE_DESCRIPTIONS[key]} file found in ${directory}; looked for ${names.join(', ')}` +
        (prefix === '' ? ' and names ending in "-" followed by one of these' : '') +
        '. Rename the file or pass its directory.',
    );
  }
  return paths;
}
