/// <reference lib="dom" />
// Browser tests: Debian's Chromium driven by playwright-core against a real server on a
// random loopback port, on an in-memory database with the demo city.
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { createApp, ROOT } from '../../src/app.ts';
import { join } from 'node:path';
import { seedDemoCity, DEMO_PASSWORD } from '../../src/access/demo-city.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { TestClock } from './app.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser tests cannot run here, or null. Under CI a missing browser is a failure. */
export function browserSkipReason(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `Chromium not found at ${CHROMIUM} (install Debian's chromium package)`;
  if (process.env.CI === 'true') throw new Error(`${why} — required under CI=true`);
  return `${why}; browser tests skipped`;
}

export interface BrowserHarness {
  app: FastifyInstance;
  tdb: TestDatabase;
  clock: TestClock;
  baseUrl: string;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

export async function startBrowserHarness(opts: { clock?: TestClock; seed?: (tdb: TestDatabase, clock: TestClock) => Promise<void> } = {}): Promise<BrowserHarness> {
  const clock = opts.clock ?? new TestClock(new Date());
  const tdb = await createTestDatabase('pglite', clock.now());
  await seedDemoCity(tdb.database.db, clock.now());
  if (opts.seed) await opts.seed(tdb, clock);
  const app = await createApp({ database: tdb.database, now: clock.now, webDir: join(ROOT, 'dist', 'web') });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);
  return {
    app, tdb, clock, baseUrl, browser, page,
    close: async () => {
      await browser.close();
      await app.close();
      await tdb.drop();
    },
  };
}

export async function signIn(page: Page, baseUrl: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/**
 * Chooses `label` in the antd Select with `testId` (typing `search` first for remote selects),
 * then closes the dropdown if it stays open and waits until none is, so the next click is not
 * intercepted by a dropdown still animating or re-rendering its search results.
 */
export async function pickOption(page: Page, testId: string, label: string, search?: string) {
  await page.getByTestId(testId).click();
  if (search) {
    await page.keyboard.type(search);
    // Remote selects debounce and replace their options; wait for the answer to the full text.
    await page.waitForResponse((r) => r.url().includes(encodeURIComponent(search)) || r.url().includes(search), { timeout: 5000 }).catch(() => {});
  }
  // Only once the dropdown has finished sliding in: an option clicked mid-motion can move away
  // between Playwright's hit test and the click, and the choice is silently lost (seen under load).
  const settled = '.ant-select-dropdown:not(.ant-select-dropdown-hidden):not([class*="-appear"]):not([class*="-enter"]):not([class*="-leave"])';
  await page.locator(`${settled} .ant-select-item-option[title="${label}"]`).first().click();
  // A multi-select stays open after a choice; Escape closes the dropdown (the open Select
  // consumes the key, so a surrounding drawer or modal stays open).
  const open = () => page.evaluate(() => !!document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
  await page.waitForTimeout(300);
  if (await open()) await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('.ant-select-dropdown:not(.ant-select-dropdown-hidden)'));
  await page.getByTestId(testId).filter({ hasText: label }).waitFor();
}
