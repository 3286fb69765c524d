// Drawing in Chromium: real MNIST test digits traced as mouse strokes must be recognised at device
// pixel ratios 1 and 2, ink must land exactly under the pointer, and touch input must draw.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, saveScreenshot, startHarness, type Harness } from './harness';
import { readTestDigits, traceDigit, type TestDigit } from './mnist-strokes';

/** The first test digits, one of each of the labels 7, 2, 1, 0, 4; none is chosen by hand. */
const DIGIT_INDICES = [0, 1, 2, 3, 4];

let harness: Harness;
let digits: TestDigit[];

beforeAll(async () => {
  harness = await startHarness();
  digits = await readTestDigits(DIGIT_INDICES);
});

afterAll(async () => {
  await harness?.close();
});

/** Returns the canvas's backing store size and its client size in CSS pixels. */
function canvasSizes(page: Page): Promise<{ width: number; height: number; clientWidth: number; clientHeight: number }> {
  return page.locator('#drawing-canvas').evaluate((canvas: HTMLCanvasElement) => ({
    width: canvas.width,
    height: canvas.height,
    clientWidth: canvas.clientWidth,
    clientHeight: canvas.clientHeight,
  }));
}

/** Returns the red channel of the backing-store pixel under CSS position (x, y) of the content box. */
function inkAt(page: Page, x: number, y: number): Promise<number> {
  return page.locator('#drawing-canvas').evaluate(
    (canvas: HTMLCanvasElement, [cssX, cssY]) => {
      const scale = canvas.width / canvas.clientWidth;
      const context = canvas.getContext('2d')!;
      return context.getImageData(Math.floor(cssX * scale), Math.floor(cssY * scale), 1, 1).data[0];
    },
    [x, y],
  );
}

async function canvasOrigin(page: Page): Promise<{ left: number; top: number }> {
  return page.locator('#drawing-canvas').evaluate((canvas: HTMLCanvasElement) => {
    const rect = canvas.getBoundingClientRect();
    return { left: rect.left + canvas.clientLeft, top: rect.top + canvas.clientTop };
  });
}

/** Waits two animation frames, so the prediction scheduled by the last stroke has run. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

describe('drawing canvas', () => {
  for (const scale of [1, 2]) {
    it(`recognises traced digits at DPR ${scale}`, async () => {
      const page = await openApp(harness, { deviceScaleFactor: scale });
      const sizes = await canvasSizes(page);
      expect(sizes.width).toBe(Math.round(sizes.clientWidth * scale));
      expect(sizes.height).toBe(Math.round(sizes.clientHeight * scale));
      await expect.poll(() => page.locator('#canvas-prompt').isVisible()).toBe(true);
      if (scale === 1) await saveScreenshot(page, 'draw-empty');

      // A dot lands under the pointer and nowhere else.
      const origin = await canvasOrigin(page);
      await page.mouse.click(origin.left + 60, origin.top + 90);
      expect(await inkAt(page, 60, 90)).toBeLessThan(64);
      expect(await inkAt(page, 200, 90)).toBe(255);
      expect(await inkAt(page, 60, 200)).toBe(255);

      const predicted: string[] = [];
      for (const digit of digits) {
        await page.click('#clear-button');
        await expect.poll(() => page.locator('#canvas-prompt').isVisible()).toBe(true);
        await traceDigit(page, digit);
        await nextFrames(page);
        predicted.push((await page.locator('#prediction').getAttribute('data-predicted')) ?? '');
        if (digit === digits[0]) await saveScreenshot(page, `draw-dpr-${scale}`);
      }
      expect(predicted).toEqual(digits.map((digit) => String(digit.label)));
      await expect.poll(() => page.locator('#canvas-prompt').isVisible()).toBe(false);

      await page.context().close();
    });
  }

  it('draws with a touch stroke', async () => {
    const page = await openApp(harness, { hasTouch: true, isMobile: true, deviceScaleFactor: 3, viewport: { width: 420, height: 900 } });
    const origin = await canvasOrigin(page);
    const scrollBefore = await page.evaluate(() => window.scrollY);

    // Chromium's touch input: the page receives pointer events with pointerType "touch".
    const pointerTypes = page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const types: string[] = [];
          const canvas = document.querySelector('#drawing-canvas')!;
          canvas.addEventListener('pointermove', (event) => types.push((event as PointerEvent).pointerType));
          canvas.addEventListener('pointerup', () => resolve(types), { once: true });
        }),
    );
    const session = await page.context().newCDPSession(page);
    const points = Array.from({ length: 12 }, (_, i) => ({ x: origin.left + 150, y: origin.top + 40 + i * 20 }));
    await session.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] });
    for (const point of points.slice(1)) await session.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
    await session.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });

    expect((await pointerTypes).every((type) => type === 'touch')).toBe(true);
    expect(await inkAt(page, 150, 140)).toBeLessThan(64);
    expect(await inkAt(page, 40, 140)).toBe(255);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrollBefore);
    await expect.poll(() => page.locator('#canvas-prompt').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#prediction').getAttribute('data-predicted')).not.toBe('');
    await saveScreenshot(page, 'draw-touch');
    await page.context().close();
  });
});
