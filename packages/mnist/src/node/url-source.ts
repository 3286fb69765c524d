// Downloads the four files of an MNIST-layout dataset from a base URL into a
// cache directory. Each file is written to a temporary file in the cache
// directory, checked (byte count, SHA-256, IDX header), and only then renamed
// into place, so a failed or corrupt download never replaces or poses as a good file.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { IdxFormatError } from '../errors.js';
import { decodeIdx } from '../idx-codec.js';
import { MNIST_FILE_KEYS } from '../mnist-data.js';
import type { MnistFileKey } from '../mnist-data.js';
import { downloadName } from './file-names.js';
import { readDecompressed } from './idx-file.js';
import { sha256HexNode } from './sha256.js';

/** Progress of one download. */
export interface DownloadProgress {
  file: MnistFileKey;
  url: string;
  /** Bytes received so far. */
  loaded: number;
  /** Content-Length of the response, 0 when the server did not send one. */
  total: number;
}

/** Options for `downloadMnistFiles`. */
export interface DownloadOptions {
  /**
   * Directory for the downloaded files. Default `$XDG_CACHE_HOME/scratchnet/mnist/<hash of url>`
   * (`~/.cache` when XDG_CACHE_HOME is unset), so different URLs never share files.
   */
  cacheDirectory?: string;
  /**
   * Expected SHA-256 (hex) of each file as served. A cached file with another digest is
   * downloaded again. NOTE: a file without a digest is only checked for a valid IDX header
   * and byte count, and a cached copy of it is used as it is.
   */
  sha256?: Partial<Record<MnistFileKey, string>>;
  /** File names under the base URL. Default the original gzip names, e.g. `train-images-idx3-ubyte.gz`. */
  fileNames?: Partial<Record<MnistFileKey, string>>;
  onProgress?(progress: DownloadProgress): void;
  signal?: AbortSignal;
}

/**
 * Makes sure the four files under `baseUrl` are in the cache directory, downloading the ones
 * that are missing or whose SHA-256 differs, and returns their paths.
 *
 * @throws Error when a request fails, a response is truncated or has another SHA-256 than
 *   expected, or a downloaded file is not a valid IDX file (raw or gzip).
 */
export async function downloadMnistFiles(
  baseUrl: string,
  options: DownloadOptions = {},
): Promise<Record<MnistFileKey, string>> {
  const cacheDirectory = options.cacheDirectory ?? defaultCacheDirectory(baseUrl);
  await mkdir(cacheDirectory, { recursive: true });

  // Every download settles before an error is thrown, so no temporary file outlives the call.
  // The error reported is that of the first failed file in MNIST_FILE_KEYS order.
  const results = await Promise.allSettled(
    MNIST_FILE_KEYS.map(async (key) => {
      const fileName = options.fileNames?.[key] ?? downloadName(key);
      const url = new URL(fileName, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`).href;
      const path = join(cacheDirectory, fileName);
      const expected = options.sha256?.[key]?.toLowerCase();
      if (!(await isCached(path, expected))) {
        await downloadFile(url, path, {
          key,
          expected,
          onProgress: options.onProgress,
          signal: options.signal,
        });
      }
      return [key, path] as const;
    }),
  );
  const entries = results.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
  return Object.fromEntries(entries) as Record<MnistFileKey, string>;
}

function defaultCacheDirectory(baseUrl: string): string {
  const cacheHome = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  const urlHash = createHash('sha256').update(baseUrl).digest('hex').slice(0, 16);
  return join(cacheHome, 'scratchnet', 'mnist', urlHash);
}

async function isCached(path: string, expected: string | undefined): Promise<boolean> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return false;
  }
  return expected === undefined || sha256HexNode([bytes]) === expected;
}

interface DownloadFileOptions {
  key: MnistFileKey;
  expected: string | undefined;
  onProgress: DownloadOptions['onProgress'];
  signal: AbortSignal | undefined;
}

async function downloadFile(
  url: string,
  path: string,
  options: DownloadFileOptions,
): Promise<void> {
  const temporaryPath = `${path}.${randomBytes(6).toString('hex')}.part`;
  try {
    // Stream the body into the temporary file, hashing as it arrives.
    const response = await fetch(url, { signal: options.signal });
    if (!response.ok || response.body === null) {
      throw new Error(
        `GET ${url} failed with HTTP ${response.status} ${response.statusText}; check the URL.`,
      );
    }
    const total = Number(response.headers.get('content-length') ?? 0);
    const hash = createHash('sha256');
    let loaded = 0;
    const file = await open(temporaryPath, 'wx');
    try {
      for await (const chunk of response.body) {
        await file.write(chunk);
        hash.update(chunk);
        loaded += chunk.length;
        options.onProgress?.({ file: options.key, url, loaded, total });
      }
      await file.sync();
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new Error(
        `GET ${url} failed after ${loaded} of ${total || 'unknown'} bytes (${(error as Error).message}); try again.`,
        {
          cause: error,
        },
      );
    } finally {
      await file.close();
    }

    // Check the bytes before they may replace anything.
    if (total > 0 && loaded !== total) {
      throw new Error(
        `GET ${url}: received ${loaded} bytes but Content-Length is ${total}; the download was cut off, try again.`,
      );
    }
    const actual = hash.digest('hex');
    if (options.expected !== undefined && actual !== options.expected) {
      throw new IdxFormatError(
        url,
        `${url}: SHA-256 of the download is ${actual} but ${options.expected} was expected; ` +
          'the download is corrupt or the file on the server changed.',
      );
    }
    decodeIdx(await readDecompressed(temporaryPath), url);

    await rename(temporaryPath, path);
  } finally {
    await rm(temporaryPath, { force: true });
  }
}
