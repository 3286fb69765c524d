// Training in the worker: the chart grows while the page still responds to clicks, pause stops the
// steps, stop hands a trained model to the page, and the inspect view evaluates it on the test set.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, saveScreenshot, startHarness, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

function pointCount(page: Page): Promise<number> {
  return page.locator('#loss-chart').evaluate((element) => Number((element as HTMLElement).dataset.pointCount ?? 0));
}

function validationPointCount(page: Page): Promise<number> {
  return page.locator('#loss-chart').evaluate((element) => Number((element as HTMLElement).dataset.validationPointCount ?? 0));
}

describe('training in the worker', () => {
  it('updates charts while the page responds', async () => {
    const page = await openApp(harness);
    await page.click('#tab-train');
    await page.fill('#train-sizes', '784, 32, 10');
    await page.selectOption('#train-activation', 'relu');
    await page.selectOption('#train-optimizer', 'adam');
    await page.fill('#train-learning-rate', '0.002');
    await page.fill('#train-batch-size', '128');
    // Far more epochs than the test waits for, so the run is still going when pause and stop are
    // clicked; stop ends it.
    await page.fill('#train-epochs', '1000');
    await page.click('#train-start');

    // MNIST loads (with its indicator), then steps arrive and the chart grows.
    await expect.poll(() => pointCount(page), { timeout: 60_000 }).toBeGreaterThan(20);
    const before = await pointCount(page);
    // The page is cross-origin isolated, so the worker trains with the wasm backend on threads.
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const cores = await page.evaluate(() => navigator.hardwareConcurrency);
    const threads = cores > 1 ? /wasm backend, [2-8] threads/ : /wasm backend, 1 thread/;
    expect(await page.locator('#training-status').innerText()).toMatch(threads);

    // While the worker trains, a click on another tab takes effect within a few seconds. The
    // bound leaves room for a busy 2-core CI machine, and a page blocked by training misses it.
    const started = Date.now();
    await page.click('#tab-model', { timeout: 3000 });
    expect(await page.locator('#view-model').isVisible()).toBe(true);
    expect(Date.now() - started).toBeLessThan(3000);
    await page.click('#tab-train');
    await expect.poll(() => pointCount(page)).toBeGreaterThan(before);

    // Pause stops the steps, and resume continues them.
    await page.click('#train-pause');
    await expect.poll(() => page.locator('#train-pause').innerText()).toBe('Resume');
    const paused = await pointCount(page);
    await page.waitForTimeout(500);
    expect(await pointCount(page)).toBe(paused);
    await page.click('#train-pause');
    await expect.poll(() => pointCount(page)).toBeGreaterThan(paused);

    // Each epoch ends with a validation point on the charts.
    await expect.poll(() => validationPointCount(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(1);

    // Stop: the network trained so far is evaluated and becomes the drawing model.
    await page.click('#train-stop');
    await expect.poll(() => page.locator('#model-summary').getAttribute('data-source'), { timeout: 30_000 }).toBe('trained');
    expect(await page.locator('#training-status').innerText()).toMatch(/test accuracy \d+\.\d+ %/);
    expect(await page.locator('#model-summary').innerText()).toContain('784-32-10');
    expect(await page.locator('#train-download').isEnabled()).toBe(true);
    await saveScreenshot(page, 'train');

    // The download button hands over a .safetensors file.
    const download = page.waitForEvent('download');
    await page.click('#train-download');
    expect((await download).suggestedFilename()).toMatch(/\.safetensors$/);

    // Inspect: weights of the trained model, confusion matrix and mistakes on the test set.
    await page.click('#tab-inspect');
    await expect.poll(() => page.locator('#confusion-matrix td').count(), { timeout: 30_000 }).toBe(100);
    const cells = await page.locator('#confusion-matrix td').allInnerTexts();
    expect(cells.map(Number).reduce((sum, count) => sum + count, 0)).toBe(10_000);
    expect(await page.locator('#mistakes-gallery li').count()).toBeGreaterThan(0);
    expect(await page.locator('#weights-canvas').getAttribute('aria-label')).toContain('32 of 32 hidden units');
    await saveScreenshot(page, 'inspect');
    await page.context().close();
  });
});
