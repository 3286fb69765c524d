// Loading model files through the file input. A valid file replaces the model and its metadata is
// shown. A corrupted one shows the format's own error, and the previous model stays in use.
import { Random } from '@scratchnet/matrix';
import { decodeModel, encodeModel } from '@scratchnet/model-format';
import { Network } from '@scratchnet/network';
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

/** Encodes an untrained 784-16-10 tanh network with a recognisable training record. */
function smallModel(): Uint8Array {
  const network = Network.create({ sizes: [784, 16, 10], activation: 'tanh' }, { initializer: 'glorot-uniform', random: new Random(7) });
  return encodeModel(network, {
    training: {
      preset: 'file-input-check',
      options: { optimizer: 'sgd', learningRate: 0.1, batchSize: 32 },
      seed: 7,
      steps: 0,
      epochs: 0,
      metrics: { testAccuracy: 0.1234 },
      scratchnetVersion: '0.1.0',
      date: '2026-01-02T03:04:05.000Z',
    },
  });
}

/** Returns the message decodeModel raises for `bytes`. */
function formatErrorMessage(bytes: Uint8Array): string {
  try {
    decodeModel(bytes);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('The corrupted model decoded without error, so it cannot test error handling.');
}

function metadataText(page: Page): Promise<string> {
  return page.locator('#model-metadata').innerText();
}

describe('model file input', () => {
  it('switches model and keeps it on bad files', async () => {
    const page = await openApp(harness);
    // The tabs work from the keyboard: End selects the last one.
    await page.focus('#tab-draw');
    await page.keyboard.press('End');
    expect(await page.locator('#tab-model').getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#view-model').isVisible()).toBe(true);
    expect(await page.locator('#view-draw').isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('tab-model');
    await expect.poll(() => page.locator('#model-summary').getAttribute('data-source')).toBe('default');
    const defaultSummary = await page.locator('#model-summary').innerText();
    await saveScreenshot(page, 'model-default');

    // A valid file replaces the model.
    const bytes = smallModel();
    await page.setInputFiles('#model-file', { name: 'small.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
    await expect.poll(() => page.locator('#model-summary').getAttribute('data-source')).toBe('file');
    const summary = await page.locator('#model-summary').innerText();
    expect(summary).toContain('small.safetensors');
    expect(summary).toContain('784-16-10');
    expect(summary).toContain('12.34 %');
    const metadata = await metadataText(page);
    expect(metadata).toContain('784 → 16 → 10');
    expect(metadata).toContain('tanh');
    expect(metadata).toContain('file-input-check');
    expect(metadata).toContain('12.34 %');
    expect(metadata).toContain(decodeModel(bytes).metadata.tensorsSha256);
    expect(await page.locator('#model-error').innerText()).toBe('');

    // A flipped byte in the tensor data breaks the checksum; the page shows the format's message.
    const corrupted = bytes.slice();
    corrupted[corrupted.length - 1] ^= 0xff;
    const expectedMessage = formatErrorMessage(corrupted);
    await page.setInputFiles('#model-file', { name: 'corrupted.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(corrupted) });
    await expect.poll(() => page.locator('#model-error').innerText()).toContain(expectedMessage);
    expect(await page.locator('#model-error').innerText()).toContain('corrupted.safetensors');
    expect(await page.locator('#model-summary').innerText()).toBe(summary);
    expect(await metadataText(page)).toBe(metadata);

    // A file that is not a model at all: the header length is nonsense.
    const garbage = new TextEncoder().encode('this is not a safetensors file, just text');
    const garbageMessage = formatErrorMessage(garbage);
    await page.setInputFiles('#model-file', { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from(garbage) });
    await expect.poll(() => page.locator('#model-error').innerText()).toContain(garbageMessage);
    expect(await page.locator('#model-summary').innerText()).toBe(summary);
    await saveScreenshot(page, 'model-error');

    // The loaded model is remembered in IndexedDB across a reload.
    await page.reload();
    await expect.poll(() => page.locator('#model-summary').getAttribute('data-source')).toBe('stored');
    expect(await page.locator('#model-summary').innerText()).toBe(summary);

    // And the default model comes back on request.
    await page.click('#tab-model');
    await page.click('#model-reset');
    await expect.poll(() => page.locator('#model-summary').getAttribute('data-source')).toBe('default');
    expect(await page.locator('#model-summary').innerText()).toBe(defaultSummary);

    // Dropping a file anywhere on the page loads it too.
    await page.click('#tab-draw');
    await page.evaluate((fileBytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(fileBytes)], 'dropped.safetensors'));
      for (const type of ['dragenter', 'dragover', 'drop']) {
        document.querySelector('#probability-bars')!.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
      }
    }, Array.from(bytes));
    await expect.poll(() => page.locator('#model-summary').getAttribute('data-source')).toBe('file');
    expect(await page.locator('#model-summary').innerText()).toContain('dropped.safetensors');
    expect(await page.locator('#view-model').isVisible()).toBe(true);
    expect(await page.evaluate(() => document.body.classList.contains('is-dragging'))).toBe(false);
    await page.context().close();
  });
});
