import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type * as UniversalEntry from './index.js';
import { MNIST_FILE_KEYS } from './mnist-data.js';
import type { MnistFileKey } from './mnist-data.js';
import {
  gzipBytes,
  SMALL_TEST_COUNT,
  SMALL_TRAIN_COUNT,
  smallMnistFiles,
} from './node/test-fixtures.js';

// Loads the built universal entry (dist/index.js) in headless Chromium, fetches gzip MNIST
// files from a server on 127.0.0.1, and preprocesses a digit drawn on a real canvas.
const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const canRun = existsSync(join(packageDirectory, 'dist/index.js')) && existsSync(CHROMIUM);

// The page exposes the module on window, because vitest rewrites import() inside evaluated functions.
const PAGE = `<!DOCTYPE html><title>mnist</title>
<script type="module">import * as mnist from '/dist/index.js'; window.scratchnetMnist = mnist;</script>`;

let server: Server;
let baseUrl: string;
let browser: Browser;
let rawDigest: string;

beforeAll(async () => {
  if (!canRun) return;
  const raw = await smallMnistFiles();
  const hash = createHash('sha256');
  for (const key of MNIST_FILE_KEYS) hash.update(raw[key]);
  rawDigest = hash.digest('hex');
  const gzipped = new Map(MNIST_FILE_KEYS.map((key) => [`/data/${key}.gz`, gzipBytes(raw[key])]));

  server = createServer((request, response) => {
    const url = request.url ?? '/';
    if (url === '/') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    } else if (gzipped.has(url)) {
      response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(gzipped.get(url));
    } else if (/^\/dist\/[\w.-]+\.js$/.test(url) && existsSync(join(packageDirectory, url))) {
      response
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(readFileSync(join(packageDirectory, url)));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  if (server !== undefined) await new Promise((done) => server.close(done));
});

// The few browser globals the evaluated functions use; the package compiles without the DOM library.
interface BrowserGlobals {
  scratchnetMnist: typeof UniversalEntry;
  document: {
    createElement(tag: 'canvas'): {
      width: number;
      height: number;
      getContext(kind: '2d'): {
        strokeStyle: string;
        lineWidth: number;
        lineCap: string;
        beginPath(): void;
        moveTo(x: number, y: number): void;
        lineTo(x: number, y: number): void;
        stroke(): void;
        getImageData(
          x: number,
          y: number,
          width: number,
          height: number,
        ): { data: Uint8ClampedArray };
      };
    };
  };
}

async function openPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${baseUrl}/`);
  await page.waitForFunction(() => 'scratchnetMnist' in globalThis);
  return page;
}

describe.skipIf(!canRun)('universal entry in Chromium', () => {
  it('fetches gzip MNIST with progress', async () => {
    const page = await openPage();
    const urls = Object.fromEntries(
      MNIST_FILE_KEYS.map((key) => [key, `${baseUrl}/data/${key}.gz`]),
    ) as Record<MnistFileKey, string>;

    const result = await page.evaluate(async (urls) => {
      const { fetchMnist } = (globalThis as unknown as BrowserGlobals).scratchnetMnist;
      let progressCalls = 0;
      const mnist = await fetchMnist(urls, { onProgress: () => progressCalls++ });
      return {
        trainCount: mnist.train.count,
        testCount: mnist.test.count,
        firstLabels: Array.from(mnist.train.labels.subarray(0, 5)),
        sha256: mnist.sha256,
        progressCalls,
      };
    }, urls);
    await page.close();

    expect(result.trainCount).toBe(SMALL_TRAIN_COUNT);
    expect(result.testCount).toBe(SMALL_TEST_COUNT);
    expect(result.firstLabels).toEqual([5, 0, 4, 1, 9]);
    expect(result.sha256).toBe(rawDigest);
    expect(result.progressCalls).toBeGreaterThan(0);
  });

  it('preprocesses a digit drawn on a transparent canvas', async () => {
    const page = await openPage();

    // A thick black "1" stroked on a transparent 200x200 canvas, left of center.
    const result = await page.evaluate(async () => {
      const { preprocessDigit } = (globalThis as unknown as BrowserGlobals).scratchnetMnist;
      const canvas = (globalThis as unknown as BrowserGlobals).document.createElement('canvas');
      canvas.width = 200;
      canvas.height = 200;
      const context = canvas.getContext('2d');
      context.strokeStyle = 'black';
      context.lineWidth = 16;
      context.lineCap = 'round';
      context.beginPath();
      context.moveTo(50, 30);
      context.lineTo(50, 170);
      context.stroke();
      const image = context.getImageData(0, 0, 200, 200);
      const digit = preprocessDigit({ width: 200, height: 200, channels: 4, data: image.data });
      return digit === null ? null : Array.from(digit.pixels);
    });
    await page.close();

    expect(result).not.toBeNull();
    const pixels = result!;
    let mass = 0;
    let massX = 0;
    let massY = 0;
    let top = 28;
    let bottom = -1;
    for (let i = 0; i < pixels.length; i++) {
      mass += pixels[i];
      massX += pixels[i] * (i % 28);
      massY += pixels[i] * Math.floor(i / 28);
      if (pixels[i] > 0) {
        top = Math.min(top, Math.floor(i / 28));
        bottom = Math.max(bottom, Math.floor(i / 28));
      }
    }
    // Light ink on dark, 20 px tall, center of mass within a pixel of (14, 14).
    expect(Math.max(...pixels)).toBe(255);
    expect(pixels[0]).toBe(0);
    expect(bottom - top + 1).toBe(20);
    expect(Math.abs(massX / mass - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(massY / mass - 14)).toBeLessThanOrEqual(1);
  });
});
