import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fetchMnist, mnistFromBuffers } from './browser-sources.js';
import { IdxFormatError } from './errors.js';
import { MNIST_FILE_KEYS } from './mnist-data.js';
import type { MnistFileKey } from './mnist-data.js';
import {
  gzipBytes,
  SMALL_TEST_COUNT,
  SMALL_TRAIN_COUNT,
  smallMnistFiles,
} from './node/test-fixtures.js';

// The universal entry runs here on Node's own DecompressionStream, crypto.subtle and fetch,
// the same web APIs a browser provides.
let raw: Record<MnistFileKey, Uint8Array>;
let gzipped: Record<MnistFileKey, Uint8Array>;
let rawDigest: string;

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  raw = await smallMnistFiles();
  gzipped = Object.fromEntries(
    MNIST_FILE_KEYS.map((key) => [key, new Uint8Array(gzipBytes(raw[key]))]),
  ) as typeof raw;
  const hash = createHash('sha256');
  for (const key of MNIST_FILE_KEYS) hash.update(raw[key]);
  rawDigest = hash.digest('hex');

  server = createServer((request, response) => {
    const key = (request.url ?? '').slice(1) as MnistFileKey;
    if (!MNIST_FILE_KEYS.includes(key)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-length': String(gzipped[key].length) }).end(gzipped[key]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function urls(): Record<MnistFileKey, string> {
  return Object.fromEntries(MNIST_FILE_KEYS.map((key) => [key, `${baseUrl}/${key}`])) as Record<
    MnistFileKey,
    string
  >;
}

describe('mnistFromBuffers', () => {
  it('reads gzip and raw buffers alike', async () => {
    const fromGzip = await mnistFromBuffers(gzipped);
    const fromArrayBuffers = await mnistFromBuffers(
      Object.fromEntries(MNIST_FILE_KEYS.map((key) => [key, raw[key].slice().buffer])) as Record<
        MnistFileKey,
        ArrayBuffer
      >,
    );

    for (const mnist of [fromGzip, fromArrayBuffers]) {
      expect(mnist.train.count).toBe(SMALL_TRAIN_COUNT);
      expect(mnist.test.count).toBe(SMALL_TEST_COUNT);
      expect(mnist.sha256).toBe(rawDigest);
    }
    expect(fromGzip.train.images).toEqual(fromArrayBuffers.train.images);
  });

  it('names the file in errors', async () => {
    const html = new TextEncoder().encode('<html><body>Not found</body></html>');
    const corrupt = gzipped.testImages.slice(0, 200);

    await expect(
      mnistFromBuffers({ ...raw, trainLabels: html }, { fileNames: { trainLabels: 'labels.gz' } }),
    ).rejects.toThrow(/^labels\.gz: not an IDX file .*it looks like an HTML page/);
    await expect(mnistFromBuffers({ ...raw, testImages: corrupt })).rejects.toThrow(IdxFormatError);
    await expect(mnistFromBuffers({ ...raw, testImages: corrupt })).rejects.toThrow(
      /^testImages: gzip decompression failed/,
    );
    await expect(
      mnistFromBuffers({ ...raw, testLabels: 'x' as unknown as Uint8Array }),
    ).rejects.toThrow(
      'mnistFromBuffers: files.testLabels must be an ArrayBuffer or Uint8Array, got string.',
    );
  });
});

describe('fetchMnist', () => {
  it('fetches gzip files with progress', async () => {
    const progress: [number, number][] = [];

    const mnist = await fetchMnist(urls(), {
      onProgress: (loaded, total) => progress.push([loaded, total]),
    });

    expect(mnist.train.count).toBe(SMALL_TRAIN_COUNT);
    expect(mnist.sha256).toBe(rawDigest);
    const totalBytes = MNIST_FILE_KEYS.reduce((sum, key) => sum + gzipped[key].length, 0);
    expect(progress.at(-1)).toEqual([totalBytes, totalBytes]);
    for (let i = 1; i < progress.length; i++)
      expect(progress[i][0]).toBeGreaterThanOrEqual(progress[i - 1][0]);
  });

  it('checks SHA-256 digests of the served files', async () => {
    const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

    await expect(
      fetchMnist(urls(), { sha256: { trainImages: digest(gzipped.trainImages) } }),
    ).resolves.toBeDefined();
    await expect(
      fetchMnist(urls(), { sha256: { trainImages: digest(raw.trainImages) } }),
    ).rejects.toThrow(
      `${baseUrl}/trainImages: SHA-256 is ${digest(gzipped.trainImages)} but ${digest(raw.trainImages)} was expected`,
    );
  });

  it('reports an HTTP error', async () => {
    await expect(fetchMnist({ ...urls(), testLabels: `${baseUrl}/absent` })).rejects.toThrow(
      `fetchMnist: GET ${baseUrl}/absent failed with HTTP 404 Not Found; check the URL.`,
    );
  });
});

describe('fetchMnist cancellation', () => {
  it('stops when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stopped by the caller'));

    await expect(fetchMnist(urls(), { signal: controller.signal })).rejects.toThrow(
      'stopped by the caller',
    );
  });
});
