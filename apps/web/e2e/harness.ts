// Shared setup of the end-to-end tests: the built app on a local server and Debian's Chromium,
// headless, driven by playwright-core.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { startStaticServer, type StaticServer } from './static-server';

export const appDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
export const distDirectory = join(appDirectory, 'dist');
export const screenshotDirectory = join(appDirectory, 'test-results');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Harness {
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

/** Serves dist/ and launches Chromium; throws with a fix when either is missing. */
export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(distDirectory, 'index.html'))) {
    throw new Error(`${distDirectory}/index.html is missing: run \`pnpm --filter @scratchnet/web build\` before the end-to-end tests.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium was not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`);
  }
  mkdirSync(screenshotDirectory, { recursive: true });
  const server = await startStaticServer(distDirectory);
  // Playwright gives every launch a fresh temporary profile (--user-data-dir) and removes it on close.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens the app in a new context and waits until its model has loaded. */
export async function openApp(harness: Harness, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await harness.browser.newContext({ viewport: { width: 1100, height: 900 }, ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(harness.server.url);
  await page.waitForFunction(() => document.querySelector('#model-summary')?.hasAttribute('data-source') === true, undefined, {
    timeout: 20_000,
  });
  if (errors.length > 0) throw new Error(`The page threw while loading: ${errors.join('; ')}`);
  return page;
}

/** Saves a full-page screenshot as test-results/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshotDirectory, `${name}.png`), fullPage: true });
}
