// MNIST sources for browsers (and any runtime with fetch, DecompressionStream and
// crypto.subtle): bytes already in memory, or four URLs fetched with progress.

import { IdxFormatError } from './errors.js';
import { assembleMnist, MNIST_FILE_KEYS } from './mnist-data.js';
import type { MnistData, MnistFileKey, MnistOptions, NamedBytes } from './mnist-data.js';
import { gunzipIfNeeded, sha256Hex } from './web-platform.js';

/** Raw or gzip bytes of the four files. */
export type MnistBuffers = Record<MnistFileKey, ArrayBuffer | Uint8Array>;

/** Options for `mnistFromBuffers`. */
export interface MnistFromBuffersOptions extends MnistOptions {
  /** Names used in error messages, e.g. the URLs the bytes came from. Default: the file keys. */
  fileNames?: Partial<Record<MnistFileKey, string>>;
}

/**
 * Builds MNIST from the bytes of the four files, raw or gzip (recognized from the content and
 * decompressed with `DecompressionStream`).
 *
 * @throws IdxFormatError for a file that is not IDX or gzip, DatasetError for files that do not fit together.
 */
export async function mnistFromBuffers(
  files: MnistBuffers,
  options: MnistFromBuffersOptions = {},
): Promise<MnistData> {
  const named = {} as Record<MnistFileKey, NamedBytes>;
  for (const key of MNIST_FILE_KEYS) {
    const source = files[key];
    if (!(source instanceof ArrayBuffer) && !(source instanceof Uint8Array)) {
      throw new TypeError(
        `mnistFromBuffers: files.${key} must be an ArrayBuffer or Uint8Array, got ${describeValue(source)}.`,
      );
    }
    const fileName = options.fileNames?.[key] ?? key;
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
    named[key] = { bytes: await gunzipIfNeeded(bytes, fileName), fileName };
  }
  const sha256 = await sha256Hex(MNIST_FILE_KEYS.map((key) => named[key].bytes));
  return assembleMnist(named, sha256, options);
}

/** Options for `fetchMnist`. */
export interface FetchMnistOptions extends MnistOptions {
  /**
   * Called as bytes arrive, with the bytes received so far over all four files and the
   * total announced by the Content-Length headers (0 while any of them is unknown).
   * NOTE: when a server sends a Content-Encoding, Content-Length counts encoded bytes while
   * `loaded` counts decoded ones, so `loaded` can exceed `total`.
   */
  onProgress?(loaded: number, total: number): void;
  /** Expected SHA-256 (lowercase hex) of each file as served (before decompression). */
  sha256?: Partial<Record<MnistFileKey, string>>;
  /** Cancels the downloads. */
  signal?: AbortSignal;
  /** Options passed to every `fetch` call, e.g. `{ cache: 'force-cache' }`. */
  requestInit?: RequestInit;
}

/**
 * Fetches the four files (raw or gzip) in parallel and builds MNIST from them.
 *
 * @throws Error when a request fails or returns a non-2xx status, or a checksum differs;
 *   IdxFormatError or DatasetError for bad content.
 */
export async function fetchMnist(
  urls: Record<MnistFileKey, string>,
  options: FetchMnistOptions = {},
): Promise<MnistData> {
  const loaded = new Map<MnistFileKey, number>();
  const totals = new Map<MnistFileKey, number>();
  const reportProgress = (): void => {
    if (options.onProgress === undefined) return;
    const loadedSum = [...loaded.values()].reduce((sum, value) => sum + value, 0);
    const known = MNIST_FILE_KEYS.every((key) => (totals.get(key) ?? 0) > 0);
    const totalSum = known ? [...totals.values()].reduce((sum, value) => sum + value, 0) : 0;
    options.onProgress(loadedSum, totalSum);
  };

  // One failed download cancels the others, and so does the caller's signal.
  const controller = new AbortController();
  const callerSignal = options.signal;
  if (callerSignal?.aborted) controller.abort(callerSignal.reason);
  callerSignal?.addEventListener('abort', () => controller.abort(callerSignal.reason), {
    once: true,
  });
  const signal = controller.signal;

  const downloads = MNIST_FILE_KEYS.map(async (key) => {
    const url = urls[key];
    const response = await fetch(url, { ...options.requestInit, signal });
    if (!response.ok || response.body === null) {
      throw new Error(
        `fetchMnist: GET ${url} failed with HTTP ${response.status} ${response.statusText}; check the URL.`,
      );
    }
    totals.set(key, Number(response.headers.get('content-length') ?? 0));
    const bytes = await readBody(response.body, (count) => {
      loaded.set(key, count);
      reportProgress();
    });

    const expected = options.sha256?.[key];
    if (expected !== undefined) {
      const actual = await sha256Hex([bytes]);
      if (actual !== expected.toLowerCase()) {
        throw new IdxFormatError(
          url,
          `${url}: SHA-256 is ${actual} but ${expected} was expected; the download is corrupt or the file changed.`,
        );
      }
    }
    return bytes;
  });
  let files: Uint8Array[];
  try {
    files = await Promise.all(downloads);
  } catch (error) {
    controller.abort();
    throw error;
  }
  const [trainImages, trainLabels, testImages, testLabels] = files;

  return mnistFromBuffers(
    { trainImages, trainLabels, testImages, testLabels },
    { ...options, fileNames: urls },
  );
}

async function readBody(
  body: ReadableStream<Uint8Array>,
  onBytes: (count: number) => void,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    length += value.length;
    onBytes(length);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;
}
