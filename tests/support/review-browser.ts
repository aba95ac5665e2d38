import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Where the review tests save screenshots (gitignored; look at them). */
export const reviewScreenshotDir = join(process.cwd(), 'test-artifacts', 'review');

/** Launches Debian's Chromium headless with the flags that work as root in a container. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(reviewScreenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A browser context (its own cookies) with a Chinese locale and a desktop viewport; page errors are collected. */
export async function newReviewContext(browser: Browser): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    // A 409 conflict or a 422 refusal is an answer the page shows, not an error of the page.
    if (message.type() === 'error' && !/status of (409|422)/.test(message.text())) errors.push(message.text());
  });
  return { context, page, errors };
}

/** Signs in through the sign-in page and waits for the queue. */
export async function signInWithBrowser(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await Promise.all([page.waitForURL(/\/queue/), page.click('button[type="submit"]')]);
}

/** Saves a screenshot under test-artifacts/review/. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(reviewScreenshotDir, `${name}.png`), fullPage });
}

/** Submits the action form `name` of the post page (optionally filling fields) and waits for the reload. */
export async function runPostAction(page: Page, name: string, fields: Record<string, string> = {}): Promise<void> {
  const form = page.locator(`form[data-name="${name}"]`);
  for (const [field, value] of Object.entries(fields)) {
    const input = form.locator(`[name="${field}"]`);
    if (await input.evaluate((element) => element.tagName === 'SELECT')) await input.selectOption(value);
    else await input.fill(value);
  }
  await Promise.all([page.waitForEvent('load'), form.locator('button[type="submit"]').first().click()]);
}
