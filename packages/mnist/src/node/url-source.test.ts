import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { MNIST_FILE_KEYS } from '../mnist-data.js';
import type { MnistFileKey } from '../mnist-data.js';
import { downloadName } from './file-names.js';
import { loadMnist } from './load-mnist.js';
import {
  gzipBytes,
  SMALL_TEST_COUNT,
  SMALL_TRAIN_COUNT,
  smallMnistFiles,
  temporaryDirectory,
} from './test-fixtures.js';
import { downloadMnistFiles } from './url-source.js';
import type { DownloadProgress } from './url-source.js';

// A real HTTP server on 127.0.0.1 serves the gzip files under /good/, and broken
// responses under /html/, /truncated/ and /missing/.
let server: Server;
let baseUrl: string;
const served = new Map<string, Uint8Array>();
const requests: string[] = [];
let digests: Record<MnistFileKey, string>;

beforeAll(async () => {
  const files = await smallMnistFiles();
  const entries = MNIST_FILE_KEYS.map((key) => [key, gzipBytes(files[key])] as const);
  for (const [key, bytes] of entries) served.set(downloadName(key), bytes);
  digests = Object.fromEntries(
    entries.map(([key, bytes]) => [key, createHash('sha256').update(bytes).digest('hex')]),
  ) as Record<MnistFileKey, string>;

  server = createServer((request, response) => {
    requests.push(request.url ?? '');
    const [, mode, name] = (request.url ?? '').split('/');
    const body = served.get(name);
    if (mode === 'missing' || body === undefined) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    } else if (mode === 'html') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!DOCTYPE html><html><body>Please log in</body></html>');
    } else if (mode === 'truncated') {
      // Announce the full length, send half, then drop the connection.
      response.writeHead(200, { 'content-length': String(body.length) });
      response.write(body.subarray(0, body.length >> 1), () => response.destroy());
    } else {
      response.writeHead(200, { 'content-length': String(body.length) }).end(body);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

let cacheDirectory: string;
beforeEach(async () => {
  cacheDirectory = await temporaryDirectory();
  requests.length = 0;
});
afterEach(async () => {
  await rm(cacheDirectory, { recursive: true, force: true });
});

describe('URL source', () => {
  it('downloads, verifies and caches', async () => {
    const mnist = await loadMnist({ url: `${baseUrl}/good/`, sha256: digests, cacheDirectory });

    expect(mnist.train.count).toBe(SMALL_TRAIN_COUNT);
    expect(mnist.test.count).toBe(SMALL_TEST_COUNT);
    expect(requests.sort()).toEqual(
      MNIST_FILE_KEYS.map((key) => `/good/${downloadName(key)}`).sort(),
    );
    expect((await readdir(cacheDirectory)).sort()).toEqual(
      MNIST_FILE_KEYS.map(downloadName).sort(),
    );

    const again = await loadMnist({ url: `${baseUrl}/good`, sha256: digests, cacheDirectory });
    expect(requests).toHaveLength(4);
    expect(again.sha256).toBe(mnist.sha256);
  });

  it('rejects a download with another SHA-256', async () => {
    const wrong = { ...digests, testLabels: digests.trainLabels };

    await expect(
      loadMnist({ url: `${baseUrl}/good/`, sha256: wrong, cacheDirectory }),
    ).rejects.toThrow(
      `${baseUrl}/good/t10k-labels-idx1-ubyte.gz: SHA-256 of the download is ${digests.testLabels} but ${digests.trainLabels} was expected`,
    );
    const left = await readdir(cacheDirectory);
    expect(left).not.toContain('t10k-labels-idx1-ubyte.gz');
    expect(left.filter((name) => name.endsWith('.part'))).toEqual([]);
  });

  it('keeps a good file when a download is cut off', async () => {
    // The cached file is good, but the expected digest changed, so it is fetched again.
    const name = downloadName('trainImages');
    const good = new Uint8Array(served.get(name)!);
    await writeFile(join(cacheDirectory, name), good);
    const changed = { trainImages: '0'.repeat(64) };

    await expect(
      downloadMnistFiles(`${baseUrl}/truncated/`, { sha256: changed, cacheDirectory }),
    ).rejects.toThrow(
      new RegExp(
        `GET ${baseUrl}/truncated/train-images-idx3-ubyte.gz failed after \\d+ of ${good.length} bytes \\(terminated\\); try again.`,
      ),
    );

    expect(new Uint8Array(await readFile(join(cacheDirectory, name)))).toEqual(good);
    expect((await readdir(cacheDirectory)).filter((entry) => entry.endsWith('.part'))).toEqual([]);
  });

  it('rejects an HTML page served as the data', async () => {
    await expect(downloadMnistFiles(`${baseUrl}/html/`, { cacheDirectory })).rejects.toThrow(
      `${baseUrl}/html/train-images-idx3-ubyte.gz: not an IDX file (expected the magic 00 00 <type> <rank>); it looks like an HTML page`,
    );
    expect(await readdir(cacheDirectory)).toEqual([]);
  });

  it('reports an HTTP error', async () => {
    await expect(downloadMnistFiles(`${baseUrl}/missing/`, { cacheDirectory })).rejects.toThrow(
      `GET ${baseUrl}/missing/train-images-idx3-ubyte.gz failed with HTTP 404 Not Found; check the URL.`,
    );
    expect(await readdir(cacheDirectory)).toEqual([]);
  });

  it('reports progress per file', async () => {
    const progress: DownloadProgress[] = [];

    await downloadMnistFiles(`${baseUrl}/good/`, {
      cacheDirectory,
      onProgress: (record) => progress.push(record),
    });

    for (const key of MNIST_FILE_KEYS) {
      const records = progress.filter((record) => record.file === key);
      const size = served.get(downloadName(key))!.length;
      expect(records.length).toBeGreaterThan(0);
      expect(records.at(-1)).toEqual({
        file: key,
        url: `${baseUrl}/good/${downloadName(key)}`,
        loaded: size,
        total: size,
      });
    }
  });

  it('caches under XDG_CACHE_HOME by default', async () => {
    const previous = process.env.XDG_CACHE_HOME;
    process.env.XDG_CACHE_HOME = cacheDirectory;
    try {
      const paths = await downloadMnistFiles(`${baseUrl}/good/`);

      const urlHash = createHash('sha256').update(`${baseUrl}/good/`).digest('hex').slice(0, 16);
      expect(paths.trainImages).toBe(
        join(cacheDirectory, 'scratchnet', 'mnist', urlHash, 'train-images-idx3-ubyte.gz'),
      );
    } finally {
      if (previous === undefined) delete process.env.XDG_CACHE_HOME;
      else process.env.XDG_CACHE_HOME = previous;
    }
  });
});
